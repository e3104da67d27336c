import type { Db } from '@backoffice/db';

/** One case's stored scores, as the what-if replays them (`case_scores`, filled by triggers). */
export interface StoredScores {
  caseId: number;
  createdAt: number;
  faceMatch: number | null;
  liveness: number | null;
  aml: number | null;
}

/** Which cases a what-if replays: one provider's cases created since `fromMs`, optionally one workflow's. */
export interface ScoreScope {
  provider: string;
  fromMs: number;
  /** Didit: the workflow whose thresholds change; `includeUnassigned` adds cases that name no workflow. */
  workflow?: { id: string; includeUnassigned: boolean };
}

/**
 * Streams the window newest first from `case_scores_window` (provider, created_at, case_id): the scan is
 * bounded by the date window, reads no payload, and holds one row at a time.
 */
export function* scoresInWindow(db: Db, scope: ScoreScope): Generator<StoredScores> {
  const workflowClause = scope.workflow
    ? scope.workflow.includeUnassigned
      ? 'AND (workflow_id = @workflowId OR workflow_id IS NULL)'
      : 'AND workflow_id = @workflowId'
    : '';
  const statement = db.sqlite.prepare(
    `SELECT case_id AS caseId, created_at AS createdAt, face_match AS faceMatch, liveness, aml
       FROM case_scores
      WHERE provider = @provider AND created_at >= @fromMs ${workflowClause}
      ORDER BY created_at DESC, case_id DESC`,
  );
  yield* statement.iterate({
    provider: scope.provider,
    fromMs: scope.fromMs,
    ...(scope.workflow ? { workflowId: scope.workflow.id } : {}),
  }) as IterableIterator<StoredScores>;
}

export interface FlipCaseRow {
  id: number;
  externalId: string;
  subjectName: string | null;
}

/** The few case columns a page of flips shows (at most one page of ids). */
export function flipCases(db: Db, ids: readonly number[]): Map<number, FlipCaseRow> {
  if (ids.length === 0) return new Map();
  const rows = db.sqlite
    .prepare(
      `SELECT id, external_id AS externalId, subject_name AS subjectName FROM cases
        WHERE id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(...ids) as FlipCaseRow[];
  return new Map(rows.map((row) => [row.id, row]));
}
