import {
  type CaseDetail,
  type DittoIdentityField,
  type DittoSubmissionView,
  evidenceAnchor,
} from '@backoffice/contracts';
import { Alert, Badge, Group, List, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ProviderValueBadge } from '../../components/Badges';
import { CopyableValue } from '../../components/CopyableValue';
import { AttentionCountBadge, ComparisonRow, DataTable, TitledList } from '../../components/DataTable';
import { formatScore } from '../../components/format';
import { MissingValue } from '../../components/MissingValue';
import { type Field, FieldGrid } from '../../features/case/FieldGrid';
import { ScoreMeter } from '../../features/case/ScoreMeter';
import { Section } from '../../features/case/Section';
import { ImagesSection } from '../didit/ImagesSection';

const STATUS_COLORS: Record<string, string> = { ok: 'green', error: 'red', warning: 'yellow' };

/** MRZ first, then the visual zone, then any other source Ditto sent (barcode, chip…) in first-seen order. */
function sourceColumns(fields: DittoIdentityField[]): Array<{ source: string; label: string }> {
  const seen = new Map<string, string>();
  for (const field of fields)
    for (const source of field.sources) if (!seen.has(source.source)) seen.set(source.source, source.label);
  const rank = (letter: string) => (letter === 'M' ? 0 : letter === 'V' ? 1 : 2);
  return [...seen.entries()]
    .map(([source, label]) => ({ source, label }))
    .sort((a, b) => rank(a.source) - rank(b.source));
}

function IdentityFieldsSection({ fields }: { fields: DittoIdentityField[] }) {
  const columns = sourceColumns(fields);
  const disagreeing = fields.filter((field) => field.sourcesDisagree).length;
  return (
    <Section
      id="ditto-identity"
      title="Identity fields"
      aside={
        <AttentionCountBadge count={disagreeing}>
          {disagreeing} {disagreeing === 1 ? 'field disagrees' : 'fields disagree'} between sources
        </AttentionCountBadge>
      }
    >
      <DataTable
        label="Identity fields by source"
        columns={[
          'Field',
          'Value',
          ...columns.map((column) => ({
            key: column.source,
            label: (
              <>
                {column.label}{' '}
                <Text span size="xs" c="dimmed" ff="monospace">
                  ({column.source})
                </Text>
              </>
            ),
          })),
          'Status',
        ]}
        rows={fields}
        empty="Ditto sent no identity fields."
        minWidth={560}
      >
        {(field) => (
          <ComparisonRow
            key={field.name}
            id={evidenceAnchor.dittoField(field.name)}
            mismatch={field.sourcesDisagree}
          >
            <Table.Th scope="row" fw={500}>
              <Group gap={6} wrap="nowrap">
                {field.name}
                {field.sourcesDisagree && (
                  <Badge
                    color="red"
                    variant="filled"
                    size="xs"
                    radius="sm"
                    miw="max-content"
                    leftSection={<IconAlertTriangle size={10} />}
                  >
                    Sources disagree
                  </Badge>
                )}
              </Group>
            </Table.Th>
            <Table.Td>{field.value ?? <MissingValue />}</Table.Td>
            {columns.map((column) => {
              const reading = field.sources.find((source) => source.source === column.source);
              return (
                <Table.Td
                  key={column.source}
                  ff="monospace"
                  fw={field.sourcesDisagree && reading ? 700 : undefined}
                  c={field.sourcesDisagree && reading ? 'red' : undefined}
                >
                  {reading ? reading.value : <MissingValue label={`Not read from ${column.label}`} />}
                </Table.Td>
              );
            })}
            <Table.Td>
              {field.status ? (
                <ProviderValueBadge value={field.status} colors={STATUS_COLORS} size="xs" />
              ) : (
                <MissingValue />
              )}
            </Table.Td>
          </ComparisonRow>
        )}
      </DataTable>
      {fields.some((field) => field.sourcesDisagree) && (
        <Text size="xs" c="dimmed" mt="xs">
          Differences in case, spacing, MRZ fillers (&lt;) and accents are ignored; what remains is a real
          difference between what the zones say.
        </Text>
      )}
    </Section>
  );
}

