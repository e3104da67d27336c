import type { CaseListQuery, CaseStatus, StatusCounts } from '@backoffice/contracts';
import { CaseStatus as CaseStatusEnum, riskBandRange } from '@backoffice/contracts';
import { auditLog, caseCounts, cases, type Db } from '@backoffice/db';
import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Cursor } from './cursor';

export type CaseRow = typeof cases.$inferSelect;

const SORT_COLUMNS = {
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
  riskScore: cases.riskScore,
} as const;

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

function filterConditions(query: CaseListQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.status?.length) conditions.push(inArray(cases.status, query.status));
  if (query.provider?.length) conditions.push(inArray(cases.provider, query.provider));
  if (query.kind?.length) conditions.push(inArray(cases.kind, query.kind));
  if (query.riskBand?.length) {
    const ranges = query.riskBand.map((band) => {
      const { min, max } = riskBandRange(band);
      return and(gte(cases.riskScore, min), lte(cases.riskScore, max))!;
    });
    conditions.push(or(...ranges)!);
  }
  if (query.from) conditions.push(gte(cases.createdAt, dayBound(query.from, false)));
  if (query.to) conditions.push(lte(cases.createdAt, dayBound(query.to, true)));
  if (query.q) {
    const fts = toFtsQuery(query.q);
    // Nothing searchable (only punctuation) matches nothing rather than everything.
    conditions.push(
      fts ? sql`${cases.id} IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ${fts})` : sql`0`,
    );
  }
  return conditions;
}

/**
 * Rows strictly after the cursor in the scan order. NULL sorts lowest (SQLite's rule), so in a
 * descending scan NULLs come last and in an ascending scan first.
 */
function afterCursor(cursor: Cursor, scanDescending: boolean): SQL {
  const column = SORT_COLUMNS[cursor.sort];
  const beyondId = scanDescending ? lt(cases.id, cursor.id) : gt(cases.id, cursor.id);
  if (cursor.value === null) {
    return scanDescending
      ? and(isNull(column), beyondId)!
      : or(and(isNull(column), beyondId), isNotNull(column))!;
  }
  const beyondValue = scanDescending ? lt(column, cursor.value) : gt(column, cursor.value);
  const tie = and(eq(column, cursor.value), beyondId)!;
  return scanDescending ? or(beyondValue, tie, isNull(column))! : or(beyondValue, tie)!;
}

export interface CasePage {
  rows: CaseRow[];
  hasMoreInScan: boolean;
}

export function listCases(db: Db, query: CaseListQuery, cursor: Cursor | null): CasePage {
  const column = SORT_COLUMNS[query.sort];
  const wantDescending = query.order === 'desc';
  // Paging backwards scans the opposite way from the cursor, then the page is flipped back.
  const scanDescending = cursor?.direction === 'prev' ? !wantDescending : wantDescending;
  const conditions = filterConditions(query);
  if (cursor) conditions.push(afterCursor(cursor, scanDescending));
  const rows = db.orm
    .select()
    .from(cases)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(scanDescending ? desc(column) : asc(column), scanDescending ? desc(cases.id) : asc(cases.id))
    .limit(query.limit + 1)
    .all();
  const hasMoreInScan = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (cursor?.direction === 'prev') page.reverse();
  return { rows: page, hasMoreInScan };
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
  return db.orm
    .select()
    .from(auditLog)
    .where(eq(auditLog.caseId, caseId))
    .orderBy(desc(auditLog.id))
    .limit(200)
    .all();
}
