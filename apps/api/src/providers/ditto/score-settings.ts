import type {
  DittoScoreSettings,
  DittoWhatIfQuery,
  UpdateDittoScoreSettingsRequest,
  WhatIfResult,
} from '@backoffice/contracts';
import { type Orm, writeTransaction } from '@backoffice/db';
import { dittoScoresBelowMinimum } from '@backoffice/providers/ditto';
import { actorAuditContext, emitAudit, type RequestActor } from '../../modules/audit/emit';
import { type Replay, runWhatIf } from '../../modules/whatif/service';
import type { AppDeps } from '../../platform/deps';
import { insertDittoScoresIfMissing, readDittoScores, writeDittoScores } from './score-settings-repo';

/*
 * Ditto's minimum scores are admin settings (docs/providers/ditto.md, "Minimum scores"): the environment
 * seeds them on first start, after which only an audited admin change moves them, and ingestion reads the
 * stored value for every submission.
 */

/** Stores the environment's values when nothing is stored yet; an admin's value is never overwritten. */
export function seedDittoScores(deps: AppDeps): boolean {
  return writeTransaction(deps.db, (tx) =>
    insertDittoScoresIfMissing(tx, deps.ditto.seedThresholds, deps.now()),
  );
}

/** The minimum scores in force (the seed if the table was never seeded, e.g. a test's bare deps). */
export function dittoScoresIn(tx: Orm, deps: Pick<AppDeps, 'ditto'>): DittoScoreSettings {
  return readDittoScores(tx) ?? deps.ditto.seedThresholds;
}

export const getDittoScores = (deps: AppDeps): DittoScoreSettings => dittoScoresIn(deps.db.orm, deps);

const DITTO_LIMITS = [
  'Every Ditto submission is reviewed by a person: the minimum scores never add a case to the queue or take one out. They flag a submission (each biometric score below its minimum adds 50 to its risk score), which moves it up the queue; the queue figure here is flagged minus cleared.',
  'Replays the liveness and face-match scores stored with each submission. Document status, document errors and disagreeing fields flag a submission whatever the minimums, and are not replayed.',
  'Submissions without either score are counted as unscored and never flip.',
];

export function dittoReplay(current: DittoScoreSettings, proposed: DittoScoreSettings): Replay {
  const outcome = (
    scores: { faceMatch: number | null; liveness: number | null },
    minimums: DittoScoreSettings,
  ) => {
    const below = dittoScoresBelowMinimum(
      { faceMatchPercent: scores.faceMatch, liveness: scores.liveness },
      minimums,
    );
    return below.faceMatch || below.liveness ? 'flagged' : 'clear';
  };
  return {
    // Every comparison `dittoScoresBelowMinimum` makes under either set of minimums.
    cuts: [current, proposed].flatMap((minimums) => [
      { column: 'face_match' as const, below: minimums.faceMatchMinPercent },
      { column: 'liveness' as const, below: minimums.livenessMinScore },
    ]),
    outcomes: (scores) => ({ current: outcome(scores, current), proposed: outcome(scores, proposed) }),
    inQueue: (value) => value === 'flagged',
    limits: DITTO_LIMITS,
  };
}

const merged = (current: DittoScoreSettings, change: Partial<DittoScoreSettings>): DittoScoreSettings => ({
  faceMatchMinPercent: change.faceMatchMinPercent ?? current.faceMatchMinPercent,
  livenessMinScore: change.livenessMinScore ?? current.livenessMinScore,
});

export function dittoWhatIf(deps: AppDeps, query: DittoWhatIfQuery): WhatIfResult {
  const current = getDittoScores(deps);
  return runWhatIf(
    deps.db,
    { scope: { provider: 'ditto' }, days: query.days, after: query.after, now: deps.now() },
    dittoReplay(current, merged(current, query)),
  );
}

/**
 * Changes the minimum scores and, in the same transaction, audits old → new with the what-if summary of
 * the change (counts only). Asking for the values in force changes and audits nothing.
 */
export function updateDittoScores(
  deps: AppDeps,
  actor: RequestActor,
  change: UpdateDittoScoreSettingsRequest,
  whatIfDays: number,
): DittoScoreSettings {
  const now = deps.now();
  return writeTransaction(deps.db, (tx) => {
    const before = dittoScoresIn(tx, deps);
    const after = merged(before, change);
    if (
      after.faceMatchMinPercent === before.faceMatchMinPercent &&
      after.livenessMinScore === before.livenessMinScore
    ) {
      return before;
    }
    // No await here: the replay is synchronous SQL in the same transaction as the write it describes.
    const { summary } = runWhatIf(
      deps.db,
      { scope: { provider: 'ditto' }, days: whatIfDays, now },
      dittoReplay(before, after),
    );
    if (!readDittoScores(tx)) insertDittoScoresIfMissing(tx, before, now);
    writeDittoScores(tx, after, actor.user.id, now);
    emitAudit(tx, actorAuditContext(actor), {
      action: 'settings.ditto_scores_changed',
      provider: 'ditto',
      before,
      after: { ...after, whatIf: summary },
      at: now,
    });
    return after;
  });
}
