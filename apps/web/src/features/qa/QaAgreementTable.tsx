import type { QaAgreementRow } from '@backoffice/contracts';
import { Table, Text } from '@mantine/core';

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;

/** The dashboard's QA panel: outcomes recorded in the range, per person whose decision was reviewed. */
export function QaAgreementTable({ rows }: { rows: QaAgreementRow[] }) {
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        No QA outcome was recorded in this range.
      </Text>
    );
  }
  return (
    <Table striped aria-label="QA agreement per reviewer">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Decided by</Table.Th>
          <Table.Th ta="right">Reviewed</Table.Th>
          <Table.Th ta="right">Agreed</Table.Th>
          <Table.Th ta="right">Disagreed</Table.Th>
          <Table.Th ta="right">Agreement</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.userId ?? 'provider'}>
            <Table.Td>{row.userId === null ? 'Provider' : (row.name ?? 'Unknown user')}</Table.Td>
            <Table.Td ta="right">{row.reviewed}</Table.Td>
            <Table.Td ta="right">{row.agreed}</Table.Td>
            <Table.Td ta="right">{row.disagreed}</Table.Td>
            <Table.Td ta="right">{percent(row.agreementRate)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
