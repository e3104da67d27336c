import { type QaListQuery, QaSamplingSettings } from '@backoffice/contracts';
import { type Db, type Orm, qaItems, syncState } from '@backoffice/db';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { readSetting, writeSetting } from '../../platform/settings-repo';
import { userRefs } from '../actions/repo';
import type { ClosedCase } from './sampling';
import { DEFAULT_QA_SAMPLING } from './sampling';

export type QaItemRow = typeof qaItems.$inferSelect;

const SETTINGS_KEY = 'qa.sampling';
const WATERMARK_KEY = 'qa.sampler.watermark';

/** The stored sampling settings; a missing or unreadable row samples nothing. */
export function readQaSampling(db: Orm): QaSamplingSettings {
  return readSetting(db, SETTINGS_KEY, QaSamplingSettings, DEFAULT_QA_SAMPLING);
}

export function writeQaSampling(tx: Orm, value: QaSamplingSettings, userId: string, now: number): void {
  writeSetting(tx, SETTINGS_KEY, value, userId, now);
}

/** The last closure the sampler has looked at, as the keyset (decided_at, case id). */
export interface Watermark {
  decidedAt: number;
  caseId: number;
}

export function readWatermark(db: Orm): Watermark | null {
  const row = db.select().from(syncState).where(eq(syncState.key, WATERMARK_KEY)).get();
  const match = row?.value.match(/^(\d+):(\d+)$/);
  return match ? { decidedAt: Number(match[1]), caseId: Number(match[2]) } : null;
}

export function writeWatermark(tx: Orm, mark: Watermark, now: number): void {
  const value = `${mark.decidedAt}:${mark.caseId}`;
  tx.insert(syncState)
    .values({ key: WATERMARK_KEY, value, updatedAt: now })
    .onConflictDoUpdate({ target: syncState.key, set: { value, updatedAt: now } })
    .run();
}

/**
 * Closed cases decided after the watermark and no later than `until`, oldest first. `decided_at` leads the
 * `cases_decided` index, so the scan reads only the new range however large the table is. The unary `+`
 * keeps the status test out of index choice: SQLite otherwise walked every approved and rejected case
 * through a status index and sorted them all, 5.5 s a batch at 1,000,000 cases, on the event loop of the
 * periodic sampler (docs/architecture.md, "QA sampling"). `repo.test.ts` checks the plan.
 */
export const CLOSED_SINCE_SQL = `SELECT id, provider, kind, status, risk_score AS riskScore, risk_band AS riskBand, decided_at AS decidedAt
  FROM cases
 WHERE decided_at >= @at AND decided_at <= @until AND +status IN ('approved', 'rejected')
   AND (decided_at > @at OR id > @id)
 ORDER BY decided_at, id LIMIT @limit`;

export function closedSince(db: Db, mark: Watermark | null, until: number, limit: number): ClosedCase[] {
  const from = mark ?? { decidedAt: -1, caseId: 0 };
  return db.sqlite
    .prepare(CLOSED_SINCE_SQL)
    .all({ at: from.decidedAt, id: from.caseId, until, limit }) as ClosedCase[];
}

/** Every decided outcome each case's audit trail shows (each case write records the status it left). */
export function reachedOutcomes(db: Db, caseIds: readonly number[]): Map<number, Set<string>> {
  const reached = new Map<number, Set<string>>();
  if (caseIds.length === 0) return reached;
  const rows = db.sqlite
    .prepare(
      `SELECT DISTINCT case_id AS caseId, json_extract(after, '$.status') AS status FROM audit_log
        WHERE case_id IN (SELECT value FROM json_each(?))
          AND json_extract(after, '$.status') IN ('approved', 'rejected')`,
    )
    .all(JSON.stringify(caseIds)) as { caseId: number; status: string }[];
  for (const row of rows) {
    const set = reached.get(row.caseId) ?? new Set<string>();
    set.add(row.status);
    reached.set(row.caseId, set);
  }
  return reached;
}

/** Who requested the decision of ours that produced this closure; null when none did (the provider decided). */
export function deciderOf(db: Db, closed: ClosedCase): string | null {
  const row = db.sqlite
    .prepare(
      `SELECT requested_by AS userId FROM case_actions
        WHERE case_id = ? AND status = 'applied' AND type = ? AND requested_at <= ?
        ORDER BY id DESC LIMIT 1`,
    )
    .get(closed.id, closed.status === 'approved' ? 'approve' : 'decline', closed.decidedAt) as
    | { userId: string }
    | undefined;
  return row?.userId ?? null;
}

/** Inserts the item unless this closure was already sampled; returns it only when it is new. */
export function insertQaItem(
  tx: Orm,
  values: Omit<typeof qaItems.$inferInsert, 'id'>,
): QaItemRow | undefined {
  return tx.insert(qaItems).values(values).onConflictDoNothing().returning().get();
}

/**
 * Everyone who took part in a case's decisions: whoever requested an action on it, and whoever approved
 * or refused one as the second person (a four-eyes co-decider, a manager who let a reversal through).
 */
export function participantsOf(db: Db, caseIds: readonly number[]): Map<number, Set<string>> {
  const byCase = new Map<number, Set<string>>();
  if (caseIds.length === 0) return byCase;
  const rows = db.sqlite
    .prepare(
      `SELECT case_id AS caseId, requested_by AS requestedBy, approved_by AS approvedBy FROM case_actions
        WHERE case_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(caseIds)) as { caseId: number; requestedBy: string; approvedBy: string | null }[];
  for (const row of rows) {
    const people = byCase.get(row.caseId) ?? new Set<string>();
    people.add(row.requestedBy);
    if (row.approvedBy) people.add(row.approvedBy);
    byCase.set(row.caseId, people);
  }
  return byCase;
}

export function findQaItem(db: Orm, id: number): QaItemRow | undefined {
  return db.select().from(qaItems).where(eq(qaItems.id, id)).get();
}

export function updateQaItem(tx: Orm, id: number, changes: Partial<QaItemRow>): QaItemRow {
  return tx.update(qaItems).set(changes).where(eq(qaItems.id, id)).returning().get();
}

/** A page of the QA queue, newest first (keyset on id; `qa_items_status` serves the status filter). */
export function listQaItems(db: Orm, query: QaListQuery): QaItemRow[] {
  const conditions = [
    query.status ? eq(qaItems.status, query.status) : undefined,
    query.provider ? eq(qaItems.provider, query.provider) : undefined,
    query.kind ? eq(qaItems.kind, query.kind) : undefined,
    query.reason
      ? sql`EXISTS (SELECT 1 FROM json_each(${qaItems.reasons}) WHERE value = ${query.reason})`
      : undefined,
    query.before ? lt(qaItems.id, query.before) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(qaItems)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(qaItems.id))
    .limit(query.limit + 1)
    .all();
}

export function userNames(db: Orm, ids: readonly string[]): Map<string, string> {
  return new Map([...userRefs(db, ids)].map(([id, ref]) => [id, ref.name]));
}

/** QA outcomes recorded in [fromMs, toMs), per decider (null: the provider decided). */
export function qaAgreementCounts(db: Db, range: { fromMs: number; toMs: number }) {
  return db.sqlite
    .prepare(
      `SELECT decided_by AS userId, count(*) AS reviewed,
              sum(status = 'agreed') AS agreed, sum(status = 'disagreed') AS disagreed
         FROM qa_items WHERE reviewed_at >= @fromMs AND reviewed_at < @toMs
        GROUP BY decided_by ORDER BY reviewed DESC, decided_by`,
    )
    .all(range) as { userId: string | null; reviewed: number; agreed: number; disagreed: number }[];
}
