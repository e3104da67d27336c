import {
  CaseKind,
  Provider,
  QA_ITEM_STATUS_LABELS,
  QA_REASON_CODES,
  QA_SAMPLE_REASON_LABELS,
  QaItemStatus,
  type QaItemView,
  QaSampleReason,
} from '@backoffice/contracts';
import { Badge, Button, Group, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { CaseRowsTable, ListPageIntro, StatusCell } from '../../components/CaseRowsTable';
import { formatDateTime } from '../../components/format';
import { CASE_KIND_LABELS, PROVIDER_LABELS } from '../../components/labels';
import { useCan } from '../auth/useMe';
import { QaOutcomeDialog } from './QaOutcomeDialog';
import { QaSamplingPanel } from './QaSamplingPanel';
import { fetchQaItems, type QaSearch, qaKeys } from './qaApi';

const STATUS_COLORS: Record<QaItemStatus, string> = { open: 'blue', agreed: 'green', disagreed: 'red' };
const FILTERS = ['status', 'provider', 'kind', 'reason', 'before'] as const;

/** The filters that are off unless chosen. */
const OPTIONAL_FILTERS = [
  {
    key: 'provider',
    label: 'Provider',
    placeholder: 'Any',
    options: Provider.options.map((p) => ({ value: p, label: PROVIDER_LABELS[p] })),
    width: 160,
  },
  {
    key: 'kind',
    label: 'Type',
    placeholder: 'Any',
    options: CaseKind.options.map((k) => ({ value: k, label: CASE_KIND_LABELS[k] })),
    width: 180,
  },
  {
    key: 'reason',
    label: 'Sampled for',
    placeholder: 'Any reason',
    options: QaSampleReason.options.map((r) => ({ value: r, label: QA_SAMPLE_REASON_LABELS[r] })),
    width: 180,
  },
] as const;

/** Filters live in the URL so a reviewer can share a link to a filtered QA queue. */
function useQaSearch(): [QaSearch, (next: QaSearch) => void] {
  const [params, setParams] = useSearchParams();
  const search: QaSearch = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) search[key] = value;
  }
  if (!params.has('status')) search.status = 'open';
  const set = (next: QaSearch) => {
    const out = new URLSearchParams();
    for (const key of FILTERS) if (next[key]) out.set(key, next[key]!);
    if (!next.status) out.set('status', 'all');
    setParams(out);
  };
  return [search, set];
}

export function QaPage() {
  const [search, setSearch] = useQaSearch();
  const apiSearch = { ...search, status: search.status === 'all' ? undefined : search.status };
  const canConfigure = useCan('qa:settings');
  const [open, setOpen] = useState<QaItemView | null>(null);
  const query = useQuery({
    queryKey: qaKeys.list(apiSearch),
    queryFn: ({ signal }) => fetchQaItems(apiSearch, signal),
    placeholderData: keepPreviousData,
  });
  const filter = (key: (typeof FILTERS)[number], value: string | null) =>
    setSearch({ ...search, before: undefined, [key]: value ?? undefined });

  return (
    <Stack gap="md">
      <ListPageIntro title="QA review">
        Closed cases sampled for a second look. Agree or disagree with the decision; nobody reviews a case
        they took part in.
      </ListPageIntro>
      <Group align="flex-end">
        <Select
          label="Status"
          data={[
            { value: 'all', label: 'All' },
            ...QaItemStatus.options.map((s) => ({ value: s, label: QA_ITEM_STATUS_LABELS[s] })),
          ]}
          value={search.status ?? 'all'}
          onChange={(value) => filter('status', value === 'all' ? null : value)}
          allowDeselect={false}
          w={160}
        />
        {OPTIONAL_FILTERS.map((field) => (
          <Select
            key={field.key}
            label={field.label}
            placeholder={field.placeholder}
            clearable
            data={field.options}
            value={search[field.key] ?? null}
            onChange={(value) => filter(field.key, value)}
            w={field.width}
          />
        ))}
      </Group>
      <CaseRowsTable
        label="QA items"
        columns={['Decision', 'Decided by', 'Sampled for', 'QA status', 'Outcome']}
        rows={query.data?.items}
        empty="No QA item matches these filters."
        query={query}
        errorTitle="The QA queue could not be loaded"
        cells={(item) => (
          <>
            <Table.Td>
              <Text size="sm">{item.caseStatus === 'approved' ? 'Approved' : 'Declined'}</Text>
              <Text size="xs">{formatDateTime(item.decidedAt)}</Text>
            </Table.Td>
            <Table.Td>{item.decidedBy?.name ?? 'Provider'}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {item.reasons.map((r) => (
                  <Badge key={r} variant="outline" color="gray" size="sm" radius="sm">
                    {QA_SAMPLE_REASON_LABELS[r]}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <StatusCell
              color={STATUS_COLORS[item.status]}
              label={QA_ITEM_STATUS_LABELS[item.status]}
              note={item.followUpFlagged ? 'Case flagged' : null}
            />
            <Table.Td>
              {item.status !== 'open' ? (
                <Text size="sm">
                  {item.reasonCode ? QA_REASON_CODES[item.reasonCode].label : ''}
                  {item.reviewer ? ` (${item.reviewer.name})` : ''}
                </Text>
              ) : item.youTookPart ? (
                <Tooltip label="You took part in this decision; someone else must review it." withArrow>
                  <Button
                    size="xs"
                    variant="default"
                    disabled
                    aria-label={`Record outcome for case #${item.caseId} (you took part)`}
                  >
                    You took part
                  </Button>
                </Tooltip>
              ) : (
                <Button
                  size="xs"
                  onClick={() => setOpen(item)}
                  aria-label={`Record outcome for case #${item.caseId}`}
                >
                  Record outcome
                </Button>
              )}
            </Table.Td>
          </>
        )}
      />
      {query.data?.nextBefore && (
        <Group>
          <Button
            variant="default"
            onClick={() => setSearch({ ...search, before: String(query.data.nextBefore) })}
          >
            Older items
          </Button>
        </Group>
      )}
      {canConfigure && <QaSamplingPanel />}
      {open && <QaOutcomeDialog item={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
