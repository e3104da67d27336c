import type { AuditEntry } from '@backoffice/contracts';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import {
  IconCalendar,
  IconChevronDown,
  IconChevronRight,
  IconDownload,
  IconFilterOff,
  IconShieldCheck,
} from '@tabler/icons-react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { Fragment, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type AuditSearch, auditExportUrl, fetchAudit, fetchAuditVerify } from '../../api/endpoints';
import { auditKeys } from '../../app/queryKeys';
import { CopyableValue } from '../../components/CopyableValue';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime, humanizeCode } from '../../components/format';
import { PROVIDER_LABELS } from '../../components/labels';
import { AuditDiff } from './AuditDiff';
import { auditActionOptions } from './auditActions';
import { parseAuditSearch, toApiSearch, toAuditParams } from './auditSearchParams';

const PAGE_SIZE = 100;

function FiltersBar({ search, onApply }: { search: AuditSearch; onApply: (next: AuditSearch) => void }) {
  const [draft, setDraft] = useState(search);
  // The URL is the truth: back/forward or a link click replaces what is typed.
  useEffect(() => setDraft(search), [search]);
  const hasFilters = Object.values(search).some(Boolean);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onApply({
          ...draft,
          actorId: draft.actorId?.trim(),
          caseId: draft.caseId?.trim(),
        });
      }}
      aria-label="Audit filters"
    >
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Actor id"
          size="xs"
          w={170}
          value={draft.actorId ?? ''}
          onChange={(event) => setDraft({ ...draft, actorId: event.currentTarget.value })}
        />
        <Select
          label="Action"
          size="xs"
          w={230}
          placeholder="Any"
          searchable
          clearable
          data={auditActionOptions()}
          value={draft.action ?? null}
          onChange={(value) => setDraft({ ...draft, action: value ?? undefined })}
        />
        <TextInput
          label="Case id"
          size="xs"
          w={100}
          inputMode="numeric"
          value={draft.caseId ?? ''}
          onChange={(event) => setDraft({ ...draft, caseId: event.currentTarget.value })}
        />
        <Select
          label="Provider"
          size="xs"
          w={130}
          placeholder="Any"
          clearable
          data={Object.entries(PROVIDER_LABELS).map(([value, label]) => ({ value, label }))}
          value={draft.provider ?? null}
          onChange={(value) => setDraft({ ...draft, provider: value ?? undefined })}
        />
        <DatePickerInput
          type="range"
          label="Date"
          placeholder="Any date"
          size="xs"
          w={210}
          leftSection={<IconCalendar size={14} />}
          valueFormat="D MMM YYYY"
          value={[draft.from ?? null, draft.to ?? null]}
          onChange={([from, to]) =>
            setDraft({ ...draft, from: from ?? undefined, to: to ?? from ?? undefined })
          }
          allowSingleDateInRange
          clearable
          maxDate={new Date()}
        />
        <Button type="submit" size="xs">
          Apply filters
        </Button>
        {hasFilters && (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            leftSection={<IconFilterOff size={14} />}
            onClick={() => onApply({})}
          >
            Clear
          </Button>
        )}
      </Group>
    </form>
  );
}

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

function EntryDetails({ entry }: { entry: AuditEntry }) {
  return (
    <Stack gap="sm" p="xs">
      <AuditDiff before={entry.before} after={entry.after} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" w={80}>
            Request id
          </Text>
          {entry.requestId ? (
            <CopyableValue value={entry.requestId} label="request id" />
          ) : (
            <Text size="sm">—</Text>
          )}
        </Group>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" w={80}>
            IP address
          </Text>
          <Text size="sm" ff="monospace">
            {entry.ip ?? '—'}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap" align="flex-start" style={{ gridColumn: '1 / -1' }}>
          <Text size="xs" c="dimmed" w={80}>
            User agent
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere', flex: 1 }}>
            {entry.userAgent ?? '—'}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap" style={{ gridColumn: '1 / -1' }}>
          <Text size="xs" c="dimmed" w={80}>
            Row hash
          </Text>
          <Text size="xs" ff="monospace" c="dimmed" style={{ overflowWrap: 'anywhere', flex: 1 }}>
            {entry.hash}
          </Text>
        </Group>
      </SimpleGrid>
    </Stack>
  );
}

function VerifyChain() {
  const verify = useMutation({ mutationFn: () => fetchAuditVerify() });
  return (
    <Stack gap="xs" align="flex-end">
      <Button
        size="xs"
        variant="light"
        leftSection={<IconShieldCheck size={14} />}
        onClick={() => verify.mutate()}
        loading={verify.isPending}
      >
        Verify chain
      </Button>
      {verify.data &&
        (verify.data.ok ? (
          <Alert color="green" variant="light" py={6} role="status" title="Chain intact">
            All {verify.data.rows.toLocaleString('en')} rows verify; none was edited or removed.
          </Alert>
        ) : (
          <Alert color="red" variant="light" py={6} role="alert" title="Chain broken">
            First broken row: #{verify.data.firstBrokenId ?? '?'}
            {verify.data.reason ? ` — ${verify.data.reason}` : ''}. Rows from there on cannot be trusted.
          </Alert>
        ))}
      {verify.isError && <ErrorState title="Verification could not run" error={verify.error} />}
    </Stack>
  );
}

export function AuditPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = useMemo(() => parseAuditSearch(searchParams), [searchParams]);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());

  useEffect(() => {
    document.title = 'Audit log · Compliance review';
    return () => {
      document.title = 'Compliance review';
    };
  }, []);

  const query = useInfiniteQuery({
    queryKey: auditKeys.list(search),
    queryFn: ({ pageParam, signal }) =>
      fetchAudit({ ...toApiSearch(search), limit: String(PAGE_SIZE), before: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.nextBefore === null ? undefined : String(last.nextBefore)),
  });
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

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
              onClick={() =>
                setExpanded((current) => {
                  const next = new Set(current);
                  if (open) next.delete(row.original.id);
                  else next.add(row.original.id);
                  return next;
                })
              }
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
    [expanded],
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

  const apply = (next: AuditSearch) => {
    setExpanded(new Set());
    setSearchParams(toAuditParams(next));
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            Audit log
          </Title>
          <Text size="sm" c="dimmed">
            Every change, newest first. Append-only and hash-chained.
          </Text>
        </div>
        <Group gap="sm" align="flex-start">
          <Button
            component="a"
            href={auditExportUrl(toApiSearch(search))}
            download
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
          >
            Export CSV
          </Button>
          <VerifyChain />
        </Group>
      </Group>
      <Paper withBorder radius="sm" p="sm">
        <FiltersBar search={search} onApply={apply} />
      </Paper>
      {query.isError && !query.data ? (
        <ErrorState
          title="The audit log could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <Paper withBorder radius="sm">
          <Table.ScrollContainer minWidth={900}>
            <Table
              aria-label="Audit entries"
              aria-busy={query.isFetching}
              verticalSpacing="xs"
              highlightOnHover
            >
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
                {query.isPending ? (
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
                            <EntryDetails entry={row.original} />
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
              {rows.length.toLocaleString('en')} {rows.length === 1 ? 'entry' : 'entries'} shown
            </Text>
            {query.hasNextPage ? (
              <Button
                size="xs"
                variant="default"
                onClick={() => void query.fetchNextPage()}
                loading={query.isFetchingNextPage}
              >
                Load older
              </Button>
            ) : rows.length > 0 ? (
              <Text size="xs" c="dimmed">
                Oldest entry reached
              </Text>
            ) : null}
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
