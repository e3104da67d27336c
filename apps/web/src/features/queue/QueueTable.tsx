import type { CaseSortField, CaseSummary, SortOrder } from '@backoffice/contracts';
import { Group, Skeleton, Table, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { type KeyboardEvent, startTransition, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CaseFlagBadge, CaseStatusBadge, RiskScore } from '../../components/Badges';
import { DeferredTooltip } from '../../components/DeferredTooltip';
import { countryName, formatDateTime } from '../../components/format';
import { CASE_KIND_LABELS, PROVIDER_LABELS } from '../../components/labels';
import { MissingValue } from '../../components/MissingValue';
import classes from './QueueTable.module.css';

const SORTABLE: ReadonlySet<string> = new Set<CaseSortField>([
  'createdAt',
  'updatedAt',
  'riskScore',
  'dueAt',
]);

/** "3 h", "2 d": how long a case has been waiting, at a glance. */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** Overdue only while the case still waits for a decision; a decided case keeps its due time as a record. */
export function isOverdue(item: Pick<CaseSummary, 'status' | 'dueAt'>, now: number): boolean {
  return item.status === 'needs_review' && item.dueAt !== null && Date.parse(item.dueAt) < now;
}

const columnDefs: ColumnDef<CaseSummary>[] = [
  {
    id: 'subjectName',
    header: 'Subject',
    cell: ({ row }) => {
      const item = row.original;
      return (
        <div>
          <Link
            to={`/cases/${item.id}`}
            className={classes.subject}
            tabIndex={-1}
            // The row handles the click; the link exists for middle-click / open in new tab.
            onClick={(event) => event.stopPropagation()}
          >
            {item.subjectName ?? <MissingValue label="Name not extracted" />}
          </Link>
          {item.subjectRef && (
            <div className={`${classes.secondary} ${classes.truncated}`}>{item.subjectRef}</div>
          )}
        </div>
      );
    },
  },
  {
    id: 'document',
    header: 'Document no.',
    cell: ({ row }) =>
      row.original.documentNumberMasked ? (
        <span className={classes.mono}>{row.original.documentNumberMasked}</span>
      ) : (
        <MissingValue />
      ),
  },
  {
    id: 'source',
    header: 'Provider · type',
    cell: ({ row }) => (
      <div>
        <div>{PROVIDER_LABELS[row.original.provider]}</div>
        <div className={classes.secondary}>{CASE_KIND_LABELS[row.original.kind]}</div>
      </div>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    cell: ({ row }) => (
      <div>
        <CaseStatusBadge status={row.original.status} providerStatus={row.original.providerStatus} />
        <div className={`${classes.secondary} ${classes.statusDetail}`}>{row.original.providerStatus}</div>
        {row.original.flag && <CaseFlagBadge flag={row.original.flag} size="xs" />}
      </div>
    ),
  },
  {
    id: 'riskScore',
    // Sortable columns need an accessor for TanStack to offer sorting; the data is sorted by the server.
    accessorKey: 'riskScore',
    header: 'Risk',
    cell: ({ row }) => <RiskScore score={row.original.riskScore} band={row.original.riskBand} />,
  },
  {
    id: 'warnings',
    header: 'Warnings',
    cell: ({ row }) => {
      const count = row.original.warningCount;
      if (count === 0) return <span className={classes.dimmed}>0</span>;
      return (
        <span className={classes.warnings}>
          <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" aria-hidden />
          {count}
        </span>
      );
    },
  },
  {
    id: 'country',
    header: 'Country',
    cell: ({ row }) => {
      const code = row.original.subjectCountry;
      if (!code) return <MissingValue />;
      // Two-letter codes get their English name on hover. The label renders only when the tooltip
      // opens, so the region names are not loaded for a queue nobody hovers.
      if (!/^[A-Za-z]{2}$/.test(code)) return <span>{code}</span>;
      return (
        <DeferredTooltip label={<CountryNameLabel code={code} />} withArrow openDelay={300}>
          <span>{code}</span>
        </DeferredTooltip>
      );
    },
  },
  {
    id: 'assignee',
    header: 'Assignee',
    cell: ({ row }) =>
      row.original.assignee ? (
        <span>{row.original.assignee.name}</span>
      ) : (
        <span className={classes.dimmed}>Unassigned</span>
      ),
  },
  {
    id: 'dueAt',
    accessorKey: 'dueAt',
    header: 'Due',
    cell: ({ row }) => <DueCell item={row.original} />,
  },
  {
    id: 'createdAt',
    accessorKey: 'createdAt',
    header: 'Created',
    cell: ({ row }) => <DateCell iso={row.original.createdAt} />,
  },
  {
    id: 'updatedAt',
    accessorKey: 'updatedAt',
    header: 'Updated',
    cell: ({ row }) => <DateCell iso={row.original.updatedAt} />,
  },
];

// Newest / riskiest first is what an analyst wants on the first click of a sortable header.
const columns = columnDefs.map((column) => ({
  ...column,
  enableSorting: SORTABLE.has(column.id ?? ''),
  sortDescFirst: true,
}));

function CountryNameLabel({ code }: { code: string }) {
  return countryName(code) ?? 'Country code not recognised';
}

function DateCell({ iso }: { iso: string }) {
  return <span className={classes.time}>{formatDateTime(iso)}</span>;
}

function DueCell({ item }: { item: CaseSummary }) {
  const now = Date.now();
  if (!item.dueAt) return <MissingValue />;
  const overdue = isOverdue(item, now);
  const since = item.reviewEnteredAt ?? item.createdAt;
  return (
    <div data-overdue={overdue || undefined}>
      <span className={overdue ? `${classes.time} ${classes.overdue}` : classes.time}>
        {overdue ? 'Overdue · ' : ''}
        {formatDateTime(item.dueAt)}
      </span>
      {item.status === 'needs_review' && (
        <div className={classes.secondary}>waiting {formatAge(now - Date.parse(since))}</div>
      )}
    </div>
  );
}

function SortIcon({ direction }: { direction: false | 'asc' | 'desc' }) {
  if (direction === 'asc') return <IconArrowUp size={14} aria-hidden />;
  if (direction === 'desc') return <IconArrowDown size={14} aria-hidden />;
  return <IconArrowsSort size={14} aria-hidden opacity={0.4} />;
}

/** Moves focus between rows with the arrow keys, like a list in a desktop tool. */
function focusSiblingRow(current: HTMLElement, step: 1 | -1) {
  const sibling = step === 1 ? current.nextElementSibling : current.previousElementSibling;
  if (sibling instanceof HTMLElement) sibling.focus();
}

const SKELETON_ROWS = 8;

/**
 * Rows drawn in the table's first commit with data: a little more than a screenful at 1280×720. The
 * rest of the page follows in a transition, after that frame has been drawn, so opening the queue
 * shows the first cases without waiting for fifty rows of components (docs/architecture.md, "Queue
 * cold load"). The page's data is usually in the cache before the table mounts (the route prefetches
 * it), so this applies from the first render. Once the table has drawn a full page it draws every row
 * at once: a new page or filter must not shrink the table under the reader's pointer.
 */
export const FIRST_SCREEN_ROWS = 12;

export function QueueTable({
  items,
  loading,
  refreshing,
  sort,
  order,
  onSortChange,
  leadingColumns,
  extraColumns,
  hiddenColumns,
}: {
  items: CaseSummary[];
  loading: boolean;
  /** Rows on screen are being replaced (new page, filter, live update). */
  refreshing: boolean;
  sort: CaseSortField;
  order: SortOrder;
  onSortChange: (sort: CaseSortField, order: SortOrder) => void;
  /** Columns before the built-in ones (the selection box) and after them (tags). */
  leadingColumns?: ColumnDef<CaseSummary>[];
  extraColumns?: ColumnDef<CaseSummary>[];
  /** Column ids not shown. */
  hiddenColumns?: string[];
}) {
  const navigate = useNavigate();
  const allColumns = useMemo(
    () => [...(leadingColumns ?? []), ...columns, ...(extraColumns ?? [])],
    [leadingColumns, extraColumns],
  );
  const columnVisibility = useMemo(
    () => Object.fromEntries((hiddenColumns ?? []).map((id) => [id, false])),
    [hiddenColumns],
  );
  const sorting: SortingState = [{ id: sort, desc: order === 'desc' }];
  const table = useReactTable({
    data: items,
    columns: allColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row.id),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first && SORTABLE.has(first.id))
        onSortChange(first.id as CaseSortField, first.desc ? 'desc' : 'asc');
    },
  });

  const [drawEveryRow, setDrawEveryRow] = useState(false);
  useEffect(() => {
    if (!drawEveryRow && items.length > 0) startTransition(() => setDrawEveryRow(true));
  }, [drawEveryRow, items.length]);
  const rows = table.getRowModel().rows;
  const drawnRows = drawEveryRow ? rows : rows.slice(0, FIRST_SCREEN_ROWS);
  const rowsToCome = drawnRows.length < rows.length;

  const openCase = (id: number) => navigate(`/cases/${id}`);

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, id: number) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      openCase(id);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusSiblingRow(event.currentTarget, 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      focusSiblingRow(event.currentTarget, -1);
    }
  };

  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table
        highlightOnHover
        striped={false}
        stickyHeader
        aria-label="Cases"
        aria-busy={loading || refreshing || rowsToCome}
      >
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const label = flexRender(header.column.columnDef.header, header.getContext());
                if (!header.column.getCanSort()) {
                  return (
                    <Table.Th key={header.id} style={{ whiteSpace: 'nowrap' }}>
                      {label}
                    </Table.Th>
                  );
                }
                const direction = header.column.getIsSorted();
                return (
                  <Table.Th
                    key={header.id}
                    aria-sort={
                      direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'
                    }
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    <UnstyledButton
                      onClick={header.column.getToggleSortingHandler()}
                      aria-label={`Sort by ${String(header.column.columnDef.header)}`}
                      fw={direction ? 700 : 600}
                      fz="sm"
                    >
                      <Group gap={4} wrap="nowrap">
                        {label}
                        <SortIcon direction={direction} />
                      </Group>
                    </UnstyledButton>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {loading && items.length === 0
            ? Array.from({ length: SKELETON_ROWS }, (_, rowIndex) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: skeleton rows have no identity
                <Table.Tr key={rowIndex} data-testid="skeleton-row">
                  {columns.map((column) => (
                    <Table.Td key={column.id}>
                      <Skeleton height={14} radius="sm" my={4} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : drawnRows.map((row) => (
                // Plain rows and cells with Mantine's table classes (the table's own settings: row
                // borders and hover, no column borders or stripes), for the same reason as the cells.
                <tr
                  key={row.id}
                  className={`${Table.classes.tr} ${classes.row}`}
                  data-with-row-border
                  data-hover
                  tabIndex={0}
                  aria-label={`Open case ${row.original.id}${row.original.subjectName ? ` — ${row.original.subjectName}` : ''}`}
                  style={{ cursor: 'pointer' }}
                  onClick={() => openCase(row.original.id)}
                  onKeyDown={(event) => onRowKeyDown(event, row.original.id)}
                  data-case-id={row.original.id}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={Table.classes.td}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
