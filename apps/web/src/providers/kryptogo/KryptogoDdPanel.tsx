import { evidenceAnchor, type KryptogoDdView, type KryptogoSearchSourceResult } from '@backoffice/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Group,
  List,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Timeline,
} from '@mantine/core';
import { IconAlertOctagon, IconExternalLink } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ProviderValueBadge } from '../../components/Badges';
import { EmptyNote, TableHeader } from '../../components/DataTable';
import { formatCalendarDate, formatDateTime, humanizeCode } from '../../components/format';
import { MissingValue } from '../../components/MissingValue';
import { safeHttpUrl } from '../../components/safeHttpUrl';
import { type Field, FieldGrid } from '../../features/case/FieldGrid';
import { Section } from '../../features/case/Section';
import { KryptogoCustomerHistory } from './KryptogoCustomerHistory';
import { AUDIT_STATUS_COLORS, ConsoleLink, RiskBandMeter } from './shared';

/** The IDV task that created this DD task, linked to our case for it when we hold one. */
function fromIdvValue(view: KryptogoDdView) {
  if (view.fromIdvTaskId === null) return null;
  if (view.fromIdvCaseId === null) return `IDV task ${view.fromIdvTaskId} (no case here yet)`;
  return (
    <Anchor component={Link} to={`/cases/${view.fromIdvCaseId}`} size="sm">
      IDV task {view.fromIdvTaskId} (case {view.fromIdvCaseId})
    </Anchor>
  );
}

/** Source 4 is the sanction list (docs/providers/kryptogo.md); its hits are what a reviewer clears first. */
const SANCTION_SOURCE = 4;

/** Target keys in the order a reviewer compares them with the customer's file; others follow as sent. */
const TARGET_ORDER = [
  'name',
  'company_name',
  'companyName',
  'birthday',
  'gender',
  'citizenship',
  'id_number',
  'idNumber',
  'registration_number',
  'registrationNumber',
  'country',
];

