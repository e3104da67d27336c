import { evidenceAnchor, type KryptogoIdvFieldComparison, type KryptogoIdvView } from '@backoffice/contracts';
import { Anchor, Badge, Group, List, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ProviderValueBadge } from '../../components/Badges';
import {
  AttentionCountBadge,
  ComparisonRow,
  DataTable,
  EmptyNote,
  TitledList,
} from '../../components/DataTable';
import { formatCalendarDate, formatDateTime, humanizeCode } from '../../components/format';
import { MissingValue } from '../../components/MissingValue';
import { type Field, FieldGrid } from '../../features/case/FieldGrid';
import { Section } from '../../features/case/Section';
import { AUDIT_STATUS_COLORS, ConsoleLink } from './shared';

const FIELD_LABELS: Record<KryptogoIdvFieldComparison['field'], string> = {
  name: 'Name',
  birthday: 'Date of birth',
  id_number: 'ID number',
  country: 'Country',
  issuing_date: 'Issuing date',
  expiry_date: 'Expiry date',
  gender: 'Gender',
};

const DATE_FIELDS = new Set<KryptogoIdvFieldComparison['field']>(['birthday', 'issuing_date', 'expiry_date']);
const MONOSPACE_FIELDS = new Set<KryptogoIdvFieldComparison['field']>(['id_number']);

const STATE_COLORS: Record<string, string> = {
  accept: 'green',
  review: 'yellow',
  reject: 'red',
  'in progress': 'blue',
};

function FieldValue({ comparison, value }: { comparison: KryptogoIdvFieldComparison; value: string | null }) {
  if (value === null || value === '') return <MissingValue />;
  const text = DATE_FIELDS.has(comparison.field) ? formatCalendarDate(value) : value;
  return (
    <Text
      span
      size="sm"
      ff={MONOSPACE_FIELDS.has(comparison.field) ? 'monospace' : undefined}
      fw={comparison.mismatch ? 700 : undefined}
      c={comparison.mismatch ? 'red' : undefined}
    >
      {text}
    </Text>
  );
}

function ComparisonBadge({ comparison }: { comparison: KryptogoIdvFieldComparison }) {
  if (comparison.mismatch)
    return (
      <Badge color="red" variant="filled" size="sm" radius="sm" leftSection={<IconAlertTriangle size={12} />}>
        Mismatch
      </Badge>
    );
  if (comparison.expected === null || comparison.extracted === null)
    return (
      <Text size="xs" c="dimmed">
        Not compared
      </Text>
    );
  return (
    <Badge color="green" variant="light" size="sm" radius="sm">
      Match
    </Badge>
  );
}

function Reasons({ title, reasons, color }: { title: string; reasons: string[]; color: string }) {
  return (
    <TitledList title={title} items={reasons} empty="None">
      {(reason) => (
        <>
          <Text span size="sm" c={color} fw={600}>
            {humanizeCode(reason)}
          </Text>{' '}
          <Text span size="xs" c="dimmed" ff="monospace">
            {reason}
          </Text>
        </>
      )}
    </TitledList>
  );
}

/** KryptoGO ID verification: what the customer declared next to what the document says, and KryptoGO's verdict. */
export function KryptogoIdvPanel({ view }: { view: KryptogoIdvView }) {
  const mismatches = view.fields.filter((field) => field.mismatch).length;
  const facts: Field[] = [
    {
      label: 'State',
      value: (
        <Group gap={6}>
          <ProviderValueBadge value={view.state} colors={STATE_COLORS} />
          {view.stateCode !== null && (
            <Text span size="xs" c="dimmed">
              code {view.stateCode}
            </Text>
          )}
        </Group>
      ),
    },
    { label: 'Document type', value: [view.idType, view.idSubType].filter(Boolean).join(' · ') || null },
    { label: 'Country', value: view.country },
    {
      label: 'Audit status',
      value: view.auditStatus && <ProviderValueBadge value={view.auditStatus} colors={AUDIT_STATUS_COLORS} />,
    },
    { label: 'Audited', value: view.auditedAt && formatDateTime(view.auditedAt) },
    { label: 'Auditor', value: view.auditorAccount },
    { label: 'Customer reference', value: view.customerReference },
    { label: 'KryptoGO IDV task', value: String(view.idvTaskId) },
  ];

  return (
    <Stack gap="md">
      <Section id="idv-result" title="ID verification" aside={<ConsoleLink url={view.consoleUrl} />}>
        <Stack gap="md">
          <FieldGrid fields={facts} minColumnWidth={170} />
          <Group align="flex-start" grow>
            <Reasons title="Review reasons" reasons={view.reviewReasons} color="yellow" />
            <Reasons title="Reject reasons" reasons={view.rejectReasons} color="red" />
          </Group>
        </Stack>
      </Section>

      <Section
        id="idv-fields"
        title="Expected vs extracted"
        aside={
          <AttentionCountBadge count={mismatches}>
            {mismatches} {mismatches === 1 ? 'mismatch' : 'mismatches'}
          </AttentionCountBadge>
        }
      >
        <DataTable
          label="Expected vs extracted fields"
          columns={['Field', 'Expected (declared)', 'Extracted (document)', 'Comparison']}
          rows={view.fields}
          empty="KryptoGO returned no fields to compare."
          minWidth={520}
        >
          {(comparison) => (
            <ComparisonRow
              key={comparison.field}
              id={evidenceAnchor.idvField(comparison.field)}
              mismatch={comparison.mismatch}
            >
              <Table.Th scope="row" fw={500}>
                {FIELD_LABELS[comparison.field] ?? comparison.field}
              </Table.Th>
              <Table.Td>
                <FieldValue comparison={comparison} value={comparison.expected} />
              </Table.Td>
              <Table.Td>
                <FieldValue comparison={comparison} value={comparison.extracted} />
              </Table.Td>
              <Table.Td>
                <ComparisonBadge comparison={comparison} />
              </Table.Td>
            </ComparisonRow>
          )}
        </DataTable>
      </Section>

      <Section id="idv-linked" title="Linked due-diligence tasks">
        {view.linkedDdTasks.length === 0 ? (
          <EmptyNote>No DD task was started from this verification.</EmptyNote>
        ) : (
          <List size="sm" spacing={4} aria-label="Linked due-diligence tasks">
            {view.linkedDdTasks.map((task) => (
              <List.Item key={task.taskId}>
                {task.caseId !== null ? (
                  <Anchor component={Link} to={`/cases/${task.caseId}`} size="sm">
                    DD task {task.taskId} (case {task.caseId})
                  </Anchor>
                ) : (
                  <Text span size="sm">
                    DD task {task.taskId}{' '}
                    <Text span size="xs" c="dimmed">
                      (no case here yet)
                    </Text>
                  </Text>
                )}
                {task.progress !== null && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · {Math.round(task.progress)}% searched
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
      </Section>
    </Stack>
  );
}
