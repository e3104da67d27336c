import type { SlaPolicy, SlaPolicyChange } from '@backoffice/contracts';
import { writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { actorAuditContext, type RequestActor } from '../audit/emit';
import { setCaseDueTimes } from '../cases/writes';
import { casesInReview, dueAtFor, readSlaPolicy, writeSlaPolicy } from './repo';

type Actor = RequestActor;

export function getSlaPolicy(deps: AppDeps): SlaPolicy {
  return readSlaPolicy(deps.db.orm);
}

/**
 * Replaces the policy and, in the same transaction, recomputes the due time of every case still in review
 * from when it entered review, so the queue always reflects the policy in force. Decided cases keep the
 * due time they were judged against. Audited old → new with the number of cases recomputed.
 */
export function setSlaPolicy(deps: AppDeps, actor: Actor, next: SlaPolicy): SlaPolicyChange {
  const now = deps.now();
  const recomputedCases = writeTransaction(deps.db, (tx) => {
    const before = readSlaPolicy(tx);
    writeSlaPolicy(tx, next, actor.user.id, now);
    const open = casesInReview(tx);
    const dueTimes = open
      .map((row) => ({ id: row.id, dueAt: dueAtFor(next, row, row.reviewEnteredAt!), was: row.dueAt }))
      .filter((row) => row.dueAt !== row.was);
    return setCaseDueTimes(tx, dueTimes, actorAuditContext(actor), (changed) => ({
      action: 'settings.sla_changed',
      before,
      after: { ...next, recomputedCases: changed },
      at: now,
    }));
  });
  return { policy: next, recomputedCases };
}