function targetFields(target: Record<string, string>): Field[] {
  const keys = Object.keys(target).sort((a, b) => {
    const rank = (key: string) =>
      TARGET_ORDER.includes(key) ? TARGET_ORDER.indexOf(key) : TARGET_ORDER.length;
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  return keys.map((key) => ({
    label: humanizeCode(key.replace(/([a-z])([A-Z])/g, '$1_$2')),
    value: key === 'birthday' ? formatCalendarDate(target[key]!) : target[key],
  }));
}

function SourceBlock({ source }: { source: KryptogoSearchSourceResult }) {
  const headingId = `dd-source-${source.source}`;
  const alarming = source.source === SANCTION_SOURCE && source.hits > 0;
  return (
    <Paper
      id={evidenceAnchor.ddSource(source.source)}
      withBorder
      p="sm"
      radius="sm"
      role="group"
      aria-labelledby={headingId}
      style={alarming ? { borderColor: 'var(--mantine-color-red-5)', borderWidth: 2 } : undefined}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text id={headingId} size="sm" fw={600}>
          {source.name}
        </Text>
        {source.searched ? (
          <Badge
            size="sm"
            radius="sm"
            variant={source.hits > 0 ? 'filled' : 'light'}
            color={source.hits === 0 ? 'gray' : alarming ? 'red' : 'orange'}
            miw="max-content"
          >
            {source.hits} {source.hits === 1 ? 'hit' : 'hits'}
          </Badge>
        ) : (
          <Badge size="sm" radius="sm" variant="light" color="blue" miw="max-content">
            Searching
          </Badge>
        )}
      </Group>
      {source.items.length > 0 && (
        <List spacing="sm" size="sm" mt="sm" listStyleType="none" aria-label={`${source.name} hits`}>
          {source.items.map((item, index) => {
            const url = safeHttpUrl(item.url);
            const title = item.title ?? 'Untitled hit';
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: hits have no id and keep the provider's order
              <List.Item key={index}>
                <Stack gap={2}>
                  <Group gap="xs" wrap="nowrap" align="baseline">
                    {url ? (
                      <Anchor href={url} target="_blank" rel="noopener noreferrer" size="sm" fw={600}>
                        {title}
                        <IconExternalLink
                          size={12}
                          aria-label="opens in a new tab"
                          style={{ marginLeft: 4, verticalAlign: 'middle' }}
                        />
                      </Anchor>
                    ) : (
                      <Text size="sm" fw={600}>
                        {title}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {item.date ? formatCalendarDate(item.date) : 'undated'}
                    </Text>
                  </Group>
                  {item.snippet && (
                    <Text size="xs" c="dimmed">
                      {item.snippet}
                    </Text>
                  )}
                </Stack>
              </List.Item>
            );
          })}
        </List>
      )}
      {source.hits > source.items.length && (
        <Text size="xs" c="dimmed" mt="xs">
          {source.items.length === 0
            ? 'The provider reported hits but sent no details; open the task in the KryptoGO console.'
            : `Showing ${source.items.length} of ${source.hits} hits reported by the provider.`}
        </Text>
      )}
    </Paper>
  );
}

function AuditSection({ view }: { view: KryptogoDdView }) {
  const fields: Field[] = [
    {
      label: 'Audit status',
      value: <ProviderValueBadge value={view.auditStatus} colors={AUDIT_STATUS_COLORS} size="sm" />,
    },
    { label: 'Audited', value: view.auditedAt && formatDateTime(view.auditedAt) },
    { label: 'Auditor', value: view.auditorAccount },
    { label: 'Audit comment', value: view.comment, wide: true },
    { label: 'Screening started', value: view.createdAt && formatDateTime(view.createdAt) },
    { label: 'Search completed', value: view.completedAt && formatDateTime(view.completedAt) },
    {
      label: 'Next periodic review',
      value: view.nextReviewAt ? formatDateTime(view.nextReviewAt) : 'Not scheduled',
    },
  ];
  return (
    <Section id="dd-audit" title="Audit at KryptoGO" aside={<ConsoleLink url={view.consoleUrl} />}>
      <Stack gap="md">
        <FieldGrid fields={fields} minColumnWidth={170} />
        <div>
          <Text size="xs" c="dimmed" fw={500} mb={6}>
            Comment log
          </Text>
          {view.commentLog.length === 0 ? (
            <EmptyNote>No comments at KryptoGO yet.</EmptyNote>
          ) : (
            <Timeline bulletSize={14} lineWidth={2} aria-label="Comment log">
              {view.commentLog.map((entry, index) => (
                <Timeline.Item
                  // biome-ignore lint/suspicious/noArrayIndexKey: log entries have no id; order is the provider's
                  key={index}
                  color={entry.accepted === true ? 'green' : entry.accepted === false ? 'red' : 'gray'}
                  title={
                    <Group gap="xs">
                      <Text size="sm" fw={600}>
                        {entry.employeeAccount ?? 'Unknown account'}
                      </Text>
                      {entry.accepted !== null && (
                        <Badge size="xs" radius="sm" variant="light" color={entry.accepted ? 'green' : 'red'}>
                          {entry.accepted ? 'Accepted' : 'Rejected'}
                        </Badge>
                      )}
                    </Group>
                  }
                >
                  <Text size="sm">{entry.comment ?? <MissingValue label="No comment" />}</Text>
                  <Text size="xs" c="dimmed">
                    {entry.at ? formatDateTime(entry.at) : 'Time not given'}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </div>
      </Stack>
    </Section>
  );
}

/** KryptoGO due diligence (DD) task: who was screened, what each source found, and its audit at KryptoGO. */
export function KryptogoDdPanel({ view }: { view: KryptogoDdView }) {
  const searching = view.progress < 100;
  const sanctionSource = view.sources.find((source) => source.source === SANCTION_SOURCE);
  const totalHits = view.sources.reduce((sum, source) => sum + source.hits, 0);
  return (
    <Stack gap="md">
      {view.sanctionMatched && (
        <Alert
          color="red"
          variant="filled"
          icon={<IconAlertOctagon size={20} />}
          title="Sanction list match"
          role="alert"
        >
          KryptoGO matched this {view.targetType === 'company' ? 'company' : 'person'} on a sanction list
          {sanctionSource && sanctionSource.hits > 0
            ? ` (${sanctionSource.hits} ${sanctionSource.hits === 1 ? 'hit' : 'hits'})`
            : ''}
          . Clear every sanction hit below before accepting.
        </Alert>
      )}

      <Section
        id="dd-risk"
        title="Potential risk"
        aside={
          <Badge size="sm" radius="sm" variant="light" color={view.sanctionMatched ? 'red' : 'gray'}>
            Sanction list: {view.sanctionMatched ? 'match' : 'no match'}
          </Badge>
        }
      >
        <Stack gap="md">
          <Stack maw={460} gap="xs">
            <RiskBandMeter label="Potential risk" score={view.potentialRisk} band={view.riskBand} />
          </Stack>
          {searching && (
            <div>
              <Text size="xs" c="dimmed" mb={4}>
                Search in progress: {Math.round(view.progress)}%
              </Text>
              <Progress value={view.progress} size="sm" aria-label="Search progress" />
            </div>
          )}
          <div>
            <Text size="xs" c="dimmed" fw={500}>
              AML summary
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {view.amlSummarization ?? <MissingValue label="No summary yet" />}
            </Text>
          </div>
        </Stack>
      </Section>

      <Section
        id="dd-target"
        title="Screening target"
        aside={
          <Badge size="sm" radius="sm" variant="light" color="gray">
            {view.targetType === 'company' ? 'Company (KYB)' : 'Person (KYC)'}
          </Badge>
        }
      >
        <FieldGrid
          minColumnWidth={170}
          fields={[
            ...targetFields(view.target),
            { label: 'Customer reference', value: view.customerReference },
            {
              label: 'Search setting',
              value: view.searchSetting?.name ?? view.searchSetting?.id?.toString(),
            },
            { label: 'KryptoGO task', value: String(view.taskId) },
            { label: 'From IDV task', value: fromIdvValue(view) },
          ]}
        />
      </Section>

      <KryptogoCustomerHistory history={view.customerHistory} customerReference={view.customerReference} />

      <Section
        id="dd-sources"
        title="Search sources"
        aside={
          <Text size="xs" c="dimmed">
            {totalHits} {totalHits === 1 ? 'hit' : 'hits'} in {view.sources.length} sources
          </Text>
        }
      >
        {view.sources.length === 0 ? (
          <EmptyNote>No source results yet.</EmptyNote>
        ) : (
          <Stack gap="xs">
            {[...view.sources]
              // Sanction list first, then sources with hits, then the rest in KryptoGO's order.
              .sort(
                (a, b) =>
                  Number(b.source === SANCTION_SOURCE && b.hits > 0) -
                    Number(a.source === SANCTION_SOURCE && a.hits > 0) ||
                  Number(b.hits > 0) - Number(a.hits > 0) ||
                  a.source - b.source,
              )
              .map((source) => (
                <SourceBlock key={source.source} source={source} />
              ))}
          </Stack>
        )}
      </Section>

      <AuditSection view={view} />

      <Section id="dd-metadata" title="Provider metadata">
        {view.metadata.length === 0 ? (
          <EmptyNote>No metadata on this task at KryptoGO.</EmptyNote>
        ) : (
          <Table verticalSpacing={4} aria-label="Provider metadata" withRowBorders>
            <TableHeader columns={['Key', 'Value']} />
            <Table.Tbody>
              {view.metadata.map((pair) => (
                <Table.Tr key={pair.key}>
                  <Table.Td ff="monospace">{pair.key}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{pair.value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Stack>
  );
}
