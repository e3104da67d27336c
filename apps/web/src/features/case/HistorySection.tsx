import { CASE_STATUS_LABELS, type CaseHistoryEntry, CaseStatus } from '@backoffice/contracts';
import { Anchor, Text, Timeline } from '@mantine/core';
import { IconRobot, IconServer, IconUser } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDateTime, humanizeCode } from '../../components/format';
import { useCan } from '../auth/useMe';
import { Section } from './Section';

const ACTOR_ICONS = { user: IconUser, provider: IconServer, system: IconRobot } as const;
const ACTOR_LABELS = { user: 'Reviewer', provider: 'Provider', system: 'System' } as const;

/** History rows carry normalized statuses; anything else (an older or provider value) is shown as is. */
function statusLabel(value: string): string {
  const parsed = CaseStatus.safeParse(value);
  return parsed.success ? CASE_STATUS_LABELS[parsed.data] : value;
}

export function HistorySection({ caseId, history }: { caseId: number; history: CaseHistoryEntry[] }) {
  const canReadAudit = useCan('audit:read');
  // Newest first: the latest change is what a reviewer needs before deciding.
  const entries = [...history].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <Section
      id="history"
      title="History"
      aside={
        canReadAudit ? (
          <Anchor component={Link} to={`/audit?caseId=${caseId}`} size="sm">
            See full audit trail
          </Anchor>
        ) : null
      }
    >
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          No recorded changes yet.
        </Text>
      ) : (
        <Timeline bulletSize={22} lineWidth={2} active={-1}>
          {entries.map((entry) => {
            const Icon = ACTOR_ICONS[entry.actorType];
            return (
              <Timeline.Item
                key={entry.id}
                bullet={<Icon size={12} aria-hidden />}
                title={
                  <Text size="sm" fw={600}>
                    {humanizeCode(entry.action)}
                  </Text>
                }
              >
                {(entry.fromStatus || entry.toStatus) && (
                  <Text size="sm">
                    {entry.fromStatus ? statusLabel(entry.fromStatus) : 'New'} →{' '}
                    {entry.toStatus ? statusLabel(entry.toStatus) : 'unchanged'}
                  </Text>
                )}
                {entry.reason && (
                  <Text size="sm" c="dimmed">
                    {entry.reason}
                  </Text>
                )}
                <Text size="xs" c="dimmed" mt={2}>
                  {formatDateTime(entry.at)} · {ACTOR_LABELS[entry.actorType]}
                  {entry.actorName
                    ? ` ${entry.actorName}`
                    : entry.actorType === 'provider' && entry.actorId
                      ? ` ${entry.actorId}`
                      : ''}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Section>
  );
}
