import { Badge, List, type MantineSpacing, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A dimmed sentence standing where a section has nothing to show. */
export function EmptyNote({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/** A titled list of codes or messages within a section (the title also names the list), or `empty` without any. */
export function TitledList({
  title,
  items,
  empty,
  children: renderItem,
}: {
  title: string;
  items: readonly string[];
  empty: string;
  children: (item: string) => ReactNode;
}) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500} mb={4}>
        {title}
      </Text>
      {items.length === 0 ? (
        <EmptyNote>{empty}</EmptyNote>
      ) : (
        <List size="sm" spacing={2} aria-label={title}>
          {items.map((item) => (
            <List.Item key={item}>{renderItem(item)}</List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

/** A count in a section's header that turns red while there is anything to look at (matches, mismatches). */
export function AttentionCountBadge({ count, children }: { count: number; children: ReactNode }) {
  return (
    <Badge size="sm" radius="sm" variant={count ? 'filled' : 'light'} color={count ? 'red' : 'gray'}>
      {children}
    </Badge>
  );
}

/** A column heading: its text, or a keyed node (a visually hidden label, a right-aligned number column). */
export type DataTableColumn = string | { key: string; label: ReactNode; ta?: 'right' };

/** A compared field's row (`id` is its evidence anchor), marked and tinted red where the sources disagree. */
export function ComparisonRow({
  id,
  mismatch,
  children,
}: {
  id: string;
  mismatch: boolean;
  children: ReactNode;
}) {
  return (
    <Table.Tr
      id={id}
      data-mismatch={mismatch || undefined}
      bg={mismatch ? 'var(--mantine-color-red-light)' : undefined}
    >
      {children}
    </Table.Tr>
  );
}

/** A right-aligned column, for numbers. */
export const numberColumn = (label: string): DataTableColumn => ({ key: label, label, ta: 'right' });

/** A row's number cells, in the order of their `numberColumn` headings. */
export function NumberCells({ values }: { values: ReactNode[] }) {
  return values.map((value, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the cells are a fixed list, one per column
    <Table.Td key={index} ta="right">
      {value}
    </Table.Td>
  ));
}

/** A table's header row. */
export function TableHeader({ columns }: { columns: readonly DataTableColumn[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column) =>
          typeof column === 'string' ? (
            <Table.Th key={column}>{column}</Table.Th>
          ) : (
            <Table.Th key={column.key} ta={column.ta}>
              {column.label}
            </Table.Th>
          ),
        )}
      </Table.Tr>
    </Table.Thead>
  );
}

/**
 * Rows as a table that scrolls sideways on narrow screens. `children` renders one row (`Table.Tr`).
 * With `empty`, that note stands in for a table without rows; without it such a table shows its header
 * alone (the users table leaves it out: the signed-in admin is always one of its rows).
 */
export function DataTable<T>({
  label,
  columns,
  rows,
  empty,
  minWidth,
  verticalSpacing = 6,
  striped,
  children: renderRow,
}: {
  label: string;
  columns: readonly DataTableColumn[];
  rows: readonly T[];
  empty?: ReactNode;
  minWidth: number;
  verticalSpacing?: MantineSpacing;
  striped?: boolean;
  children: (row: T, index: number) => ReactNode;
}) {
  if (rows.length === 0 && empty !== undefined) return <EmptyNote>{empty}</EmptyNote>;
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing={verticalSpacing} striped={striped} aria-label={label}>
        <TableHeader columns={columns} />
        <Table.Tbody>{rows.map(renderRow)}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
