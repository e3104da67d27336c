import { type CaseActionType, type Role, roleHas } from '@backoffice/contracts';
import type { ActionableCase, TransitionVerdict } from './verdict';

/**
 * Escalation is ours alone, whatever the provider: `escalate` hands a case in review to the managers
 * (status `escalated`, their view of the queue), `return_to_queue` hands it back to the analysts.
 * Neither reaches a provider, so both are applied in the request that asks for them.
 */
export const ESCALATION_STATUS = { escalate: 'escalated', return_to_queue: 'needs_review' } as const;
export type EscalationType = keyof typeof ESCALATION_STATUS;

export const isEscalationType = (type: CaseActionType): type is EscalationType =>
  Object.hasOwn(ESCALATION_STATUS, type);

export function escalationVerdict(
  target: Pick<ActionableCase, 'status'>,
  type: EscalationType,
  hasOpenStatusAction: boolean,
): TransitionVerdict {
  // A decision on its way (or awaiting a second person) would land on a case that moved under it.
  if (hasOpenStatusAction) {
    return {
      allowed: false,
      reason:
        'A decision on this case is still on its way (or awaiting a second person); wait for it to finish.',
    };
  }
  const from = type === 'escalate' ? 'needs_review' : 'escalated';
  if (target.status !== from) {
    return {
      allowed: false,
      reason:
        type === 'escalate'
          ? `Only a case in review can be escalated; this one is ${target.status}.`
          : `Only an escalated case can be sent back to the queue; this one is ${target.status}.`,
    };
  }
  return { allowed: true };
}

/** Actions that change where an escalated case goes next: the managers' alone while it is escalated. */
const MANAGER_ONLY_ON_ESCALATED = new Set<CaseActionType>([
  'approve',
  'decline',
  'request_resubmission',
  'return_to_queue',
]);

/** Why this role may not take this action on the case as it stands, or null. */
export function escalationRoleRefusal(
  role: Role,
  target: Pick<ActionableCase, 'status'>,
  type: CaseActionType,
): string | null {
  if (target.status !== 'escalated' || !MANAGER_ONLY_ON_ESCALATED.has(type)) return null;
  if (roleHas(role, 'actions:manage')) return null;
  return `The case is escalated: a manager decides it or sends it back to the queue (your role is ${role}).`;
}
