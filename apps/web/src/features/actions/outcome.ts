import type { CaseActionView, CaseKind, Provider } from '@backoffice/contracts';
import { notifications } from '@mantine/notifications';
import { ACTION_TYPE_LABELS, decidedLocally, localDecisionLabel, providerName } from './labels';

/** The toast after a reviewer action: says plainly whether the provider has it, will retry, or waits. */
export function notifyActionOutcome(action: CaseActionView, target: { provider: Provider; kind: CaseKind }) {
  const { provider } = target;
  const name = providerName(provider);
  const what = ACTION_TYPE_LABELS[action.type];
  const base = { id: `action-${action.id}-${action.status}`, autoClose: 8000 };
  const here = action.type === 'escalate' || action.type === 'return_to_queue' || decidedLocally(target);
  if (action.status === 'applied' && here) {
    notifications.show({
      ...base,
      color: 'green',
      title: action.type === 'escalate' ? 'Escalated to the managers' : `${what}: done`,
      message:
        action.type === 'escalate' || action.type === 'return_to_queue'
          ? `${what} is recorded. Nothing is sent to ${name}.`
          : `${what} is recorded. ${localDecisionLabel(provider)}`,
    });
    return;
  }
  switch (action.status) {
    case 'applied':
      notifications.show({
        ...base,
        color: 'green',
        title: `Sent to ${name}`,
        message: `${what}: ${name} accepted it.`,
      });
      return;
    case 'pending':
      notifications.show({
        ...base,
        color: 'green',
        title: `Sent to ${name}`,
        message: `${what} is being delivered; the case updates when ${name} confirms.`,
      });
      return;
    case 'retrying':
      notifications.show({
        ...base,
        color: 'yellow',
        title: 'Queued: provider unreachable, will retry',
        message: `${what} is saved and will be sent to ${name} automatically${action.lastError ? ` (last error: ${action.lastError})` : ''}.`,
        autoClose: 12_000,
      });
      return;
    case 'awaiting_approval':
      notifications.show({
        ...base,
        color: 'violet',
        title: "Waiting for a second person's approval",
        message: `${what} is recorded; nothing is sent to ${name} until a manager or another reviewer approves it.`,
        autoClose: 12_000,
      });
      return;
    case 'failed':
      notifications.show({
        ...base,
        color: 'red',
        title: `${name} refused the action`,
        message: `${what} failed${action.lastError ? `: ${action.lastError}` : ''}. A manager can retry or abandon it.`,
        autoClose: false,
      });
      return;
    default:
      notifications.show({ ...base, color: 'gray', title: what, message: `Status: ${action.status}.` });
  }
}
