import { Text } from '@mantine/core';

/** A value the provider did not send. Rendered as a dash with a spoken label, never as an empty cell. */
export function MissingValue({ label = 'Not provided' }: { label?: string }) {
  return (
    <Text span size="sm" c="dimmed" aria-label={label} title={label}>
      —
    </Text>
  );
}
