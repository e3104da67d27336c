import type { CaseListQuery, CaseStatus, StatusCounts } from '@backoffice/contracts';
import { CaseStatus as CaseStatusEnum, riskBandRange } from '@backoffice/contracts';
import { auditLog, caseCounts, cases, type Db, type Orm, users } from '@backoffice/db';
import { and, asc, desc, eq, getTableColumns, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Cursor } from './cursor';

export type CaseRow = typeof cases.$inferSelect;
/** A queue row: every column but the raw provider payload, which can be tens of kilobytes per case. */
export type CaseListRow = Omit<CaseRow, 'payload'>;

const { payload: _payload, ...LIST_COLUMNS } = getTableColumns(cases);

/**
 * Sort keys. Risk sorts on coalesce(risk_score, -1) (cases without a score lowest) because that is the
 * indexed expression; every key is then NOT NULL and a page edge is one row-value comparison.
 */
const SORT_EXPRESSIONS = {
  createdAt: sql`${cases.createdAt}`,
  updatedAt: sql`${cases.updatedAt}`,
  riskScore: sql`coalesce(${cases.riskScore}, -1)`,
} as const;

export function sortValueOf(row: CaseListRow, sort: keyof typeof SORT_EXPRESSIONS): number {
  return sort === 'riskScore' ? (row.riskScore ?? -1) : row[sort];
}

/** Most matches a free-text search considers (the newest first); beyond it the client is told to refine. */
export const SEARCH_CANDIDATE_LIMIT = 2_000;

/** Turns free text into an FTS5 query: every word must match as a prefix, quotes neutralised. */
export function toFtsQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}

