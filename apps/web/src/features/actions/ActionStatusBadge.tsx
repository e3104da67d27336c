import type { CaseActionView } from '@backoffice/contracts';
import { Badge } from '@mantine/core';
import { ACTION_STATUS_COLORS, ACTION_STATUS_LABELS } from './labels';

export function ActionStatusBadge({ action }: { action: Pick<CaseActionView, 'status' | 'attempts'> }) {
  const label =
    action.status === 'retrying' && action.attempts > 0
      ? `${ACTION_STATUS_LABELS.retrying} · attempt ${action.attempts}`
      : ACTION_STATUS_LABELS[action.status];
  return (
    <Badge color={ACTION_STATUS_COLORS[action.status]} variant="light" radius="sm" miw="max-content">
      {label}
    </Badge>
  );
}
