import type { CaseListQuery, CaseStatus, StatusCounts, UserRef } from '@backoffice/contracts';
import { CaseStatus as CaseStatusEnum, riskBandRange, WORKLOAD_COUNT_CAP } from '@backoffice/contracts';
import type { CaseRow } from '@backoffice/db';
import { auditLog, cases, type Db, type Orm, users } from '@backoffice/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { TagRow } from '../tags/repo';
import type { Cursor } from './cursor';
import {
  nameSearchCandidates,
  nameSearchPage,
  nameSearchWords,
  type ScanKey,
  wordsByRarity,
} from './name-search';
import { prepared } from './statements';
/** A queue row: every column but the raw provider payload, which can be tens of kilobytes per case. */
export type CaseListRow = Omit<CaseRow, 'payload'>;

/**
 * The queue is the hottest read in the product, so it runs hand-written SQL through statements
 * prepared once per connection (building and compiling the query per request cost more than running
 * it). Columns are aliased to the row type's names, so a search page read as objects needs no mapping;
 * the page itself is read as arrays and made into rows by `listRowOf`, which takes the columns in this
 * order (a test compares the two readings).
 */
const LIST_SELECT = `SELECT cases.id AS id, provider, kind, external_id AS externalId, subject_name AS subjectName,
  subject_ref AS subjectRef, subject_country AS subjectCountry, document_number AS documentNumber, status,
  provider_status AS providerStatus, risk_score AS riskScore, risk_band AS riskBand, warning_count AS warningCount,
  workflow_id AS workflowId, created_at AS createdAt, updated_at AS updatedAt, decided_at AS decidedAt,
  provider_event_at AS providerEventAt, version, assignee_id AS assigneeId, flag, flag_detail AS flagDetail,
  flagged_at AS flaggedAt, assigned_at AS assignedAt, review_entered_at AS reviewEnteredAt, due_at AS dueAt
  FROM cases`;

/** A queue row from its column values in LIST_SELECT's order (see `prepared`'s arrays). */
export function listRowOf(v: unknown[]): CaseListRow {
  return {
    id: v[0],
    provider: v[1],
    kind: v[2],
    externalId: v[3],
    subjectName: v[4],
    subjectRef: v[5],
    subjectCountry: v[6],
    documentNumber: v[7],
    status: v[8],
    providerStatus: v[9],
    riskScore: v[10],
    riskBand: v[11],
    warningCount: v[12],
    workflowId: v[13],
    createdAt: v[14],
    updatedAt: v[15],
    decidedAt: v[16],
    providerEventAt: v[17],
    version: v[18],
    assigneeId: v[19],
    flag: v[20],
    flagDetail: v[21],
    flaggedAt: v[22],
    assignedAt: v[23],
    reviewEnteredAt: v[24],
    dueAt: v[25],
  } as CaseListRow;
}

/** The queue's page: a LIST_SELECT statement read as column arrays, made into rows. */
function pageRows(db: Db, text: string, params: unknown[]): CaseListRow[] {
  return (prepared(db, text, 'arrays').all(...params) as unknown[][]).map(listRowOf);
}

/** Sort value of a case without a due time (the largest date): such cases sort after every due one. */
const NO_DUE_TIME = 8_640_000_000_000_000;

/**
 * Sort keys. Risk sorts on coalesce(risk_score, -1) (cases without a score lowest) because that is the
 * indexed expression; every key is then NOT NULL and a page edge is one row-value comparison.
 */
const SORT_EXPRESSIONS = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  riskScore: 'coalesce(risk_score, -1)',
  dueAt: `coalesce(due_at, ${NO_DUE_TIME})`,
} as const;

/** The sort keys by their result-column names, for ordering a merged set of pages. */
const OUTER_SORT = {
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  riskScore: 'coalesce(riskScore, -1)',
  dueAt: `coalesce(dueAt, ${NO_DUE_TIME})`,
} as const;

