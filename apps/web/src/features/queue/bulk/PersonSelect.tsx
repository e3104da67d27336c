import { Select, type SelectProps } from '@mantine/core';
import { useReviewers } from '../tags/tagsApi';

/** Picks one active analyst or manager by name (bulk assign, the assignee filter). */
export function PersonSelect({
  value,
  onChange,
  ...props
}: { value: string | null; onChange: (userId: string | null) => void } & Omit<
  SelectProps,
  'data' | 'value' | 'onChange'
>) {
  const people = useReviewers();
  return (
    <Select
      size="xs"
      searchable
      clearable
      data={(people.data ?? []).map((person) => ({ value: person.id, label: person.name }))}
      value={value}
      onChange={onChange}
      nothingFoundMessage="Nobody of that name"
      {...props}
    />
  );
}
