import type { CaseActionRequest, CaseActionType } from '@backoffice/contracts';
import type { CaseRow } from '@backoffice/db';
import {
  DiditDecision,
  reportGroupsOf,
  sessionNodes,
  updateStatusOutcome,
} from '@backoffice/providers/didit';
import {
  type ActionableCase,
  allowed,
  DECISION_IN_FLIGHT,
  refused,
  type TransitionVerdict,
} from '../../modules/actions/verdict';
import { AppError } from '../../platform/errors';
import { parseJsonOrNull } from '../../platform/json';

/** The Didit `new_status` each status-changing action asks for (docs/providers/didit.md §1.5.6). */
export const DIDIT_TARGET_STATUS = {
  approve: 'Approved',
  decline: 'Declined',
  request_resubmission: 'Resubmitted',
} as const satisfies Partial<Record<CaseActionType, string>>;

type DiditStatusAction = keyof typeof DIDIT_TARGET_STATUS;

const isDiditStatusAction = (type: CaseActionType): type is DiditStatusAction =>
  Object.hasOwn(DIDIT_TARGET_STATUS, type);

/** Case statuses on which blocking the person's face or document makes sense: decided or under review. */
const BLOCKLISTABLE_CASE_STATUSES = new Set(['approved', 'rejected', 'needs_review', 'escalated']);

/** Didit's update-status table (docs/providers/didit.md §1.4), checked before anything is queued. */
export function diditVerdict(
  target: ActionableCase,
  type: CaseActionType,
  hasOpen: boolean,
): TransitionVerdict {
  if (type === 'provider_comment') return allowed;
  // List changes concern the person behind the session, whatever the session's status.
  if (type === 'list_entry_add' || type === 'list_entry_remove') return allowed;
  if (type === 'provider_metadata') return refused('Didit sessions have no provider metadata to set.');
  if (type === 'blocklist') {
    return BLOCKLISTABLE_CASE_STATUSES.has(target.status)
      ? allowed
      : refused('Only a decided case or one in review can be blocklisted.');
  }
  if (!isDiditStatusAction(type)) return refused(`Didit sessions take no ${type}.`);
  const next = DIDIT_TARGET_STATUS[type];
  if (hasOpen) return DECISION_IN_FLIGHT;
  const outcome = updateStatusOutcome(target.providerStatus, next);
  if (outcome === 'noop') return refused(`The session is already ${next}; there is nothing to change.`);
  if (outcome === 'forbidden') {
    return refused(`Didit does not allow ${next} on a session that is ${target.providerStatus}.`);
  }
  return allowed;
}

export const diditShowsActionEffect = (target: ActionableCase, type: CaseActionType): boolean =>
  isDiditStatusAction(type) && target.providerStatus === DIDIT_TARGET_STATUS[type];

/** The stored payload was parsed on the way in; a row that no longer parses shows no provider view. */
export function storedDecision(row: Pick<CaseRow, 'payload'>): DiditDecision | null {
  const parsed = DiditDecision.safeParse(parseJsonOrNull(row.payload));
  return parsed.success ? parsed.data : null;
}

/**
 * Didit resubmits by node id, and a workflow may repeat or rename nodes: only nodes the stored decision
 * shows this session ran may be sent, each under the feature it ran as.
 */
export function checkDiditRequest(target: CaseRow, request: CaseActionRequest): void {
  if (request.type !== 'request_resubmission') return;
  const decision = storedDecision(target);
  const ran = new Map(
    (decision ? sessionNodes(reportGroupsOf(decision)) : []).map((node) => [node.nodeId, node]),
  );
  for (const { nodeId, feature } of request.nodes) {
    const node = ran.get(nodeId);
    if (!node) {
      const known = [...ran.keys()].join(', ') || 'none';
      throw new AppError(
        400,
        'unknown_node',
        `Session ${target.externalId} has no node "${nodeId}"; the nodes it ran are: ${known}. Nothing was queued.`,
      );
    }
    if (node.feature.toUpperCase() !== feature.trim().toUpperCase()) {
      throw new AppError(
        400,
        'unknown_node',
        `Node "${nodeId}" ran as ${node.feature}, not ${feature}. Nothing was queued.`,
      );
    }
  }
}
