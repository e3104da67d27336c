import type { ActionDecisionNote, ActionDecisionRequest, CaseActionView } from '@backoffice/contracts';
import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useInputState } from '@mantine/hooks';
import { useState } from 'react';
import { formatDateTime } from '../../components/format';
import { useCan, useMe } from '../auth/useMe';
import { ActionChecklistSummary } from '../checklist/ActionChecklistSummary';
import { ActionStatusBadge } from './ActionStatusBadge';
import { ACTION_TYPE_LABELS } from './labels';
import { useActionDecision } from './useActionDecision';

const DECISION_NOTE_LABELS: Record<ActionDecisionNote['decision'], string> = {
  approve: 'Approval note',
  reject: 'Rejection note',
  retry: 'Retry note',
  abandon: 'Abandonment note',
};

function paramsSummary(action: CaseActionView): string | null {
  const params = action.params;
  if (action.type === 'request_resubmission' && Array.isArray(params.nodes)) {
    const names = params.nodes
      .map((node) =>
        node && typeof node === 'object' && 'feature' in node ? String(node.feature) : String(node),
      )
      .join(', ');
    return names ? `Steps: ${names}` : null;
  }
  if (action.type === 'blocklist') {
    const items = [
      params.face === true && 'face',
      params.document === true && 'document',
      Array.isArray(params.contactItems) && params.contactItems.includes('phone') && 'phone number',
      Array.isArray(params.contactItems) && params.contactItems.includes('email') && 'e-mail address',
    ].filter(Boolean);
    return items.length ? `Blocklist: ${items.join(', ')}` : null;
  }
  return null;
}

/** One reviewer action with where it is and, for managers, what they can do about it. */
export function ActionCard({
  action,
  showCaseLink,
}: {
  action: CaseActionView;
  showCaseLink?: React.ReactNode;
}) {
  const me = useMe().data;
  const canApprove = useCan('actions:approve');
  const canManage = useCan('actions:manage');
  const decision = useActionDecision();
  const [confirming, setConfirming] = useState<ActionDecisionRequest['decision'] | null>(null);
  const [note, setNote] = useInputState('');

  const ownRequest = me?.id === action.requestedBy.id;
  const awaiting = action.status === 'awaiting_approval';
  const failed = action.status === 'failed';
  const details = paramsSummary(action);

  const decide = (value: ActionDecisionRequest['decision']) => {
    const trimmed = note.trim();
    decision.mutate(
      { action, request: { decision: value, ...(trimmed ? { note: trimmed } : {}) } },
      { onSuccess: () => setConfirming(null) },
    );
  };

  return (
    <Paper
      withBorder
      radius="sm"
      p="sm"
      data-action-id={action.id}
      aria-label={`${ACTION_TYPE_LABELS[action.type]} action`}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text fw={600} size="sm">
            {ACTION_TYPE_LABELS[action.type]}
            {showCaseLink}
          </Text>
          <ActionStatusBadge action={action} />
        </Group>
        {action.reasonLabel || action.reasonCode ? (
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              Reason:{' '}
            </Text>
            {action.reasonLabel ?? action.reasonCode}
          </Text>
        ) : null}
        {details && <Text size="sm">{details}</Text>}
        {action.note && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            <Text span c="dimmed" size="sm">
              Note:{' '}
            </Text>
            {action.note}
          </Text>
        )}
        {action.decisionNotes?.map((entry) => (
          <Text
            key={`${entry.at}-${entry.decision}`}
            size="sm"
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          >
            <Text span c="dimmed" size="sm">
              {DECISION_NOTE_LABELS[entry.decision]} by {entry.by.name}:{' '}
            </Text>
            {entry.note}
          </Text>
        ))}
        <ActionChecklistSummary action={action} />
        {action.lastError && (action.status === 'retrying' || action.status === 'failed') && (
          <Text size="sm" c="red" style={{ overflowWrap: 'anywhere' }}>
            {action.status === 'retrying' ? 'Last error' : 'Error'}: {action.lastError}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Requested by {action.requestedBy.name} · {formatDateTime(action.requestedAt)}
          {action.approvedBy && (
            <>
              <br />
              {action.status === 'rejected' ? 'Rejected' : 'Approved'} by {action.approvedBy.name}
              {action.approvedAt ? ` · ${formatDateTime(action.approvedAt)}` : ''}
            </>
          )}
          {action.resolvedAt && action.status !== 'rejected' && (
            <>
              <br />
              Resolved {formatDateTime(action.resolvedAt)}
              {action.attempts > 1 ? ` after ${action.attempts} attempts` : ''}
            </>
          )}
        </Text>

        {awaiting && canApprove && ownRequest && (
          <Text size="xs" c="dimmed" fs="italic">
            Your own request: another person must approve it (four-eyes).
          </Text>
        )}
        {((awaiting && canApprove && !ownRequest) || (failed && canManage)) &&
          (confirming ? (
            <Stack gap={6}>
              <Textarea
                label="Note (optional)"
                size="xs"
                value={note}
                onChange={setNote}
                autosize
                minRows={2}
                maxLength={2000}
              />
              <Group gap="xs" justify="flex-end">
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setConfirming(null)}
                  disabled={decision.isPending}
                >
                  Cancel
                </Button>
                <Button
                  size="xs"
                  color={confirming === 'approve' || confirming === 'retry' ? 'green' : 'red'}
                  loading={decision.isPending}
                  onClick={() => decide(confirming)}
                >
                  Confirm {confirming}
                </Button>
              </Group>
            </Stack>
          ) : (
            <Group gap="xs" justify="flex-end">
              {awaiting ? (
                <>
                  <Button size="xs" variant="light" color="red" onClick={() => setConfirming('reject')}>
                    Reject
                  </Button>
                  <Button size="xs" color="green" onClick={() => setConfirming('approve')}>
                    Approve
                  </Button>
                </>
              ) : (
                <>
                  <Button size="xs" variant="light" color="gray" onClick={() => setConfirming('abandon')}>
                    Abandon
                  </Button>
                  <Button size="xs" onClick={() => setConfirming('retry')}>
                    Retry
                  </Button>
                </>
              )}
            </Group>
          ))}
      </Stack>
    </Paper>
  );
}
