import type { CaseSummary } from '@backoffice/contracts';
import { type CaseRow, type Orm, writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { userRefs } from '../actions/repo';
import { actorAuditContext, caseAuditRef, type RequestActor } from '../audit/emit';
import { findCase } from './repo';
import { toCaseSummary } from './service';
import { writeCase } from './writes';

type Actor = RequestActor;

export function claimedByOther(tx: Orm, target: CaseRow, advice = 'Confirm to decide it anyway.'): AppError {
  const holder = target.assigneeId
    ? (userRefs(tx, [target.assigneeId]).get(target.assigneeId)?.name ?? 'another user')
    : 'another user';
  const since = target.assignedAt ? ` since ${new Date(target.assignedAt).toISOString()}` : '';
  return new AppError(
    409,
    'case_claimed_by_other',
    `${holder} has been working on case ${target.id}${since}. ${advice}`,
  );
}

/** Actions that do not decide the case (a note to the provider, metadata) need no confirmation. */
const NOT_A_DECISION: ReadonlySet<string> = new Set(['provider_comment', 'provider_metadata']);

/**
 * A decision on a case another person is working on needs `overrideAssignee: true` (the reviewer
 * confirmed in the dialog). Returns the assignee overridden, for the decision's audit row, or null.
 */
export function checkAssigneeOverride(
  tx: Orm,
  target: CaseRow,
  userId: string,
  request: { type: string; overrideAssignee?: boolean },
): string | null {
  if (NOT_A_DECISION.has(request.type)) return null;
  if (target.assigneeId === null || target.assigneeId === userId) return null;
  if (request.overrideAssignee !== true) throw claimedByOther(tx, target);
  return target.assigneeId;
}

/**
 * Takes an unassigned case (or confirms one's own claim) at the version the reviewer saw. A case someone
 * else holds is refused with who and since when; reassigning it is the assign action's job.
 */
export function claimCase(deps: AppDeps, actor: Actor, caseId: number, ifMatch: number): CaseSummary {
  const now = deps.now();
  const updated = writeTransaction(deps.db, (tx) => {
    const target = findCase(tx, caseId);
    if (!target) throw notFound(`Case ${caseId}`);
    if (target.assigneeId !== null && target.assigneeId !== actor.user.id) throw claimedByOther(tx, target);
    if (target.version !== ifMatch) {
      throw new AppError(
        409,
        'stale_version',
        `Case ${caseId} changed since you loaded it (you saw version ${ifMatch}, it is now version ${target.version}). Reload it and claim again.`,
      );
    }
    if (target.assigneeId === actor.user.id) return target;
    return writeCase(
      tx,
      target,
      { assigneeId: actor.user.id, assignedAt: now, version: target.version + 1 },
      {
        context: actorAuditContext(actor),
        entries: (row) => ({
          ...caseAuditRef(target),
          action: 'case.claimed',
          before: { assigneeId: null, version: target.version },
          after: { assigneeId: actor.user.id, assignedAt: now, version: row.version },
          at: now,
        }),
      },
    );
  });
  deps.events.publishCaseChanged({ id: updated.id, status: updated.status, version: updated.version });
  return toCaseSummary(updated, userRefs(deps.db.orm, [updated.assigneeId]));
}
