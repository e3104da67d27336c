import { Anchor, Badge, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorState } from './ErrorState';
import { CASE_KIND_LABELS, PROVIDER_LABELS } from './labels';

const label = (map: Record<string, string>, key: string) => map[key] ?? key;

/** A supervision page's title and what it lists. */
export function ListPageIntro({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <Title order={2}>{title}</Title>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** A case-rows table's status cell: the status as a badge, and a short line under it when there is one. */
export function StatusCell({ color, label, note }: { color: string; label: string; note: string | null }) {
  return (
    <Table.Td>
      <Badge color={color} variant="light" size="sm" radius="sm">
        {label}
      </Badge>
      {note && <Text size="xs">{note}</Text>}
    </Table.Td>
  );
}

interface CaseRow {
  id: number;
  caseId: number;
  provider: string;
  kind: string;
}

/**
 * A list of rows about cases (drift, QA): the case link and its provider · type first, then the page's own
 * columns; an empty-state row; the load error in the table's place.
 */
export function CaseRowsTable<T extends CaseRow>(props: {
  label: string;
  columns: string[];
  rows: T[] | undefined;
  empty: string;
  /** The rows' query: its load error, with a retry, takes the table's place. */
  query: { isError: boolean; error: Error | null; refetch: () => Promise<unknown> };
  errorTitle: string;
  cells: (row: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isError && query.error) {
    return <ErrorState title={props.errorTitle} error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <Table striped highlightOnHover aria-label={props.label}>
      <Table.Thead>
        <Table.Tr>
          {['Case', 'Provider · type', ...props.columns].map((column) => (
            <Table.Th key={column}>{column}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.rows?.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={props.columns.length + 2}>
              <Text size="sm">{props.empty}</Text>
            </Table.Td>
          </Table.Tr>
        )}
        {props.rows?.map((row) => (
          <Table.Tr key={row.id}>
            <Table.Td>
              <Anchor component={Link} to={`/cases/${row.caseId}`}>
                Case #{row.caseId}
              </Anchor>
            </Table.Td>
            <Table.Td>
              {label(PROVIDER_LABELS, row.provider)} · {label(CASE_KIND_LABELS, row.kind)}
            </Table.Td>
            {props.cells(row)}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
