import {
  BACKLOG_BUCKET_LABELS,
  DASHBOARD_MAX_DAYS,
  type DashboardResponse as Dashboard,
  DashboardResponse,
  ROUTES,
  routePath,
} from '@backoffice/contracts';
import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { apiRequest, withQuery } from '../../api/client';
import { NumberCells, numberColumn, TableHeader } from '../../components/DataTable';
import { ErrorState } from '../../components/ErrorState';
import { DateRangeFilter } from '../../components/filters';
import { formatDateTime } from '../../components/format';
import { CASE_KIND_LABELS, PROVIDER_LABELS } from '../../components/labels';
import { QaAgreementTable } from '../qa/QaAgreementTable';
import { type DashboardRange, parseDashboardRange, utcDate } from './dashboardSearch';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const fetchDashboard = (range: DashboardRange, signal?: AbortSignal) =>
  apiRequest(withQuery(routePath(ROUTES.dashboard), { ...range }), DashboardResponse, { signal });

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;

function duration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < HOUR) return `${Math.round(ms / 60_000)} min`;
  if (ms < DAY) return `${(ms / HOUR).toFixed(1)} h`;
  return `${(ms / DAY).toFixed(1)} d`;
}

/** A card whose title links to the queue or audit view holding the rows it counts. */
function Panel({
  title,
  to,
  linkLabel,
  children,
}: {
  title: string;
  to: string;
  linkLabel: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Anchor component={Link} to={to} size="sm">
          {linkLabel}
        </Anchor>
      </Group>
      {children}
    </Paper>
  );
}

function Figure({ label, value, to }: { label: string; value: ReactNode; to?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {to ? (
        <Anchor component={Link} to={to} fw={700} size="lg">
          {value}
        </Anchor>
      ) : (
        <Text fw={700} size="lg">
          {value}
        </Text>
      )}
    </Stack>
  );
}

/** Provider deliveries our ingress refused in the range, per provider, with the HTTP statuses. */
function RefusedDeliveries({ rows }: { rows: Dashboard['refusedDeliveries'] }) {
  const providers = [...new Set(rows.map((row) => row.provider))];
  return (
    <Stack gap={4} mt="sm">
      <Text size="sm" fw={600}>
        Deliveries refused in the range
      </Text>
      {providers.length === 0 ? (
        <Text size="sm" c="dimmed">
          None: every webhook, callback and push from a provider was accepted.
        </Text>
      ) : (
        providers.map((provider) => {
          const own = rows.filter((row) => row.provider === provider);
          const total = own.reduce((sum, row) => sum + row.count, 0);
          // ISO times of one format: the greatest string is the latest time.
          const last =
            own
              .map((row) => row.lastAt)
              .sort()
              .at(-1) ?? '';
          return (
            <Text size="sm" key={provider}>
              <Text span fw={700}>
                {PROVIDER_LABELS[provider]}: {total}
              </Text>{' '}
              ({own.map((row) => `HTTP ${row.status} × ${row.count}`).join(', ')}; last {formatDateTime(last)}
              )
            </Text>
          );
        })
      )}
    </Stack>
  );
}

