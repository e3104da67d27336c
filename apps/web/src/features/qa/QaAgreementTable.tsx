import type { QaAgreementRow } from '@backoffice/contracts';
import { Table, Text } from '@mantine/core';
import { NumberCells, numberColumn, TableHeader } from '../../components/DataTable';

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
      <TableHeader
        columns={['Decided by', ...['Reviewed', 'Agreed', 'Disagreed', 'Agreement'].map(numberColumn)]}
      />
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.userId ?? 'provider'}>
            <Table.Td>{row.userId === null ? 'Provider' : (row.name ?? 'Unknown user')}</Table.Td>
            <NumberCells values={[row.reviewed, row.agreed, row.disagreed, percent(row.agreementRate)]} />
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
