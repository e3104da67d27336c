import type { SlaPolicy, SlaPolicyChange } from '@backoffice/contracts';
import { appendAudit, writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import type { RequestContext, SignedInUser } from '../auth/service';
import { casesInReview, dueAtFor, readSlaPolicy, setDueAt, writeSlaPolicy } from './repo';

interface Actor {
  user: SignedInUser;
  context: RequestContext;
}

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
    let changed = 0;
    for (const row of open) {
      const dueAt = dueAtFor(next, row, row.reviewEnteredAt!);
      if (dueAt === row.dueAt) continue;
      setDueAt(tx, row.id, dueAt);
      changed++;
    }
    appendAudit(tx, {
      actorType: 'user',
      actorId: actor.user.id,
      actorRole: actor.user.role,
      requestId: actor.context.requestId,
      ip: actor.context.ip,
      userAgent: actor.context.userAgent,
      action: 'settings.sla_changed',
      before,
      after: { ...next, recomputedCases: changed },
      at: now,
    });
    return changed;
  });
  return { policy: next, recomputedCases };
}
