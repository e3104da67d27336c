import type { DriftView } from '@backoffice/contracts';
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../components/format';
import { CASE_KIND_LABELS, PROVIDER_LABELS } from '../../components/labels';
import { useMe } from '../auth/useMe';
import { DriftResolveDialog } from './DriftResolveDialog';
import { type DriftFilter, driftKeys, fetchDrifts } from './driftApi';
import { DRIFT_STATUS_LABELS, RESOLUTION_LABELS, statusLabel } from './labels';

const STATUS_COLORS: Record<DriftView['status'], string> = {
  open: 'red',
  awaiting_approval: 'yellow',
  resolved: 'green',
};
const FILTERS: DriftFilter[] = ['unresolved', 'resolved', 'all'];
const FILTER_LABELS: Record<DriftFilter, string> = {
  unresolved: 'Unresolved',
  resolved: 'Resolved',
  all: 'All',
};

const label = (map: Record<string, string>, key: string) => map[key] ?? key;

/** Cases whose provider state diverges from our decision; the filter lives in the URL. */
export function DriftPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: DriftFilter = FILTERS.includes(raw as DriftFilter) ? (raw as DriftFilter) : 'unresolved';
  const me = useMe();
  const [open, setOpen] = useState<DriftView | null>(null);
  const query = useInfiniteQuery({
    queryKey: driftKeys.list(status),
    queryFn: ({ pageParam, signal }) => fetchDrifts(status, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    placeholderData: keepPreviousData,
  });
  const drifts = useMemo(() => query.data?.pages.flatMap((page) => page.items), [query.data]);

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Provider drift</Title>
        <Text size="sm">
          Cases where the provider now reports something other than our decision (for example a decision
          changed in the provider's console). The case keeps our decision until a manager resolves it.
        </Text>
      </div>
      <Select
        label="Status"
        data={FILTERS.map((value) => ({ value, label: FILTER_LABELS[value] }))}
        value={status}
        onChange={(value) => setParams(value && value !== 'unresolved' ? { status: value } : {})}
        allowDeselect={false}
        w={180}
      />
      {query.isError ? (
        <ErrorState
          title="The drift list could not be loaded"
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : (
        <Table striped highlightOnHover aria-label="Drifts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Case</Table.Th>
              <Table.Th>Provider · type</Table.Th>
              <Table.Th>Ours</Table.Th>
              <Table.Th>Provider now</Table.Th>
              <Table.Th>Detected</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Action</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {drifts?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text size="sm">No drift matches this filter.</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {drifts?.map((drift) => (
              <Table.Tr key={drift.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${drift.caseId}`}>
                    Case #{drift.caseId}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {label(PROVIDER_LABELS, drift.provider)} · {label(CASE_KIND_LABELS, drift.kind)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{statusLabel(drift.ours.status)}</Text>
                  <Text size="xs">{drift.ours.providerStatus}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{statusLabel(drift.theirs.status)}</Text>
                  <Text size="xs">
                    {drift.theirs.providerStatus}, seen {formatDateTime(drift.theirs.seenAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(drift.detectedAt)}</Text>
                  <Text size="xs">
                    by {drift.source === 'webhook' ? 'webhook' : 'reconciliation'}
                    {drift.seenCount > 1 ? `, seen ${drift.seenCount} times` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[drift.status]} variant="light" size="sm" radius="sm">
                    {DRIFT_STATUS_LABELS[drift.status]}
                  </Badge>
                  {drift.resolution && <Text size="xs">{RESOLUTION_LABELS[drift.resolution]}</Text>}
                </Table.Td>
                <Table.Td>
                  {drift.status !== 'resolved' && (
                    <Button
                      size="xs"
                      onClick={() => setOpen(drift)}
                      aria-label={`Resolve drift on case #${drift.caseId}`}
                    >
                      {drift.status === 'awaiting_approval' ? 'Review' : 'Resolve'}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {query.hasNextPage && (
        <Group justify="center">
          <Button
            size="xs"
            variant="default"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
          >
            Load older drifts
          </Button>
        </Group>
      )}
      {open && <DriftResolveDialog drift={open} meId={me.data?.id ?? null} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
