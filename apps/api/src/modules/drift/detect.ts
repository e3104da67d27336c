import type { CaseRow, cases, Orm } from '@backoffice/db';
import { isLocalDecisionType, LOCAL_DECISION_STATUS } from '../actions/action-types';
import { type AuditContext, caseAuditRef, emitAudit } from '../audit/emit';
import { setCaseFlag, writeCase } from '../cases/writes';
import { type IngestStep, unmoved } from '../ingestion/pipeline';
import {
  type DriftRow,
  findUnresolvedDrift,
  insertDrift,
  lastAppliedStatusAction,
  markDriftSeen,
  openStatusActions,
  updateDrift,
} from './repo';

/*
 * Drift detection, called by each provider's ingestion just before it would update an existing case
 * (docs/reliability.md, "Drift"). A provider state that diverges from a decision we took ourselves is held
 * as a drift for a manager; every other provider update goes on as before.
 */

type CaseChanges = Omit<Partial<typeof cases.$inferInsert>, 'id' | 'version'> &
  Pick<CaseRow, 'status' | 'providerStatus'>;

/** The provider's state as the ingestion would apply it. */
export interface ProviderState {
  changes: CaseChanges;
  providerEventAt: number | null;
  source: 'reconcile' | 'webhook';
  context: AuditContext;
  reason: string;
}

/** `hold`: the case stays as it is (the step says what happened); `proceed`: apply the state to this row. */
export type DriftCheck = { hold: IngestStep } | { proceed: CaseRow };

/** The status of the decision we took ourselves on this case, when the case still stands on it. */
export function ourDecision(tx: Orm, existing: CaseRow): string | null {
  const last = lastAppliedStatusAction(tx, existing.id);
  if (!last || !isLocalDecisionType(last.type as never)) return null;
  const status = LOCAL_DECISION_STATUS[last.type as keyof typeof LOCAL_DECISION_STATUS];
  return status === existing.status ? status : null;
}

const FLAG_DETAIL = (drift: Pick<DriftRow, 'ourProviderStatus' | 'theirProviderStatus'>) =>
  `ours ${drift.ourProviderStatus}, provider ${drift.theirProviderStatus}`;

const sides = (
  drift: Pick<DriftRow, 'ourStatus' | 'ourProviderStatus' | 'theirStatus' | 'theirProviderStatus'>,
) => ({
  ours: { status: drift.ourStatus, providerStatus: drift.ourProviderStatus },
  theirs: { status: drift.theirStatus, providerStatus: drift.theirProviderStatus },
});

/** Clears the case's drift flag (if it still carries it) with the resolution's audit row, in one write. */
export function closeDriftOnCase(
  tx: Orm,
  target: CaseRow,
  now: number,
  context: AuditContext,
  entry: (written: CaseRow) => Parameters<typeof emitAudit>[2],
): CaseRow {
  const flag = target.flag === 'drift' ? { flag: null, flagDetail: null, flaggedAt: null } : {};
  return writeCase(
    tx,
    target,
    { ...flag, updatedAt: now, version: target.version + 1 },
    { context, entries: entry },
  );
}

function providerCameBack(tx: Orm, existing: CaseRow, open: DriftRow, state: ProviderState, now: number) {
  const resolved = updateDrift(tx, open.id, {
    status: 'resolved',
    resolution: 'provider_matches',
    resolvedAt: now,
    lastSeenAt: now,
  });
  return closeDriftOnCase(tx, existing, now, state.context, (written) => ({
    ...caseAuditRef(existing),
    action: 'case.drift_resolved',
    before: { driftId: open.id, driftStatus: open.status, version: existing.version },
    after: { driftId: resolved.id, resolution: 'provider_matches', ...sides(open), version: written.version },
    reason: state.reason,
    at: now,
  }));
}

/**
 * Decides what a provider state does to a case we decided: nothing new (same status), our own action
 * landing (an open decision of ours asks for this status), or a drift (recorded once per divergence, the
 * case flagged and left as it is). A provider state that comes back to our decision closes the drift.
 */
export function checkDrift(tx: Orm, now: number, existing: CaseRow, state: ProviderState): DriftCheck {
  const theirs = state.changes;
  const open = findUnresolvedDrift(tx, existing.id);
  if (theirs.status === existing.status) {
    return { proceed: open ? providerCameBack(tx, existing, open, state, now) : existing };
  }
  const ours = ourDecision(tx, existing);
  if (!ours) return { proceed: existing };
  const inFlight = openStatusActions(tx, existing.id);
  if (inFlight.length > 0) {
    // Our own next step (a reversal, a resubmission, a decision pushed again) is on its way: the state it
    // asks for is that step landing; any other state waits until it has landed and is read again.
    const landing = inFlight.some(
      (action) =>
        action.type === 'request_resubmission' ||
        LOCAL_DECISION_STATUS[action.type as keyof typeof LOCAL_DECISION_STATUS] === theirs.status,
    );
    return landing ? { proceed: existing } : { hold: unmoved('unchanged', existing.id) };
  }
  const next = {
    theirStatus: theirs.status,
    theirProviderStatus: theirs.providerStatus,
    theirChanges: JSON.stringify(theirs),
    theirEventAt: state.providerEventAt,
  };
  if (open) {
    if (open.theirStatus === theirs.status && open.theirProviderStatus === theirs.providerStatus) {
      markDriftSeen(tx, open.id, now);
      return { hold: unmoved('unchanged', existing.id) };
    }
    // The provider moved again: the drift shows its latest state, and a resolution awaiting a second
    // person was asked about the earlier one, so it starts over.
    const moved = updateDrift(tx, open.id, {
      ...next,
      lastSeenAt: now,
      seenCount: open.seenCount + 1,
      status: 'open',
      resolution: null,
      requestedBy: null,
      requestedAt: null,
    });
    emitAudit(tx, state.context, {
      ...caseAuditRef(existing),
      action: 'case.drift_detected',
      before: { driftId: open.id, driftStatus: open.status, ...sides(open) },
      after: { driftId: moved.id, driftStatus: moved.status, source: state.source, ...sides(moved) },
      reason: state.reason,
      at: now,
    });
    return { hold: unmoved('unchanged', existing.id) };
  }
  const drift = insertDrift(tx, {
    caseId: existing.id,
    provider: existing.provider,
    kind: existing.kind,
    ourStatus: existing.status,
    ourProviderStatus: existing.providerStatus,
    ...next,
    source: state.source,
    detectedAt: now,
    lastSeenAt: now,
    seenCount: 1,
    status: 'open',
  });
  emitAudit(tx, state.context, {
    ...caseAuditRef(existing),
    action: 'case.drift_detected',
    before: null,
    after: { driftId: drift.id, driftStatus: drift.status, source: state.source, ...sides(drift) },
    reason: state.reason,
    at: now,
  });
  const flagged = setCaseFlag(
    tx,
    existing,
    'drift',
    FLAG_DETAIL(drift),
    { context: state.context, reason: state.reason },
    now,
  );
  return {
    hold: { outcome: 'flagged', caseId: flagged.id, version: flagged.version, status: flagged.status },
  };
}
