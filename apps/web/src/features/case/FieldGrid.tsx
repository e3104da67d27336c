import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { MissingValue } from '../../components/MissingValue';

export interface Field {
  label: string;
  value: ReactNode | null | undefined;
  /** Spans the full row (long values such as an address). */
  wide?: boolean;
}

/** Label/value pairs as a real definition list, laid out as a responsive grid. */
export function FieldGrid({ fields, minColumnWidth = 200 }: { fields: Field[]; minColumnWidth?: number }) {
  return (
    <dl
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(auto-fill, minmax(${minColumnWidth}px, 1fr))`,
        gap: 'var(--mantine-spacing-sm) var(--mantine-spacing-lg)',
        margin: 0,
      }}
    >
      {fields.map((field) => (
        <div key={field.label} style={field.wide ? { gridColumn: '1 / -1' } : undefined}>
          <Text component="dt" size="xs" c="dimmed" fw={500}>
            {field.label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {field.value === null || field.value === undefined || field.value === '' ? (
              <MissingValue />
            ) : (
              field.value
            )}
          </Text>
        </div>
      ))}
    </dl>
  );
}