function DashboardBody({ data, range }: { data: Dashboard; range: DashboardRange }) {
  const now = Date.parse(data.generatedAt);
  const inRange = `from=${range.from}&to=${range.to}`;
  const backlogQueue = '/cases?status=needs_review&order=asc';
  const decisionsAudit = `/audit?action=case.action_requested&${inRange}`;
  const daily = data.daily.map((d) => ({ ...d, day: dayjs(d.date).format('D MMM') }));
  const flowEmpty = data.daily.every((d) => d.casesIn === 0 && d.decided === 0);
  const mix = data.decisionMix.map((m) => ({
    ...m,
    label: `${PROVIDER_LABELS[m.provider]} · ${CASE_KIND_LABELS[m.kind]}`,
  }));

  return (
    <Stack gap="md">
      <Panel
        title="Cases in and decided per day"
        to={`/cases?status=all&${inRange}`}
        linkLabel="Open in queue"
      >
        {flowEmpty ? (
          <Text c="dimmed" size="sm">
            No case arrived or was decided in this range.
          </Text>
        ) : (
          <BarChart
            h={220}
            data={daily}
            dataKey="day"
            series={[
              { name: 'casesIn', label: 'Cases in', color: 'blue.6' },
              { name: 'decided', label: 'Decided', color: 'teal.6' },
            ]}
            withLegend
            tickLine="y"
          />
        )}
      </Panel>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Panel
          title={`Review backlog now (${data.backlog.total})`}
          to={backlogQueue}
          linkLabel="Oldest first in queue"
        >
          {data.backlog.total === 0 ? (
            <Text c="dimmed" size="sm">
              Nothing is waiting for review.
            </Text>
          ) : (
            <BarChart
              h={200}
              data={data.backlog.buckets.map((b) => ({
                age: BACKLOG_BUCKET_LABELS[b.bucket],
                count: b.count,
              }))}
              dataKey="age"
              series={[{ name: 'count', label: 'Cases', color: 'orange.6' }]}
              tickLine="y"
            />
          )}
        </Panel>

        <Panel
          title="Review time (SLA proxy)"
          to={`${backlogQueue}&to=${utcDate(now - DAY)}`}
          linkLabel="Open in queue"
        >
          <Alert variant="light" color="gray" icon={<IconInfoCircle size={16} />} mb="sm" p="xs">
            <Text size="xs">
              Cases have no due time yet, so these are stand-ins: cases waiting for review longer than 24
              hours, and very high risk cases waiting longer than 4 hours. The queue links filter by creation
              day, so they can include a few cases just under the limit.
            </Text>
          </Alert>
          <Group grow>
            <Figure
              label="Waiting > 24 h"
              value={data.slaProxy.olderThan24h}
              to={`${backlogQueue}&to=${utcDate(now - DAY)}`}
            />
            <Figure
              label="Very high risk waiting > 4 h"
              value={data.slaProxy.veryHighRiskOlderThan4h}
              to={`${backlogQueue}&riskBand=very_high&to=${utcDate(now - 4 * HOUR)}`}
            />
          </Group>
        </Panel>
      </SimpleGrid>

      <Panel
        title="Decisions by provider and kind"
        to={`/cases?status=approved,rejected&${inRange}`}
        linkLabel="Open decided cases in queue"
      >
        {mix.length === 0 ? (
          <Text c="dimmed" size="sm">
            No case was decided in this range.
          </Text>
        ) : (
          <>
            <BarChart
              h={Math.max(160, mix.length * 64)}
              data={mix}
              dataKey="label"
              orientation="vertical"
              type="stacked"
              // Every row is labelled: recharts would otherwise skip labels it finds crowded.
              yAxisProps={{ width: 200, interval: 0 }}
              series={[
                { name: 'approved', label: 'Approved', color: 'teal.6' },
                { name: 'rejected', label: 'Rejected', color: 'red.6' },
              ]}
              withLegend
            />
            <Group gap="md" mt="xs">
              {mix.map((m) => (
                <Anchor
                  key={m.label}
                  component={Link}
                  size="xs"
                  to={`/cases?status=approved,rejected&provider=${m.provider}&kind=${m.kind}&${inRange}`}
                >
                  {m.label}: {m.approved} approved, {m.rejected} rejected
                </Anchor>
              ))}
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              Counted by decision day; the queue links filter by creation day.
            </Text>
          </>
        )}
      </Panel>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Panel title="Throughput per reviewer" to={decisionsAudit} linkLabel="Decisions in audit log">
          {data.analysts.length === 0 ? (
            <Text c="dimmed" size="sm">
              No approve or decline was applied in this range.
            </Text>
          ) : (
            <Table striped withTableBorder={false} aria-label="Throughput per reviewer">
              <TableHeader
                columns={[
                  'Reviewer',
                  ...['Decisions', 'Approved', 'Declined', 'Median handling'].map(numberColumn),
                ]}
              />
              <Table.Tbody>
                {data.analysts.map((a) => (
                  <Table.Tr key={a.userId}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        size="sm"
                        to={`/audit?actorId=${encodeURIComponent(a.userId)}&action=case.action_requested&${inRange}`}
                      >
                        {a.name ?? a.userId}
                      </Anchor>
                    </Table.Td>
                    <NumberCells
                      values={[a.decisions, a.approved, a.declined, duration(a.medianHandlingMs)]}
                    />
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="xs" c="dimmed" mt="xs">
            Handling time runs from the case's last entry into review to the reviewer's decision.
          </Text>
        </Panel>

        <Panel title="Reversals and overrides" to={decisionsAudit} linkLabel="Decisions in audit log">
          <Group grow>
            <Figure label="Decisions applied" value={data.corrections.decisions} />
            <Figure
              label="Reversal rate"
              value={`${percent(data.corrections.reversalRate)} (${data.corrections.reversals})`}
            />
            <Figure
              label="Override rate"
              value={`${percent(data.corrections.overrideRate)} (${data.corrections.overrides})`}
            />
          </Group>
          <Text size="xs" c="dimmed" mt="xs">
            A reversal changes a decision one of us applied earlier; an override changes the provider's own
            decision.
          </Text>
        </Panel>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Panel title="Outbox (provider calls)" to="/approvals" linkLabel="Open approvals and failures">
          <Group grow>
            <Figure label="Pending" value={data.outbox.pending} />
            <Figure label="Retrying" value={data.outbox.retrying} />
            <Figure label="In flight" value={data.outbox.inFlight} />
            <Figure label="Failed" value={data.outbox.failed} />
          </Group>
        </Panel>

        <Panel title="Provider sync" to={`/audit?${inRange}`} linkLabel="Audit log for the range">
          <Stack gap="xs">
            {data.sync.map((s) => (
              <Group key={s.provider} grow>
                <Figure
                  label="Provider"
                  value={PROVIDER_LABELS[s.provider as keyof typeof PROVIDER_LABELS] ?? s.provider}
                />
                <Figure
                  label="Last reconciliation"
                  value={s.lastReconciledAt ? formatDateTime(s.lastReconciledAt) : 'Never'}
                  to={`/audit?provider=${s.provider}&${inRange}`}
                />
                <Figure label="Re-reads queued" value={s.pendingRereads} />
                <Figure label="Re-reads failed" value={s.failedRereads} />
              </Group>
            ))}
          </Stack>
          <RefusedDeliveries rows={data.refusedDeliveries} />
        </Panel>
      </SimpleGrid>

      <Panel
        title="QA agreement per reviewer"
        to="/qa?status=disagreed"
        linkLabel="Disagreements in QA queue"
      >
        <QaAgreementTable rows={data.qaAgreement} />
      </Panel>

      <Panel title="Provider drift" to="/drift" linkLabel="Open drift view">
        <Group grow>
          <Figure label="Unresolved" value={data.drift.unresolved} to="/drift" />
          <Figure label="Awaiting a second manager" value={data.drift.awaitingApproval} />
        </Group>
      </Panel>
    </Stack>
  );
}

export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const range = parseDashboardRange(params);
  const query = useQuery({
    queryKey: ['dashboard', range],
    queryFn: ({ signal }) => fetchDashboard(range, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Dashboard</Title>
        <Group gap="xs" align="flex-end">
          {query.isFetching && <Loader size="xs" aria-label="Refreshing" />}
          <DateRangeFilter
            label="Date range (UTC days)"
            w={230}
            value={[range.from, range.to]}
            onChange={([from, to]) => {
              if (!from || !to) return;
              const days = dayjs(to).diff(dayjs(from), 'day') + 1;
              if (days > DASHBOARD_MAX_DAYS) return;
              setParams({ from, to });
            }}
          />
        </Group>
      </Group>
      {query.isPending ? (
        <Group justify="center" p="xl">
          <Loader aria-label="Loading dashboard" />
        </Group>
      ) : query.isError ? (
        <ErrorState
          title="The dashboard could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <DashboardBody data={query.data} range={range} />
      )}
    </Stack>
  );
}
