import { Code, Table, Text } from '@mantine/core';

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Field-by-field before → after of one audit row; unchanged fields are left out. */
export function AuditDiff({
  before,
  after,
}: {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}) {
  if (!before && !after) {
    return (
      <Text size="sm" c="dimmed">
        No before/after recorded for this entry.
      </Text>
    );
  }
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  const changed = keys.filter((key) => show(before?.[key]) !== show(after?.[key]));
  if (changed.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No field changed.
      </Text>
    );
  }
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" aria-label="Changes" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="22%">Field</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changed.map((key) => (
          <Table.Tr key={key}>
            <Table.Td>
              <Code>{key}</Code>
            </Table.Td>
            <Table.Td bg="var(--mantine-color-red-light)" style={{ overflowWrap: 'anywhere' }}>
              {before && key in before ? (
                show(before[key])
              ) : (
                <Text span c="dimmed" size="sm">
                  (not set)
                </Text>
              )}
            </Table.Td>
            <Table.Td bg="var(--mantine-color-green-light)" style={{ overflowWrap: 'anywhere' }}>
              {after && key in after ? (
                show(after[key])
              ) : (
                <Text span c="dimmed" size="sm">
                  (removed)
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
