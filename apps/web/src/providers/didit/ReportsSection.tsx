import type { DiditField, DiditReport, DiditReportGroup } from '@backoffice/contracts';
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { memo, useMemo } from 'react';
import { EmptyNote } from '../../components/DataTable';
import { humanizeCode } from '../../components/format';
import { Section } from '../../features/case/Section';
import { FEATURE_STATUS_COLORS } from './featureStatus';
import { logTypeStyle } from './WarningsSection';

/**
 * Every report Didit sent, grouped by type in node order, each under its node id: a workflow may run
 * a feature twice (two documents, two face matches), and a report type added after this code was
 * written still arrives as readable fields.
 */
export function ReportsSection({ groups }: { groups: DiditReportGroup[] }) {
  const total = useMemo(() => groups.reduce((count, group) => count + group.reports.length, 0), [groups]);
  return (
    <Section
      id="reports"
      title="All reports"
      aside={
        <Text size="xs" c="dimmed">
          {total} {total === 1 ? 'report' : 'reports'} · {groups.length}{' '}
          {groups.length === 1 ? 'type' : 'types'}
        </Text>
      }
    >
      {groups.length === 0 ? (
        <EmptyNote>The provider has sent no reports for this session yet.</EmptyNote>
      ) : (
        <Stack gap="md">
          {groups.map((group) => (
            <ReportGroup key={group.type} group={group} />
          ))}
        </Stack>
      )}
    </Section>
  );
}

// Memoised so live updates of the case page do not re-render every field of every report.
const ReportGroup = memo(function ReportGroup({ group }: { group: DiditReportGroup }) {
  const headingId = `reports-${group.type}`;
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={4} size="h6" id={headingId}>
        {group.label}{' '}
        <Text span size="xs" c="dimmed" fw={400}>
          {group.reports.length} {group.reports.length === 1 ? 'node' : 'nodes'} · {group.type}
        </Text>
      </Title>
      {group.reports.map((report, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a report without a node id has only its position
        <ReportCard key={`${report.nodeId ?? ''}-${index}`} report={report} />
      ))}
    </Stack>
  );
});

function ReportCard({ report }: { report: DiditReport }) {
  const color = FEATURE_STATUS_COLORS[report.status.toLowerCase()] ?? 'gray';
  return (
    <Paper
      withBorder
      radius="sm"
      p="sm"
      data-testid="didit-report"
      aria-label={`Node ${report.nodeId ?? 'without id'}`}
    >
      <Group gap="xs" mb={6} wrap="wrap">
        <Text size="sm" ff="monospace" fw={600}>
          {report.nodeId ?? 'no node id'}
        </Text>
        <Badge size="sm" color={color} variant="light" radius="sm" tt="none">
          {report.status || 'no status'}
        </Badge>
        {report.warnings.length > 0 && (
          <Text size="xs" c="dimmed">
            {report.warnings.length} {report.warnings.length === 1 ? 'warning' : 'warnings'}
          </Text>
        )}
      </Group>
      {report.warnings.map((warning, index) => {
        const style = logTypeStyle(warning.logType);
        return (
          <Stack
            // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no id
            key={`${warning.risk}-${index}`}
            gap={2}
            mb={6}
            pl="xs"
            style={{ borderLeft: `3px solid var(--mantine-color-${style.color}-6)` }}
          >
            <Text size="sm" fw={500}>
              {warning.shortDescription || humanizeCode(warning.risk)}{' '}
              <Text span size="xs" ff="monospace" c="dimmed">
                {warning.risk} · {warning.logType}
              </Text>
            </Text>
            {warning.additionalData.length > 0 && <Fields fields={warning.additionalData} />}
          </Stack>
        );
      })}
      {report.fields.length > 0 && <Fields fields={report.fields} />}
      {report.amlHits.length > 0 && (
        <Stack gap={2} mt={6}>
          {report.amlHits.map((hit) => (
            <Text key={hit.id || hit.caption} size="sm">
              {hit.caption || 'Unnamed hit'}{' '}
              <Text span size="xs" c="dimmed">
                {hit.datasets.join(', ')} · match {hit.matchScore ?? '—'} · risk {hit.riskScore ?? '—'}
                {hit.reviewStatus ? ` · ${hit.reviewStatus}` : ''}
              </Text>
            </Text>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function Fields({ fields }: { fields: DiditField[] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" verticalSpacing={2} m={0}>
      {fields.map((field, index) => (
        // Label above value: flattened labels can be long, and a squeezed value column breaks words apart.
        // biome-ignore lint/suspicious/noArrayIndexKey: labels of flattened arrays may repeat
        <Stack key={`${field.label}-${index}`} gap={0}>
          <Text component="dt" size="xs" c="dimmed">
            {field.label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {field.value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
