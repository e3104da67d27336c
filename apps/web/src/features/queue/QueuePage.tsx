import { CASE_STATUS_LABELS } from '@backoffice/contracts';
import { Alert, Button, EmptyState, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import {
  IconChevronLeft,
  IconChevronRight,
  IconChevronsLeft,
  IconFilterOff,
  IconInbox,
  IconInfoCircle,
} from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { ErrorState } from '../../components/ErrorState';
import { NewScreeningButton } from '../screening/NewScreeningButton';
import { QueueShortcuts } from '../triage/QueueShortcuts';
import { TriageEndNotice } from '../triage/TriageEndNotice';
import { BulkBar } from './bulk/BulkBar';
import { EMPTY_SELECTION, keepOnPage, togglePage, toggleRow } from './bulk/selection';
import { selectionColumn } from './bulk/selectionColumn';
import { QueueFiltersBar } from './QueueFiltersBar';
import { QueueTable } from './QueueTable';
import { clearNarrowingFilters, DEFAULT_QUEUE_FILTERS, hasNarrowingFilters } from './queueSearchParams';
import { StatusTabs } from './StatusTabs';
import { tagsColumn } from './tags/tagsColumn';
import { useCaseList } from './useCaseList';
import { useQueueFilters } from './useQueueFilters';
import { QueueToolbar } from './views/QueueToolbar';
import { WorkloadBar } from './WorkloadBar';

const QUEUE_EXTRA_COLUMNS = [tagsColumn];

export function QueuePage() {
  const { filters, setFilters, replaceFilters } = useQueueFilters();
  const list = useCaseList(filters);
  const items = list.data?.items ?? [];
  const narrowed = hasNarrowingFilters(filters);
  const statusLabel =
    filters.status.length === 1 ? CASE_STATUS_LABELS[filters.status[0]!].toLowerCase() : null;

  const clearFilters = () => replaceFilters(clearNarrowingFilters(filters));

  // Bulk selection covers the rows on screen; paging or filtering keeps only rows still shown.
  const [rawSelection, setSelection] = useState(EMPTY_SELECTION);
  const pageIds = useMemo(() => items.map((item) => item.id), [items]);
  const selection = keepOnPage(rawSelection, pageIds);
  const leadingColumns = useMemo(
    () => [
      selectionColumn({
        selected: selection.ids,
        pageIds,
        onToggleRow: (id, shift) => setSelection(toggleRow(selection, pageIds, id, shift)),
        onTogglePage: () => setSelection(togglePage(selection, pageIds)),
      }),
    ],
    [selection, pageIds],
  );

  // The tab title tells an analyst working elsewhere how much is waiting.
  const waiting = list.data?.counts.needs_review;
  useEffect(() => {
    document.title = waiting
      ? `(${waiting}) Review queue · Compliance review`
      : 'Review queue · Compliance review';
  }, [waiting]);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3">
          Review queue
        </Title>
        <Group gap="md" align="baseline">
          <Text size="xs" c="dimmed">
            Counts on the tabs cover the provider and type filters.
          </Text>
          <NewScreeningButton />
        </Group>
      </Group>

      <TriageEndNotice />
      <QueueShortcuts list={list.data} placeholder={list.isPlaceholderData} />
      <Paper withBorder radius="sm" p={0}>
        <StatusTabs
          status={filters.status}
          counts={list.data?.counts}
          onChange={(status) => setFilters({ status })}
        />
        <Stack gap="sm" p="sm">
          <WorkloadBar filters={filters} workload={list.data?.workload} onChange={setFilters} />
          <QueueFiltersBar filters={filters} onChange={setFilters} onClear={clearFilters} />
          <QueueToolbar filters={filters} onChange={setFilters} />
        </Stack>
        <BulkBar
          selected={pageIds.filter((id) => selection.ids.has(id))}
          onDone={(done) =>
            setSelection({
              ids: new Set([...selection.ids].filter((id) => !done.includes(id))),
              anchor: null,
            })
          }
        />
        {/* Thin bar instead of skeletons when rows are already on screen (paging, filter change, live update). */}
        <Progress
          value={100}
          animated
          size={2}
          radius={0}
          style={{ visibility: list.isFetching && list.data ? 'visible' : 'hidden' }}
          aria-hidden
        />

        {list.data?.searchCapped && (
          <Alert color="yellow" variant="light" radius={0} p="xs" px="sm" icon={<IconInfoCircle size={16} />}>
            <Text size="sm">
              {filters.sort === 'createdAt' && list.data.nextCursor
                ? 'To answer quickly, this page comes from part of the matching cases and may hold fewer rows; the next page reads on. Add a word or a filter to narrow the search.'
                : 'This search matches more cases than the queue can rank; the newest matches are shown. Add a word or a filter to narrow it.'}
            </Text>
          </Alert>
        )}

        {list.isError && !list.data ? (
          <Stack p="md">
            <ErrorState
              title="The queue could not be loaded"
              error={list.error}
              onRetry={() => void list.refetch()}
              retrying={list.isFetching}
            >
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => replaceFilters(DEFAULT_QUEUE_FILTERS)}
              >
                Reset to the default view
              </Button>
            </ErrorState>
          </Stack>
        ) : !list.isPending && items.length === 0 ? (
          <EmptyState
            py="xl"
            icon={<IconInbox size={28} />}
            withIndicatorBackground
            title={
              narrowed ? 'No cases match these filters' : `No ${statusLabel ?? ''} cases`.replace('  ', ' ')
            }
            description={
              narrowed
                ? 'Try removing a filter or widening the date range.'
                : filters.status.includes('needs_review')
                  ? 'Nothing is waiting for review right now. New cases appear here automatically.'
                  : 'Cases appear here as providers report them.'
            }
          >
            {narrowed && (
              <EmptyState.Actions>
                <Button size="xs" leftSection={<IconFilterOff size={14} />} onClick={clearFilters}>
                  Clear filters
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        ) : (
          <QueueTable
            items={items}
            loading={list.isPending}
            refreshing={list.isFetching}
            sort={filters.sort}
            order={filters.order}
            onSortChange={(sort, order) => setFilters({ sort, order })}
            leadingColumns={leadingColumns}
            extraColumns={QUEUE_EXTRA_COLUMNS}
            hiddenColumns={filters.hide}
          />
        )}

        {(list.data?.prevCursor || list.data?.nextCursor || filters.cursor) && (
          <Group
            justify="space-between"
            p="sm"
            style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
          >
            <Text size="xs" c="dimmed">
              {items.length} {items.length === 1 ? 'case' : 'cases'} on this page
            </Text>
            <Group gap="xs" role="navigation" aria-label="Pages">
              {[
                // `to` is the page's cursor (null: the first page); undefined when there is no such page.
                {
                  label: 'First page',
                  left: <IconChevronsLeft size={14} />,
                  to: filters.cursor ? null : undefined,
                },
                {
                  label: 'Previous',
                  left: <IconChevronLeft size={14} />,
                  to: list.data?.prevCursor || undefined,
                },
                {
                  label: 'Next',
                  right: <IconChevronRight size={14} />,
                  to: list.data?.nextCursor || undefined,
                },
              ].map((page) => (
                <Button
                  key={page.label}
                  size="xs"
                  variant="default"
                  leftSection={page.left}
                  rightSection={page.right}
                  disabled={page.to === undefined}
                  onClick={() => page.to !== undefined && setFilters({ cursor: page.to })}
                >
                  {page.label}
                </Button>
              ))}
            </Group>
          </Group>
        )}
      </Paper>
    </Stack>
  );
}
