import {
  type BulkCaseRequest,
  type BulkCaseResponse,
  type BulkCaseResult,
  roleHas,
  type UserRef,
} from '@backoffice/contracts';
import { type CaseRow, type Orm, writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { findCaseForUpdate } from '../actions/repo';
import { writeAssignment } from '../cases/assignment';
import { claimedByOther } from '../cases/claim';
import { type Actor, applyTag, auditContext, tagToAdd, tagToRemove } from '../tags/service';
import { activeUsersWithRoles } from './repo';

/** Roles a case can be handed to: the people who work the queue (admins configure, they do not review). */
const REVIEWER_ROLES = ['analyst', 'manager'];

/** Active analysts and managers by name: the named-person picker of the queue (bulk assign, assignee filter). */
export function reviewers(db: Orm): UserRef[] {
  return activeUsersWithRoles(db, REVIEWER_ROLES);
}

function isReviewer(db: Orm, id: string): boolean {
  return reviewers(db).some((user) => user.id === id);
}

/** Refusal of one case, kept as its code and message for the per-case result. */
class CaseRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Outcome = 'applied' | 'unchanged';

/**
 * Taking a case away from the person working on it follows the claim rule: only someone allowed to
 * reassign (managers) may; an analyst's bulk request leaves such cases to their holder.
 */
function checkHolder(tx: Orm, actor: Actor, target: CaseRow) {
  if (target.assigneeId === null || target.assigneeId === actor.user.id) return;
  if (roleHas(actor.user.role, 'cases:reassign')) return;
  const refusal = claimedByOther(tx, target, 'Only a manager can take it away from them.');
  throw new CaseRefused(refusal.code, refusal.message);
}

function assignOne(tx: Orm, actor: Actor, target: CaseRow, assigneeId: string | null, now: number): Outcome {
  if (target.assigneeId === assigneeId) return 'unchanged';
  checkHolder(tx, actor, target);
  writeAssignment(tx, auditContext(actor), target, assigneeId, now, { bulk: true });
  return 'applied';
}

/**
 * Applies one operation to each listed case, each in its own transaction with its own audit row, and
 * reports every case: a refusal (not found, held by someone else) never hides behind the others' success
 * and never undoes them. What is wrong with the request itself (an unknown or retired tag, an assignee
 * who does not review) refuses the whole request before any case is touched.
 */
export function applyBulk(deps: AppDeps, actor: Actor, request: BulkCaseRequest): BulkCaseResponse {
  const { operation } = request;
  const orm = deps.db.orm;
  if (operation.type === 'assign' && !isReviewer(orm, operation.assigneeId)) {
    throw new AppError(
      400,
      'invalid_assignee',
      'Cases can be assigned to active analysts and managers only.',
    );
  }
  const tag =
    operation.type === 'add_tag'
      ? tagToAdd(orm, operation.tagId)
      : operation.type === 'remove_tag'
        ? tagToRemove(orm, operation.tagId)
        : null;

  const results: BulkCaseResult[] = [];
  for (const caseId of request.caseIds) {
    const now = deps.now();
    try {
      const { outcome, target } = writeTransaction(deps.db, (tx) => {
        const target = findCaseForUpdate(tx, caseId);
        if (!target) throw new CaseRefused('not_found', `Case ${caseId} was not found.`);
        let outcome: Outcome;
        if (operation.type === 'assign') outcome = assignOne(tx, actor, target, operation.assigneeId, now);
        else if (operation.type === 'unassign') outcome = assignOne(tx, actor, target, null, now);
        else
          outcome = applyTag(tx, actor, target, tag!, operation.type === 'add_tag' ? 'add' : 'remove', now);
        return { outcome, target };
      });
      if (outcome === 'applied') {
        deps.events.publishCaseChanged({ id: caseId, status: target.status, version: target.version });
      }
      results.push({ caseId, outcome, code: null, message: null });
    } catch (error) {
      if (!(error instanceof CaseRefused)) throw error;
      results.push({ caseId, outcome: 'refused', code: error.code, message: error.message });
    }
  }
  const count = (outcome: BulkCaseResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return { results, applied: count('applied'), unchanged: count('unchanged'), refused: count('refused') };
}
