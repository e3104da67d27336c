import { Button, MultiSelect, type MultiSelectProps } from '@mantine/core';
import { DatePickerInput, type DatePickerInputProps } from '@mantine/dates';
import { IconCalendar, IconFilterOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** A filter bar's day range: compact, up to today, and a single day counts as a range. */
export function DateRangeFilter(props: Omit<DatePickerInputProps<'range'>, 'type'>) {
  return (
    <DatePickerInput
      type="range"
      size="xs"
      leftSection={<IconCalendar size={14} />}
      valueFormat="D MMM YYYY"
      allowSingleDateInRange
      maxDate={new Date()}
      {...props}
    />
  );
}

/** The quiet button that takes a filter bar back to no filters. */
export function ClearFiltersButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button
      size="xs"
      variant="subtle"
      color="gray"
      leftSection={<IconFilterOff size={14} />}
      onClick={onClick}
    >
      {children}
    </Button>
  );
}

/** A filter bar's multi-select: compact and clearable; its "any …" placeholder shows only while nothing is picked. */
export function FilterMultiSelect({
  anyLabel,
  value,
  ...props
}: Omit<MultiSelectProps, 'placeholder' | 'size' | 'clearable' | 'value'> & {
  anyLabel: string;
  value: string[];
}) {
  return (
    <MultiSelect
      placeholder={value.length ? undefined : anyLabel}
      size="xs"
      value={value}
      clearable
      {...props}
    />
  );
}
