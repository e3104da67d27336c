import type { Tag } from '@backoffice/contracts';
import { Select, type SelectProps } from '@mantine/core';

/** Picks one tag by name; `includeRetired` for filtering and removing (a retired tag is still on cases). */
export function TagSelect({
  tags,
  value,
  onChange,
  includeRetired = false,
  ...props
}: {
  tags: Tag[];
  value: number | null;
  onChange: (tagId: number | null) => void;
  includeRetired?: boolean;
} & Omit<SelectProps, 'data' | 'value' | 'onChange'>) {
  const data = tags
    .filter((tag) => includeRetired || !tag.retired)
    .map((tag) => ({ value: String(tag.id), label: tag.retired ? `${tag.name} (retired)` : tag.name }));
  return (
    <Select
      size="xs"
      searchable
      clearable
      data={data}
      value={value === null ? null : String(value)}
      onChange={(next) => onChange(next === null ? null : Number(next))}
      nothingFoundMessage="No tag of that name"
      {...props}
    />
  );
}
