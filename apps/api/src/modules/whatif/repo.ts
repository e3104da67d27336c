import type { Db } from '@backoffice/db';

/** One case's stored scores, as the what-if replays them (`case_scores`, filled by triggers). */
export interface StoredScores {
  caseId: number;
  createdAt: number;
  faceMatch: number | null;
  liveness: number | null;
  aml: number | null;
}

export type ScoreColumn = 'face_match' | 'liveness' | 'aml';

/** A comparison a replay makes: "score below this value" (its negation, "at or above", is the same cut). */
export interface ScoreCut {
  column: ScoreColumn;
  below: number;
}

/** Which cases a what-if replays: one provider's cases created since `fromMs`, optionally one workflow's. */
export interface ScoreScope {
  provider: string;
  fromMs: number;
  /** Didit: the workflow whose thresholds change; `includeUnassigned` adds cases that name no workflow. */
  workflow?: { id: string; includeUnassigned: boolean };
}

/** A set of cases that compare alike on every cut: one replay of any of them stands for all. */
export interface ScoreGroup {
  /** The cut results (1 below, 0 not below, -1 no score), then the "no score at all" flag. */
  key: number[];
  unscored: boolean;
  representative: { faceMatch: number | null; liveness: number | null; aml: number | null };
  count: number;
}

function scopeSql(scope: ScoreScope): { where: string; params: unknown[] } {
  const params: unknown[] = [scope.provider, scope.fromMs];
  let where = 'provider = ? AND created_at >= ?';
  if (scope.workflow) {
    where += scope.workflow.includeUnassigned
      ? ' AND (workflow_id = ? OR workflow_id IS NULL)'
      : ' AND workflow_id = ?';
    params.push(scope.workflow.id);
  }
  return { where, params };
}

/** The group key of a row as SQL: each cut as 1 / 0 / -1 (no score), then "no score at all". */
function keySql(cuts: readonly ScoreCut[]): { columns: string[]; params: unknown[] } {
  return {
    columns: [
      ...cuts.map((cut) => `coalesce(${cut.column} < ?, -1)`),
      '(face_match IS NULL AND liveness IS NULL AND aml IS NULL)',
    ],
    params: cuts.map((cut) => cut.below),
  };
}

/**
 * Counts the window's cases per combination of cut results in one aggregate over the index range of
 * `case_scores_window` (covering: provider, created_at, case_id, workflow, scores): no row reaches JavaScript, so the cost is the
 * index range, not a replay per case. At most 2^(cuts+1) groups come back.
 */
export function scoreGroups(db: Db, scope: ScoreScope, cuts: readonly ScoreCut[]): ScoreGroup[] {
  const { where, params } = scopeSql(scope);
  const key = keySql(cuts);
  const names = key.columns.map((_, index) => `k${index}`);
  const rows = db.sqlite
    .prepare(
      `SELECT ${key.columns.map((column, index) => `${column} AS ${names[index]}`).join(', ')},
              min(face_match) AS faceMatch, min(liveness) AS liveness, min(aml) AS aml, count(*) AS count
         FROM case_scores WHERE ${where}
        GROUP BY ${names.join(', ')}`,
    )
    .all(...key.params, ...params) as Array<Record<string, number | null>>;
  return rows.map((row) => ({
    key: names.map((name) => Number(row[name])),
    unscored: row[names.at(-1)!] === 1,
    representative: {
      faceMatch: row.faceMatch ?? null,
      liveness: row.liveness ?? null,
      aml: row.aml ?? null,
    },
    count: Number(row.count),
  }));
}

/**
 * One page of the cases in the given groups, newest first after the keyset cursor `(createdAt, caseId)`;
 * `limit` + 1 rows are read so the caller knows whether there is a next page.
 */
export function casesInGroups(
  db: Db,
  scope: ScoreScope,
  cuts: readonly ScoreCut[],
  groups: readonly number[][],
  after: [number, number] | null,
  limit: number,
): StoredScores[] {
  if (groups.length === 0) return [];
  const { where, params } = scopeSql(scope);
  const key = keySql(cuts);
  const width = key.columns.length;
  const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  const cursor = after ? ' AND (created_at, case_id) < (?, ?)' : '';
  return db.sqlite
    .prepare(
      `SELECT case_id AS caseId, created_at AS createdAt, face_match AS faceMatch, liveness, aml
         FROM case_scores
        WHERE ${where}${cursor}
          AND (${key.columns.join(', ')}) IN (VALUES ${groups.map(() => tuple).join(', ')})
        ORDER BY created_at DESC, case_id DESC
        LIMIT ?`,
    )
    .all(...params, ...(after ?? []), ...key.params, ...groups.flat(), limit + 1) as StoredScores[];
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
