import type { DriftView } from '@backoffice/contracts';
import { Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { CaseRowsTable, ListPageIntro, StatusCell } from '../../components/CaseRowsTable';
import { formatDateTime } from '../../components/format';
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

const _label = (map: Record<string, string>, key: string) => map[key] ?? key;

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
      <ListPageIntro title="Provider drift">
        Cases where the provider now reports something other than our decision (for example a decision changed
        in the provider's console). The case keeps our decision until a manager resolves it.
      </ListPageIntro>
      <Select
        label="Status"
        data={FILTERS.map((value) => ({ value, label: FILTER_LABELS[value] }))}
        value={status}
        onChange={(value) => setParams(value && value !== 'unresolved' ? { status: value } : {})}
        allowDeselect={false}
        w={180}
      />
      <CaseRowsTable
        label="Drifts"
        columns={['Ours', 'Provider now', 'Detected', 'Status', 'Action']}
        rows={drifts}
        empty="No drift matches this filter."
        query={query}
        errorTitle="The drift list could not be loaded"
        cells={(drift) => (
          <>
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
            <StatusCell
              color={STATUS_COLORS[drift.status]}
              label={DRIFT_STATUS_LABELS[drift.status]}
              note={drift.resolution ? RESOLUTION_LABELS[drift.resolution] : null}
            />
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
          </>
        )}
      />
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
