import type { AuditEntry } from '@backoffice/contracts';
import { ActionIcon, Anchor, Badge, Button, Group, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { Fragment, useMemo } from 'react';
import { Link } from 'react-router';
import { formatCount, formatDateTime, humanizeCode } from '../../components/format';
import { PROVIDER_LABELS } from '../../components/labels';
import { AuditEntryDetails } from './AuditEntryDetails';

function ActorCell({ entry }: { entry: AuditEntry }) {
  if (entry.actorType !== 'user') {
    return (
      <Text size="sm">
        {entry.actorType === 'provider' ? `Provider${entry.actorId ? ` ${entry.actorId}` : ''}` : 'System'}
      </Text>
    );
  }
  return (
    <div>
      <Text size="sm">{entry.actorName ?? entry.actorId ?? 'Unknown user'}</Text>
      {entry.actorRole && (
        <Text size="xs" c="dimmed">
          {entry.actorRole}
        </Text>
      )}
    </div>
  );
}

export interface AuditTableProps {
  rows: AuditEntry[];
  loading: boolean;
  refreshing: boolean;
  /** Ids of the rows whose details are open. */
  expanded: ReadonlySet<number>;
  onToggle: (id: number) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/** The audit entries, newest first, in manual mode: the server filters and pages. */
export function AuditTable({
  rows,
  loading,
  refreshing,
  expanded,
  onToggle,
  hasMore,
  loadingMore,
  onLoadMore,
}: AuditTableProps) {
  const columns = useMemo<ColumnDef<AuditEntry>[]>(
    () => [
      {
        id: 'expand',
        header: () => <VisuallyHidden>Details</VisuallyHidden>,
        cell: ({ row }) => {
          const open = expanded.has(row.original.id);
          return (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-expanded={open}
              aria-label={`${open ? 'Hide' : 'Show'} details of entry ${row.original.id}`}
              onClick={() => onToggle(row.original.id)}
            >
              {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
            </ActionIcon>
          );
        },
      },
      {
        id: 'at',
        header: 'Time',
        cell: ({ row }) => (
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(row.original.at)}
          </Text>
        ),
      },
      { id: 'actor', header: 'Actor', cell: ({ row }) => <ActorCell entry={row.original} /> },
      {
        id: 'action',
        header: 'Action',
        cell: ({ row }) => (
          <div>
            <Text size="sm">{humanizeCode(row.original.action)}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {row.original.action}
            </Text>
          </div>
        ),
      },
      {
        id: 'case',
        header: 'Case',
        cell: ({ row }) =>
          row.original.caseId === null ? (
            <Text size="sm" c="dimmed">
              —
            </Text>
          ) : (
            <Anchor component={Link} to={`/cases/${row.original.caseId}`} size="sm">
              {row.original.caseId}
            </Anchor>
          ),
      },
      {
        id: 'provider',
        header: 'Provider',
        cell: ({ row }) =>
          row.original.provider ? (
            <Badge variant="light" color="gray" radius="sm" tt="none">
              {PROVIDER_LABELS[row.original.provider as keyof typeof PROVIDER_LABELS] ??
                row.original.provider}
            </Badge>
          ) : null,
      },
      {
        id: 'reason',
        header: 'Reason',
        cell: ({ row }) => (
          <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
            {row.original.reason ?? ''}
          </Text>
        ),
      },
    ],
    [expanded, onToggle],
  );

  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualFiltering: true,
    manualSorting: true,
    getRowId: (row) => String(row.id),
  });

  return (
    <Paper withBorder radius="sm">
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label="Audit entries" aria-busy={refreshing} verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => (
                  <Table.Th key={header.id} w={header.id === 'expand' ? 40 : undefined}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </Table.Th>
                ))}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {loading ? (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Text size="sm" c="dimmed" ta="center" py="lg">
                    Loading audit entries…
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Text size="sm" c="dimmed" ta="center" py="lg">
                    No audit entries match these filters.
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <Fragment key={row.id}>
                  <Table.Tr data-audit-id={row.original.id}>
                    {row.getVisibleCells().map((cell) => (
                      <Table.Td key={cell.id} style={{ verticalAlign: 'top' }}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                  {expanded.has(row.original.id) && (
                    <Table.Tr>
                      <Table.Td />
                      <Table.Td colSpan={columns.length - 1} bg="var(--app-page-bg)">
                        <AuditEntryDetails entry={row.original} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" p="sm">
        <Text size="xs" c="dimmed">
          {formatCount(rows.length)} {rows.length === 1 ? 'entry' : 'entries'} shown
        </Text>
        {hasMore ? (
          <Button size="xs" variant="default" onClick={onLoadMore} loading={loadingMore}>
            Load older
          </Button>
        ) : rows.length > 0 ? (
          <Text size="xs" c="dimmed">
            Oldest entry reached
          </Text>
        ) : null}
      </Group>
    </Paper>
  );
}