function DocumentSection({ view }: { view: DittoSubmissionView }) {
  const { documentStatus: status } = view;
  const fields: Field[] = [
    { label: 'Document type', value: view.documentTypes.join(', ') || null },
    { label: 'Document', value: view.documentNames.join(', ') || null },
    {
      label: 'Overall status',
      value: status.overall && <ProviderValueBadge value={status.overall} colors={STATUS_COLORS} />,
    },
    {
      label: 'NFC document',
      value: status.isNfcDocument === null ? null : status.isNfcDocument ? 'Yes' : 'No',
    },
    { label: 'NFC scan', value: status.nfcScanStatus },
    { label: 'Document version', value: view.documentVersion },
    {
      label: 'Requester id',
      value: <CopyableValue value={view.requesterId} label="requester id" />,
      wide: true,
    },
    { label: 'User id', value: view.userId },
    { label: 'App id', value: view.appId },
  ];
  return (
    <Section id="ditto-document" title="Document">
      <Stack gap="sm">
        <FieldGrid fields={fields} minColumnWidth={170} />
        <TitledList title="Document errors" items={status.errors} empty="None reported.">
          {(error) => (
            <Text span size="sm" c="red" fw={600}>
              {error}
            </Text>
          )}
        </TitledList>
      </Stack>
    </Section>
  );
}

/** A biometric score on the meter against Ditto's minimum, which is its decline line; `children` says the minimum. */
function ScoreAgainstMinimum({
  label,
  score,
  minimum,
  children,
}: {
  label: string;
  score: number | null;
  minimum: number | null;
  children: ReactNode;
}) {
  return (
    <Stack gap={4}>
      <ScoreMeter label={label} score={score} decline={minimum} direction="higher_is_better" />
      <Text size="xs" c="dimmed">
        {children}
      </Text>
    </Stack>
  );
}

function BiometricsSection({ view }: { view: DittoSubmissionView }) {
  const { liveness, faceMatch } = view;
  return (
    <Section id="ditto-biometrics" title="Liveness and face match">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl">
        <ScoreAgainstMinimum label="Liveness" score={liveness.score} minimum={liveness.minScore}>
          Ditto's minimum: {liveness.minScore === null ? 'not sent' : formatScore(liveness.minScore)}
        </ScoreAgainstMinimum>
        <ScoreAgainstMinimum label="Face match" score={faceMatch.scorePercent} minimum={faceMatch.minPercent}>
          Ditto's minimum:{' '}
          {faceMatch.minPercent === null ? 'not sent' : `${formatScore(faceMatch.minPercent)}%`}
          {faceMatch.score !== null ? ` · similarity ${faceMatch.score} as sent` : ''}
        </ScoreAgainstMinimum>
      </SimpleGrid>
    </Section>
  );
}

/** A Ditto ID KYC submission: why it is flagged, the document, each field per zone, the biometrics and images. */
export function DittoSubmissionPanel({ detail, view }: { detail: CaseDetail; view: DittoSubmissionView }) {
  return (
    <Stack gap="md">
      {view.issues.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={`${view.issues.length} ${view.issues.length === 1 ? 'issue' : 'issues'} to review`}
        >
          <List size="sm" spacing={2} aria-label="Submission issues">
            {view.issues.map((issue) => (
              <List.Item key={`${issue.code}-${issue.label}`}>
                {issue.label}{' '}
                <Text span size="xs" c="dimmed" ff="monospace">
                  {issue.code}
                </Text>
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <Alert color="green" variant="light" title="No issues flagged">
          No issue was flagged for this submission. Still compare the images with the fields below.
        </Alert>
      )}
      <BiometricsSection view={view} />
      <IdentityFieldsSection fields={view.identityFields} />
      <ImagesSection caseId={detail.id} media={view.media} />
      <DocumentSection view={view} />
    </Stack>
  );
}
