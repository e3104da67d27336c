import { type DiditAmlHit, type DiditSessionView, evidenceAnchor } from '@backoffice/contracts';
import { ActionIcon, Badge, Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { ProviderValueBadge, RiskScore } from '../../components/Badges';
import { DataTable, EmptyNote } from '../../components/DataTable';
import { formatCalendarDate, formatScore } from '../../components/format';
import { MissingValue } from '../../components/MissingValue';
import { safeHttpUrl } from '../../components/safeHttpUrl';
import { ScoreMeter } from '../../features/case/ScoreMeter';
import { Section } from '../../features/case/Section';
import { FEATURE_STATUS_COLORS } from './featureStatus';

const DATASET_COLORS: Record<string, string> = {
  pep: 'violet',
  sanctions: 'red',
  'adverse media': 'orange',
};

const REVIEW_STATUS_COLORS: Record<string, string> = {
  'confirmed match': 'red',
  unreviewed: 'yellow',
  inconclusive: 'blue',
  'false positive': 'gray',
};

function HitRow({ hit, anchorId }: { hit: DiditAmlHit; anchorId: string }) {
  const url = safeHttpUrl(hit.url);
  const details = [
    hit.birthDates.length ? `Born ${hit.birthDates.map(formatCalendarDate).join(', ')}` : null,
    hit.countries.length ? hit.countries.join(', ').toUpperCase() : null,
  ].filter(Boolean);
  return (
    <Table.Tr id={anchorId}>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {hit.caption}
          </Text>
          {details.length > 0 && (
            <Text size="xs" c="dimmed">
              {details.join(' · ')}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {hit.datasets.length ? (
            hit.datasets.map((dataset) => (
              <Badge
                key={dataset}
                size="xs"
                radius="sm"
                variant="light"
                tt="none"
                miw="max-content"
                color={DATASET_COLORS[dataset.toLowerCase()] ?? 'gray'}
              >
                {dataset}
              </Badge>
            ))
          ) : (
            <MissingValue />
          )}
        </Group>
      </Table.Td>
      <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
        {hit.matchScore === null ? <MissingValue /> : formatScore(hit.matchScore)}
      </Table.Td>
      <Table.Td>
        <RiskScore score={hit.riskScore} />
      </Table.Td>
      <Table.Td>
        {hit.reviewStatus ? (
          <ProviderValueBadge value={hit.reviewStatus} colors={REVIEW_STATUS_COLORS} size="xs" />
        ) : (
          <MissingValue />
        )}
      </Table.Td>
      <Table.Td>{hit.positions.length ? hit.positions.join('; ') : <MissingValue />}</Table.Td>
      <Table.Td>
        {url ? (
          <Tooltip label={url} withArrow>
            <ActionIcon
              component="a"
              href={url}
              target="_blank"
              rel="noopener noreferrer"
              variant="subtle"
              size="sm"
              aria-label={`Source for ${hit.caption}`}
            >
              <IconExternalLink size={14} aria-hidden />
            </ActionIcon>
          </Tooltip>
        ) : (
          <MissingValue label="No source link" />
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function AmlSection({ view }: { view: DiditSessionView }) {
  const { aml, thresholds } = view;
  if (!aml) {
    return (
      <Section id="aml" title="AML screening">
        <EmptyNote>No AML screening result for this session.</EmptyNote>
      </Section>
    );
  }
  // Strongest matches first: that is the order a reviewer clears them in.
  const hits = [...aml.hits].sort((a, b) => (b.matchScore ?? -1) - (a.matchScore ?? -1));
  return (
    <Section
      id="aml"
      title="AML screening"
      aside={
        <>
          <Text size="xs" c="dimmed">
            {aml.totalHits} {aml.totalHits === 1 ? 'hit' : 'hits'}
          </Text>
          <ProviderValueBadge value={aml.status} colors={FEATURE_STATUS_COLORS} size="xs" />
        </>
      }
    >
      <Stack gap="md">
        <Stack maw={460}>
          <ScoreMeter
            label="AML score"
            score={aml.score}
            decline={thresholds?.amlDecline ?? null}
            direction="higher_is_worse"
          />
        </Stack>
        <DataTable
          label="AML hits"
          columns={[
            'Name',
            'Datasets',
            'Match',
            'Risk',
            'Review',
            'Positions',
            { key: 'source', label: <VisuallyHidden>Source</VisuallyHidden> },
          ]}
          rows={hits}
          empty="No hits."
          minWidth={680}
        >
          {(hit) => (
            <HitRow key={hit.id} hit={hit} anchorId={evidenceAnchor.diditAmlHit(aml.hits.indexOf(hit))} />
          )}
        </DataTable>
        {aml.totalHits > aml.hits.length && (
          <Text size="xs" c="dimmed">
            Showing {aml.hits.length} of {aml.totalHits} hits reported by the provider.
          </Text>
        )}
      </Stack>
    </Section>
  );
}