export function sortValueOf(row: CaseListRow, sort: keyof typeof SORT_EXPRESSIONS): number {
  if (sort === 'riskScore') return row.riskScore ?? -1;
  if (sort === 'dueAt') return row.dueAt ?? NO_DUE_TIME;
  return row[sort];
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

interface Conditions {
  clauses: string[];
  params: unknown[];
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/**
 * Filter conditions. Columns that are not the sort key are written with SQLite's unary `+`, which keeps
 * the planner from choosing their index and then sorting every match: the sort index stays the driver
 * and the scan stops after one page.
 */
/** Who is asking and when: "mine" and "overdue" depend on both. */
export interface Viewer {
  viewerId: string;
  now: number;
}

function filterConditions(query: CaseListQuery, viewer: Viewer): Conditions {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (query.status?.length) add(`status IN (${placeholders(query.status)})`, ...query.status);
  if (query.provider?.length) add(`+provider IN (${placeholders(query.provider)})`, ...query.provider);
  if (query.kind?.length) add(`+kind IN (${placeholders(query.kind)})`, ...query.kind);
  if (query.riskBand?.length) {
    add(`(${query.riskBand.map(() => '+risk_score BETWEEN ? AND ?').join(' OR ')})`);
    for (const band of query.riskBand) {
      const { min, max } = riskBandRange(band);
      params.push(min, max);
    }
  }
  const created = query.sort === 'createdAt' ? 'created_at' : '+created_at';
  if (query.from) add(`${created} >= ?`, dayBound(query.from, false));
  if (query.to) add(`${created} <= ?`, dayBound(query.to, true));
  if (query.flagged === true) add('flag IS NOT NULL');
  if (query.flagged === false) add('flag IS NULL');
  if (query.assignee === 'unassigned') add('+assignee_id IS NULL');
  else if (query.assignee === 'me') add('+assignee_id = ?', viewer.viewerId);
  else if (query.assignee) add('+assignee_id = ?', query.assignee);
  if (query.overdue === true) {
    // Only cases still in review are overdue; decided cases keep the due time they were judged against.
    const due = query.sort === 'dueAt' ? SORT_EXPRESSIONS.dueAt : `+${SORT_EXPRESSIONS.dueAt}`;
    add(`${due} < ?`, viewer.now);
    add("+status = 'needs_review'");
  }
  if (query.overdue === false)
    add(`(+status <> 'needs_review' OR +${SORT_EXPRESSIONS.dueAt} >= ?)`, viewer.now);
  // A probe of the (tag_id, case_id) index per row, so the sort index keeps driving the scan (see listCases).
  if (query.tag !== undefined) add(TAGGED_CLAUSE, query.tag);
  return { clauses, params };
}

/**
 * A person's cases, or the overdue ones, when they are few: read from their own index, up to
 * TAG_CANDIDATE_LIMIT, and only those sorted. The sort index alone would walk past every other case in
 * review to find them (an analyst with no cases made the "My cases" tab read the whole queue). When
 * there are more, matches are dense and the sort index keeps driving the scan (null).
 */
function boundedCandidates(db: Db, query: CaseListQuery, viewer: Viewer): number[] | null {
  const statuses = query.status ?? [];
  const inStatus = statuses.length ? ` AND status IN (${placeholders(statuses)})` : '';
  let ids: number[] | null = null;
  if (query.assignee && query.assignee !== 'unassigned') {
    const person = query.assignee === 'me' ? viewer.viewerId : query.assignee;
    ids = prepared(db, `SELECT id FROM cases WHERE assignee_id = ?${inStatus} LIMIT ?`)
      .pluck()
      .all(person, ...statuses, TAG_CANDIDATE_LIMIT + 1) as number[];
  } else if (query.overdue === true) {
    ids = prepared(
      db,
      `SELECT id FROM cases WHERE status = 'needs_review' AND ${SORT_EXPRESSIONS.dueAt} < ? LIMIT ?`,
    )
      .pluck()
      .all(viewer.now, TAG_CANDIDATE_LIMIT + 1) as number[];
  }
  return ids !== null && ids.length <= TAG_CANDIDATE_LIMIT ? ids : null;
}

const TAGGED_CLAUSE =
  'EXISTS (SELECT 1 FROM case_tags WHERE case_tags.tag_id = ? AND case_tags.case_id = cases.id)';

/** Up to this many cases a tag filter reads the tag's cases first and sorts only them. */
export const TAG_CANDIDATE_LIMIT = 2_000;

/** One token with a digit in it (ids, references, document numbers), not a name. */
export function looksLikeIdentifier(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= 4 && !/\s/.test(trimmed) && /\d/.test(trimmed);
}

const IDENTIFIER_MATCH_LIMIT = 500;

function casesWithIdentifier(db: Db, identifier: string): number[] {
  return prepared(
    db,
    `SELECT id FROM cases WHERE external_id = @value COLLATE NOCASE
       UNION SELECT id FROM cases WHERE subject_ref = @value COLLATE NOCASE
       UNION SELECT id FROM cases WHERE document_number = @value COLLATE NOCASE
       LIMIT ${IDENTIFIER_MATCH_LIMIT}`,
  )
    .pluck()
    .all({ value: identifier.trim() }) as number[];
}

export interface CasePage {
  rows: CaseListRow[];
  hasMoreInScan: boolean;
  /** True when the search matched more cases than it considers, or read only part of its matches. */
  searchCapped: boolean;
  /**
   * Where a name search's walk stopped on its budget, in the scan's direction: the page continues from
   * there (its rows may be fewer than the limit). Null when the scan was not cut short.
   */
  stoppedAt: ScanKey | null;
}

/** How far one request's name search may walk; tests lower it to page through its cut-short walks. */
export interface ScanBudget {
  nameWalk?: number;
}

export function listCases(
  db: Db,
  query: CaseListQuery,
  cursor: Cursor | null,
  viewer: Viewer,
  budget: ScanBudget = {},
): CasePage {
  const sortKey = SORT_EXPRESSIONS[query.sort];
  const wantDescending = query.order === 'desc';
  // Paging backwards scans the opposite way from the cursor, then the page is flipped back.
  const scanDescending = cursor?.direction === 'prev' ? !wantDescending : wantDescending;
  const { clauses, params } = filterConditions(query, viewer);
  // The filters alone, for the name search, which seeks its own index with the cursor.
  const filters = { clauses: [...clauses], params: [...params] };
  if (cursor) {
    clauses.push(`(${sortKey}, cases.id) ${scanDescending ? '<' : '>'} (?, ?)`);
    params.push(cursor.value ?? -1, cursor.id);
  }
  const direction = scanDescending ? 'DESC' : 'ASC';

  let from = LIST_SELECT;
  let searchCapped = false;
  const exactIds =
    query.q !== undefined && looksLikeIdentifier(query.q) ? casesWithIdentifier(db, query.q) : [];
  let candidates: number[] | null = null;
  if (exactIds.length > 0) {
    // A pasted session id, customer reference or document number: indexed equality beats full-text.
    candidates = exactIds;
  } else if (query.q !== undefined && nameSearchWords(query.q) !== null) {
    const found = nameSearchWords(query.q)!;
    const words = found.length > 0 ? wordsByRarity(db, found) : null;
    if (!words) return { rows: [], hasMoreInScan: false, searchCapped: false, stoppedAt: null };
    if (query.sort === 'createdAt') {
      const edge = cursor ? { value: cursor.value ?? -1, id: cursor.id } : null;
      const { rows, stoppedAt } = nameSearchPage<CaseListRow>(
        db,
        LIST_SELECT,
        words,
        filters,
        edge,
        scanDescending,
        query.limit + 1,
        budget.nameWalk,
      );
      const page = pageOf(rows, query.limit, cursor, stoppedAt !== null);
      return stoppedAt ? { ...page, hasMoreInScan: true, stoppedAt } : page;
    }
    // Other sorts: the newest matches, bounded, and only those sorted (as the full-text path does).
    const matches = nameSearchCandidates(db, words, SEARCH_CANDIDATE_LIMIT, budget.nameWalk);
    searchCapped = matches.capped;
    candidates = matches.ids;
    if (candidates.length === 0)
      return { rows: [], hasMoreInScan: false, searchCapped: false, stoppedAt: null };
  } else if (query.q !== undefined) {
    // Words with digits (part of an identifier) and overlong words: the full-text index.
    const fts = toFtsQuery(query.q);
    if (!fts) return { rows: [], hasMoreInScan: false, searchCapped: false, stoppedAt: null };
    // Drive from the full-text index: the newest matches, bounded, read once; only those are sorted.
    const matches = prepared(
      db,
      'SELECT rowid FROM cases_fts WHERE cases_fts MATCH ? ORDER BY rowid DESC LIMIT ?',
    )
      .pluck()
      .all(fts, SEARCH_CANDIDATE_LIMIT + 1) as number[];
    searchCapped = matches.length > SEARCH_CANDIDATE_LIMIT;
    candidates = matches.slice(0, SEARCH_CANDIDATE_LIMIT);
    if (candidates.length === 0)
      return { rows: [], hasMoreInScan: false, searchCapped: false, stoppedAt: null };
  }
  if (!candidates && query.tag !== undefined) {
    // A tag on few cases: drive from its index range like a search (the sort index would walk past
    // most of the queue to find them). A tag on many cases keeps the sort index driving with the probe.
    const tagged = prepared(db, 'SELECT case_id FROM case_tags WHERE tag_id = ? LIMIT ?')
      .pluck()
      .all(query.tag, TAG_CANDIDATE_LIMIT + 1) as number[];
    if (tagged.length === 0) return { rows: [], hasMoreInScan: false, searchCapped: false, stoppedAt: null };
    if (tagged.length <= TAG_CANDIDATE_LIMIT) candidates = tagged;
  }
  if (!candidates) candidates = boundedCandidates(db, query, viewer);
  if (candidates?.length === 0)
    return { rows: [], hasMoreInScan: false, searchCapped: false, stoppedAt: null };
  if (candidates) {
    // The candidates arrive as one JSON parameter (one statement for any count) and drive the join:
    // CROSS JOIN keeps SQLite from scanning a sort index and testing each row against the list.
    from = LIST_SELECT.replace(
      ' FROM cases',
      ' FROM json_each(?) AS candidate CROSS JOIN cases ON cases.id = candidate.value',
    );
    params.unshift(JSON.stringify(candidates));
  }
  const statuses = [...new Set(query.status ?? [])];
  let rows: CaseListRow[];
  if (!candidates && statuses.length > 1) {
    // Several statuses: `status IN (...)` cannot walk one index in sort order, so SQLite would sort
    // every matching case. One page per status, each read from its index and stopped at the page
    // size, then merged, gives the same page.
    const others = clauses.slice(1);
    const otherParams = params.slice(query.status!.length);
    const branch = `SELECT * FROM (${LIST_SELECT} WHERE ${['status = ?', ...others].join(' AND ')}
      ORDER BY ${sortKey} ${direction}, cases.id ${direction} LIMIT ?)`;
    const merged = `SELECT * FROM (${statuses.map(() => branch).join(' UNION ALL ')})
      ORDER BY ${OUTER_SORT[query.sort]} ${direction}, id ${direction} LIMIT ?`;
    const branchParams = statuses.flatMap((status) => [status, ...otherParams, query.limit + 1]);
    rows = pageRows(db, merged, [...branchParams, query.limit + 1]);
  } else {
    const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
    rows = pageRows(db, `${from}${where} ORDER BY ${sortKey} ${direction}, cases.id ${direction} LIMIT ?`, [
      ...params,
      query.limit + 1,
    ]);
  }
  return pageOf(rows, query.limit, cursor, searchCapped);
}

/** A scan of up to limit + 1 rows as a page: the extra row tells whether the scan goes on. */
function pageOf(rows: CaseListRow[], limit: number, cursor: Cursor | null, searchCapped: boolean): CasePage {
  const hasMoreInScan = rows.length > limit;
  const page = rows.slice(0, limit);
  if (cursor?.direction === 'prev') page.reverse();
  return { rows: page, hasMoreInScan, searchCapped, stoppedAt: null };
}

/** The tag columns of a tags row, aliased to the row type's names. */
const TAG_COLUMNS = `tags.id AS id, tags.name AS name, tags.colour AS colour, tags.retired_at AS retiredAt,
  tags.created_by AS createdBy, tags.created_at AS createdAt, tags.updated_at AS updatedAt`;

/**
 * The tags of a page of the queue, by case, each case's in name order: one prepared statement
 * (building the equivalent query per request cost more than the queue's own SQL).
 */
export function tagsOfListedCases(db: Db, caseIds: readonly number[]): Map<number, TagRow[]> {
  const byCase = new Map<number, TagRow[]>();
  if (caseIds.length === 0) return byCase;
  const rows = prepared(
    db,
    `SELECT case_tags.case_id AS caseId, ${TAG_COLUMNS}
       FROM json_each(?) AS listed CROSS JOIN case_tags ON case_tags.case_id = listed.value
       JOIN tags ON tags.id = case_tags.tag_id
       ORDER BY tags.name COLLATE NOCASE`,
  ).all(JSON.stringify(caseIds)) as (TagRow & { caseId: number })[];
  for (const { caseId, ...tag } of rows) {
    const list = byCase.get(caseId);
    if (list) list.push(tag);
    else byCase.set(caseId, [tag]);
  }
  return byCase;
}

/** Display names of the assignees on a page of the queue, by user id (one prepared statement). */
export function assigneeNames(db: Db, ids: readonly (string | null)[]): Map<string, UserRef> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const names = new Map<string, UserRef>();
  if (wanted.length === 0) return names;
  const rows = prepared(
    db,
    'SELECT users.id AS id, users.name AS name FROM json_each(?) AS wanted CROSS JOIN users ON users.id = wanted.value',
  ).all(JSON.stringify(wanted)) as UserRef[];
  for (const row of rows) names.set(row.id, row);
  return names;
}

const COUNT_SQL = 'SELECT status, sum(count) AS count FROM case_counts';

export function countByStatus(db: Db, query: Pick<CaseListQuery, 'provider' | 'kind'>): StatusCounts {
  const clauses: string[] = [];
  const params: string[] = [];
  if (query.provider?.length) {
    clauses.push(`provider IN (${placeholders(query.provider)})`);
    params.push(...query.provider);
  }
  if (query.kind?.length) {
    clauses.push(`kind IN (${placeholders(query.kind)})`);
    params.push(...query.kind);
  }
  const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
  const rows = prepared(db, `${COUNT_SQL}${where} GROUP BY status`).all(...params) as {
    status: string;
    count: number;
  }[];
  const counts = Object.fromEntries(CaseStatusEnum.options.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const row of rows) {
    if (KNOWN_STATUSES.has(row.status)) counts[row.status as CaseStatus] = Number(row.count);
  }
  return counts;
}

const KNOWN_STATUSES: ReadonlySet<string> = new Set(CaseStatusEnum.options);

/**
 * The My cases and overdue tab counts. "Mine" is one index range (assignee, status), read at most
 * WORKLOAD_COUNT_CAP rows deep. Overdue is the cases in review (kept current in case_counts) minus those
 * not yet due: due times are hours after a case enters review, so the not-yet-due range of
 * (status, due time) is a day's intake, where the overdue range is most of the queue and cost as much
 * as the page itself on every request. Should the not-yet-due range ever be the large one, the overdue
 * range is counted directly, still capped.
 */
export function workloadCounts(db: Db, viewerId: string, now: number): { mine: number; overdue: number } {
  const mine = prepared(
    db,
    `SELECT count(*) FROM (SELECT 1 FROM cases WHERE assignee_id = ? AND status = 'needs_review' LIMIT ${WORKLOAD_COUNT_CAP})`,
  )
    .pluck()
    .all(viewerId)[0] as number;
  return { mine, overdue: overdueCount(db, now) };
}

function overdueCount(db: Db, now: number): number {
  const notYetDue = prepared(
    db,
    `SELECT count(*) FROM (SELECT 1 FROM cases WHERE status = 'needs_review' AND ${SORT_EXPRESSIONS.dueAt} >= ? LIMIT ${WORKLOAD_COUNT_CAP})`,
  )
    .pluck()
    .all(now)[0] as number;
  if (notYetDue < WORKLOAD_COUNT_CAP) {
    const inReview = prepared(db, `${COUNT_SQL} WHERE status = 'needs_review'`).all()[0] as {
      count: number | null;
    };
    return Math.min(WORKLOAD_COUNT_CAP, Math.max(0, Number(inReview.count ?? 0) - notYetDue));
  }
  return prepared(
    db,
    `SELECT count(*) FROM (SELECT 1 FROM cases WHERE status = 'needs_review' AND ${SORT_EXPRESSIONS.dueAt} < ? LIMIT ${WORKLOAD_COUNT_CAP})`,
  )
    .pluck()
    .all(now)[0] as number;
}

export function findCase(db: Db | Orm, id: number): CaseRow | undefined {
  const orm = 'orm' in db ? db.orm : db;
  return orm.select().from(cases).where(eq(cases.id, id)).get();
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