function dayBound(value: string, end: boolean): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00.000Z`);
    return end ? start + 86_400_000 - 1 : start;
  }
  return Date.parse(value);
}

/**
 * Filter conditions. Columns that are not the sort key are written with SQLite's unary `+`, which keeps
 * the planner from choosing their index and then sorting every match: the sort index stays the driver
 * and the scan stops after one page.
 */
function filterConditions(query: CaseListQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.status?.length) conditions.push(inArray(cases.status, query.status));
  if (query.provider?.length) conditions.push(inArray(sql`+${cases.provider}`, query.provider));
  if (query.kind?.length) conditions.push(inArray(sql`+${cases.kind}`, query.kind));
  if (query.riskBand?.length) {
    const ranges = query.riskBand.map((band) => {
      const { min, max } = riskBandRange(band);
      return sql`+${cases.riskScore} BETWEEN ${min} AND ${max}`;
    });
    conditions.push(or(...ranges)!);
  }
  const created = query.sort === 'createdAt' ? sql`${cases.createdAt}` : sql`+${cases.createdAt}`;
  if (query.from) conditions.push(sql`${created} >= ${dayBound(query.from, false)}`);
  if (query.to) conditions.push(sql`${created} <= ${dayBound(query.to, true)}`);
  if (query.flagged === true) conditions.push(sql`${cases.flag} IS NOT NULL`);
  if (query.flagged === false) conditions.push(sql`${cases.flag} IS NULL`);
  return conditions;
}

/** One token with a digit in it (ids, references, document numbers), not a name. */
export function looksLikeIdentifier(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= 4 && !/\s/.test(trimmed) && /\d/.test(trimmed);
}

const IDENTIFIER_MATCH_LIMIT = 500;

function casesWithIdentifier(db: Db, identifier: string): number[] {
  const value = identifier.trim();
  const rows = db.sqlite
    .prepare(
      `SELECT id FROM cases WHERE external_id = @value COLLATE NOCASE
       UNION SELECT id FROM cases WHERE subject_ref = @value COLLATE NOCASE
       UNION SELECT id FROM cases WHERE document_number = @value COLLATE NOCASE
       LIMIT ${IDENTIFIER_MATCH_LIMIT}`,
    )
    .all({ value }) as { id: number }[];
  return rows.map((row) => row.id);
}

export interface CasePage {
  rows: CaseListRow[];
  hasMoreInScan: boolean;
  /** True when the search matched more cases than it considers. */
  searchCapped: boolean;
}

export function listCases(db: Db, query: CaseListQuery, cursor: Cursor | null): CasePage {
  const sortKey = SORT_EXPRESSIONS[query.sort];
  const wantDescending = query.order === 'desc';
  // Paging backwards scans the opposite way from the cursor, then the page is flipped back.
  const scanDescending = cursor?.direction === 'prev' ? !wantDescending : wantDescending;
  const conditions = filterConditions(query);
  if (cursor) {
    const edge = sql`(${sortKey}, ${cases.id})`;
    const at = sql`(${cursor.value ?? -1}, ${cursor.id})`;
    conditions.push(scanDescending ? sql`${edge} < ${at}` : sql`${edge} > ${at}`);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const orderBy = scanDescending ? [desc(sortKey), desc(cases.id)] : [asc(sortKey), asc(cases.id)];

  let rows: CaseListRow[];
  let searchCapped = false;
  const exactIds =
    query.q !== undefined && looksLikeIdentifier(query.q) ? casesWithIdentifier(db, query.q) : [];
  if (exactIds.length > 0) {
    // A pasted session id, customer reference or document number: indexed equality beats full-text.
    rows = db.orm
      .select(LIST_COLUMNS)
      .from(cases)
      .where(and(inArray(cases.id, exactIds), where))
      .orderBy(...orderBy)
      .limit(query.limit + 1)
      .all();
  } else if (query.q !== undefined) {
    const fts = toFtsQuery(query.q);
    if (!fts) return { rows: [], hasMoreInScan: false, searchCapped: false };
    // Drive from the full-text index: the newest matches, bounded, read once; only those are sorted.
    const matches = db.sqlite
      .prepare('SELECT rowid FROM cases_fts WHERE cases_fts MATCH ? ORDER BY rowid DESC LIMIT ?')
      .pluck()
      .all(fts, SEARCH_CANDIDATE_LIMIT + 1) as number[];
    searchCapped = matches.length > SEARCH_CANDIDATE_LIMIT;
    const candidates = matches.slice(0, SEARCH_CANDIDATE_LIMIT);
    if (candidates.length === 0) return { rows: [], hasMoreInScan: false, searchCapped: false };
    rows = db.orm
      .select(LIST_COLUMNS)
      .from(cases)
      .where(and(inArray(cases.id, candidates), where))
      .orderBy(...orderBy)
      .limit(query.limit + 1)
      .all();
  } else {
    rows = db.orm
      .select(LIST_COLUMNS)
      .from(cases)
      .where(where)
      .orderBy(...orderBy)
      .limit(query.limit + 1)
      .all();
  }
  const hasMoreInScan = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (cursor?.direction === 'prev') page.reverse();
  return { rows: page, hasMoreInScan, searchCapped };
}

export function countByStatus(db: Db, query: Pick<CaseListQuery, 'provider' | 'kind'>): StatusCounts {
  const conditions: SQL[] = [];
  if (query.provider?.length) conditions.push(inArray(caseCounts.provider, query.provider));
  if (query.kind?.length) conditions.push(inArray(caseCounts.kind, query.kind));
  const rows = db.orm
    .select({ status: caseCounts.status, count: sql<number>`sum(${caseCounts.count})` })
    .from(caseCounts)
    .where(conditions.length ? and(...conditions) : undefined)
    .groupBy(caseCounts.status)
    .all();
  const counts = Object.fromEntries(CaseStatusEnum.options.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const row of rows) {
    const parsed = CaseStatusEnum.safeParse(row.status);
    if (parsed.success) counts[parsed.data] = Number(row.count);
  }
  return counts;
}

export function findCase(db: Db, id: number): CaseRow | undefined {
  return db.orm.select().from(cases).where(eq(cases.id, id)).get();
}

export function caseTrail(db: Db, caseId: number) {
  return (
    db.orm
      .select({ entry: auditLog, actorName: users.name })
      .from(auditLog)
      .leftJoin(users, and(eq(auditLog.actorType, 'user'), eq(users.id, auditLog.actorId)))
      // Openings of the detail are audited but are not the case's history; they would push it out of the page.
      .where(and(eq(auditLog.caseId, caseId), sql`${auditLog.action} <> ${CASE_VIEWED_ACTION}`))
      .orderBy(desc(auditLog.id))
      .limit(200)
      .all()
  );
}

export const CASE_VIEWED_ACTION = 'case.viewed';

/** When this user last had an opening of this case's detail audited, if since `sinceMs`. */
export function lastAuditedViewAt(orm: Orm, userId: string, caseId: number, sinceMs: number): number | null {
  const row = orm
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.caseId, caseId),
        eq(auditLog.action, CASE_VIEWED_ACTION),
        eq(auditLog.actorId, userId),
        sql`${auditLog.at} >= ${sinceMs}`,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
  return row?.at ?? null;
}
