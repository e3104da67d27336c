import type { CaseActionStatus, CaseActionType, CaseDetail, CaseKind, Provider } from '@backoffice/contracts';
import { PROVIDER_LABELS } from '../../components/labels';
import { webProvider } from '../../providers/registry';

export const ACTION_TYPE_LABELS: Record<CaseActionType, string> = {
  approve: 'Approve',
  decline: 'Decline',
  request_resubmission: 'Request resubmission',
  blocklist: 'Blocklist',
  provider_comment: 'Comment to provider',
  provider_metadata: 'Set provider metadata',
  escalate: 'Escalate',
  return_to_queue: 'Send back to queue',
  list_entry_add: 'Add to list',
  list_entry_remove: 'Remove from list',
};

export const ACTION_STATUS_LABELS: Record<CaseActionStatus, string> = {
  awaiting_approval: 'Awaiting approval',
  pending: 'Sending',
  retrying: 'Retrying',
  applied: 'Applied',
  failed: 'Failed',
  abandoned: 'Abandoned',
  rejected: 'Rejected by approver',
};

export const ACTION_STATUS_COLORS: Record<CaseActionStatus, string> = {
  awaiting_approval: 'violet',
  pending: 'blue',
  retrying: 'yellow',
  applied: 'green',
  failed: 'red',
  abandoned: 'gray',
  rejected: 'gray',
};

export function providerName(provider: Provider): string {
  return PROVIDER_LABELS[provider];
}

/** Cases whose approve and decline are recorded here only (the provider has no decision API for them). */
export function decidedLocally(detail: { provider: Provider; kind: CaseKind }): boolean {
  return webProvider(detail.provider).decidedLocally(detail.kind);
}

/** The label of a local decision, worded the same everywhere it is shown. */
export const localDecisionLabel = (provider: Provider) =>
  `Decided here; not sent to ${providerName(provider)}.`;

export function effectSummary(
  type: CaseActionType,
  detail: Pick<CaseDetail, 'provider' | 'kind'>,
  extra: { nodes?: string[]; face?: boolean; document?: boolean; phone?: boolean; email?: boolean } = {},
): string {
  const name = providerName(detail.provider);
  const verb = decidedLocally(detail) ? undefined : webProvider(detail.provider).verbs[type];
  switch (type) {
    case 'approve':
    case 'decline':
      return verb
        ? `${name} will be told: ${verb}.`
        : `${localDecisionLabel(detail.provider)} The case will be marked ${type === 'approve' ? 'approved' : 'declined'}.`;
    case 'escalate':
      return `The case moves to the managers' Escalated view with your reason; a manager decides it or sends it back. Nothing is sent to ${name}.`;
    case 'return_to_queue':
      return `The case goes back to the analysts' queue (Needs review). Nothing is sent to ${name}.`;
    case 'request_resubmission':
      return extra.nodes && extra.nodes.length > 0
        ? `${name} will be told: ${verb ?? 'Resubmitted'}. The applicant is asked to redo: ${extra.nodes.join(', ')}. Steps already approved are kept.`
        : `${name} will be told: ${verb ?? 'Resubmitted'}. Choose the steps the applicant must redo.`;
    case 'blocklist': {
      const items = [
        extra.face && 'face',
        extra.document && 'document',
        extra.phone && 'phone number',
        extra.email && 'e-mail address',
      ]
        .filter(Boolean)
        .join(', ');
      return items
        ? `${name} will add this session's ${items} to its blocklist; future sessions matching it are declined automatically.`
        : `${name} will add the chosen items to its blocklist.`;
    }
    case 'provider_comment':
      return `Your comment is added to the session's audit trail at ${name}. The case status does not change.`;
    case 'provider_metadata':
      return `The metadata is written to the task at ${name}. The case status does not change.`;
    case 'list_entry_add':
      return `${name} will add this session to the list. The case status does not change.`;
    case 'list_entry_remove':
      return `After a second manager approves, ${name} removes the entry from its list. The case status does not change.`;
  }
}
