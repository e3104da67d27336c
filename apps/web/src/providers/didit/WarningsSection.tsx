import { type DiditWarning, evidenceAnchor } from '@backoffice/contracts';
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconInfoCircle, IconQuestionMark } from '@tabler/icons-react';
import { EmptyNote } from '../../components/DataTable';
import { humanizeCode } from '../../components/format';
import { Section } from '../../features/case/Section';

interface LogTypeStyle {
  color: string;
  label: string;
  icon: typeof IconAlertCircle;
  rank: number;
}

/** Didit derives log types from the workflow action: error = declines, warning = sends to review. */
const LOG_TYPES: Record<string, LogTypeStyle> = {
  error: { color: 'red', label: 'Error · declines', icon: IconAlertCircle, rank: 0 },
  warning: { color: 'orange', label: 'Warning · review', icon: IconAlertTriangle, rank: 1 },
  information: { color: 'blue', label: 'Information', icon: IconInfoCircle, rank: 2 },
};

export function logTypeStyle(logType: string): LogTypeStyle {
  return (
    LOG_TYPES[logType.toLowerCase()] ?? {
      // An unknown log type is shown verbatim and sorted after the known ones.
      color: 'gray',
      label: logType || 'Unspecified',
      icon: IconQuestionMark,
      rank: 3,
    }
  );
}

/** One of the provider's codes behind a warning, named. */
function CodeFact({ label, value }: { label: string; value: string }) {
  return (
    <Text size="xs" c="dimmed">
      {label}{' '}
      <Text span ff="monospace" size="xs" c="bright">
        {value}
      </Text>
    </Text>
  );
}

export function WarningsSection({ warnings }: { warnings: DiditWarning[] }) {
  const sorted = [...warnings].sort((a, b) => logTypeStyle(a.logType).rank - logTypeStyle(b.logType).rank);
  const errors = warnings.filter((warning) => warning.logType.toLowerCase() === 'error').length;
  return (
    <Section
      id="warnings"
      title="Warnings"
      aside={
        <Text size="xs" c="dimmed">
          {warnings.length === 0
            ? 'None'
            : `${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}${errors ? `, ${errors} declining` : ''}`}
        </Text>
      }
    >
      {warnings.length === 0 ? (
        <EmptyNote>The provider raised no warnings for this session.</EmptyNote>
      ) : (
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {sorted.map((warning, index) => {
            const style = logTypeStyle(warning.logType);
            const Icon = style.icon;
            return (
              <Paper
                component="li"
                // Warnings have no id; the same risk can legitimately appear twice for one node.
                // biome-ignore lint/suspicious/noArrayIndexKey: position is part of the identity here
                key={`${warning.risk}-${warning.nodeId ?? ''}-${index}`}
                id={evidenceAnchor.diditWarning(warnings.indexOf(warning))}
                withBorder
                radius="sm"
                p="sm"
                style={{ borderLeft: `4px solid var(--mantine-color-${style.color}-6)` }}
              >
                <Group gap="xs" wrap="wrap" mb={4}>
                  <Icon size={16} color={`var(--mantine-color-${style.color}-7)`} aria-hidden />
                  <Text size="sm" fw={600}>
                    {warning.shortDescription || humanizeCode(warning.risk)}
                  </Text>
                  <Badge size="xs" color={style.color} variant="light" radius="sm" tt="none">
                    {style.label}
                  </Badge>
                </Group>
                {warning.longDescription && (
                  <Text size="sm" c="dimmed" mb={6}>
                    {warning.longDescription}
                  </Text>
                )}
                <Group gap="md" wrap="wrap">
                  <CodeFact label="Risk" value={warning.risk} />
                  <CodeFact label="Feature" value={warning.feature} />
                  <CodeFact label="Log type" value={warning.logType} />
                  {warning.nodeId && <CodeFact label="Node" value={warning.nodeId} />}
                </Group>
                {warning.additionalData.length > 0 && (
                  <Group gap="md" wrap="wrap" mt={4}>
                    {warning.additionalData.map((field) => (
                      <Text key={field.label} size="xs" c="dimmed">
                        {field.label}{' '}
                        <Text span ff="monospace" size="xs">
                          {field.value}
                        </Text>
                      </Text>
                    ))}
                  </Group>
                )}
              </Paper>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}
