import {
  CASE_FLAG_CLEAR_REASON_LABELS,
  type CaseFlagClearReason,
  type CaseSummary,
} from '@backoffice/contracts';
import { writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { userRefs } from '../actions/repo';
import { actorAuditContext, caseAuditRef, type RequestActor } from '../audit/emit';
import { findCase } from './repo';
import { toCaseSummary } from './service';
import { writeCase } from './writes';

type Actor = RequestActor;

/**
 * A manager clears the flag ingestion or QA put on a case, at the version they saw (a flag raised again
 * since then is not cleared unseen), with a reason from a fixed list. The case keeps its status; the
 * flag, its `case.flag_cleared` audit row (reason in words, shown in the case history) and the new
 * version commit together.
 */
export function clearCaseFlag(
  deps: AppDeps,
  actor: Actor,
  caseId: number,
  ifMatch: number,
  reason: CaseFlagClearReason,
): CaseSummary {
  const now = deps.now();
  const updated = writeTransaction(deps.db, (tx) => {
    const target = findCase(tx, caseId);
    if (!target) throw notFound(`Case ${caseId}`);
    if (target.version !== ifMatch) {
      throw new AppError(
        409,
        'stale_version',
        `Case ${caseId} changed since you loaded it (you saw version ${ifMatch}, it is now version ${target.version}). Reload it and look at the flag again.`,
      );
    }
    if (target.flag === null) throw new AppError(409, 'case_not_flagged', `Case ${caseId} has no flag.`);
    // A drift flag stands for an open case_drifts row: only resolving the drift (accept theirs or push
    // ours) may clear it, or the drift would stay open with nothing on the case to show it.
    if (target.flag === 'drift')
      throw new AppError(
        409,
        'flag_resolved_elsewhere',
        `Case ${caseId} is flagged for drift: resolve the drift on the Drift view instead.`,
      );
    return writeCase(
      tx,
      target,
      { flag: null, flagDetail: null, flaggedAt: null, updatedAt: now, version: target.version + 1 },
      {
        context: actorAuditContext(actor),
        entries: (row) => ({
          ...caseAuditRef(target),
          action: 'case.flag_cleared',
          reason: `Flag cleared: ${CASE_FLAG_CLEAR_REASON_LABELS[reason]}`,
          before: { flag: target.flag, flagDetail: target.flagDetail, status: target.status },
          after: { flag: null, flagDetail: null, status: row.status },
          at: now,
        }),
      },
    );
  });
  deps.events.publishCaseChanged({ id: updated.id, status: updated.status, version: updated.version });
  return toCaseSummary(updated, userRefs(deps.db.orm, [updated.assigneeId]));
}
