import { CASE_STATUS_LABELS, CaseStatus, type StatusCounts } from '@backoffice/contracts';
import { Badge, Tabs } from '@mantine/core';
import { formatCount } from '../../components/format';
import { ALL_STATUSES_TOKEN } from './queueSearchParams';

/** Tab order follows the analyst's day: work first, then outcomes. */
const TAB_STATUSES: CaseStatus[] = [
  'needs_review',
  'escalated',
  'pending',
  'approved',
  'rejected',
  'expired',
];
/** Tabs whose non-zero count is work waiting for someone: the analysts' queue and the managers' escalations. */
const WAITING_STATUSES = new Set<CaseStatus>(['needs_review', 'escalated']);

function tabValueOf(status: CaseStatus[]): string | null {
  if (status.length === 0) return ALL_STATUSES_TOKEN;
  if (status.length === 1) return status[0]!;
  // A shared link may combine statuses; no single tab represents it.
  return null;
}

export function StatusTabs({
  status,
  counts,
  onChange,
}: {
  status: CaseStatus[];
  counts: StatusCounts | undefined;
  onChange: (status: CaseStatus[]) => void;
}) {
  const total = counts ? CaseStatus.options.reduce((sum, key) => sum + (counts[key] ?? 0), 0) : undefined;

  const countBadge = (count: number | undefined, highlight: boolean) =>
    count === undefined ? null : (
      <Badge
        size="sm"
        variant={highlight ? 'filled' : 'light'}
        color={highlight ? 'orange' : 'gray'}
        radius="sm"
      >
        {formatCount(count)}
      </Badge>
    );

  return (
    <Tabs
      value={tabValueOf(status)}
      onChange={(value) => {
        if (value === null) return;
        onChange(value === ALL_STATUSES_TOKEN ? [] : [value as CaseStatus]);
      }}
      aria-label="Case status"
      keepMounted={false}
    >
      <Tabs.List>
        {TAB_STATUSES.map((key) => (
          <Tabs.Tab
            key={key}
            value={key}
            rightSection={countBadge(counts?.[key], WAITING_STATUSES.has(key) && (counts?.[key] ?? 0) > 0)}
          >
            {CASE_STATUS_LABELS[key]}
          </Tabs.Tab>
        ))}
        <Tabs.Tab value={ALL_STATUSES_TOKEN} rightSection={countBadge(total, false)}>
          All
        </Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
