import {
  type CaseDetail,
  CaseFlagKind,
  type CaseHistoryEntry,
  type CaseKind,
  type CaseListQuery,
  type CaseListResponse,
  CaseStatus,
  type CaseSummary,
  type Provider,
  RiskBand,
  type UserRef,
} from '@backoffice/contracts';
import { type CaseRow, type Db, writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { notFound } from '../../platform/errors';
import { parseJsonOrNull } from '../../platform/json';
import { adapterFor } from '../../providers/registry';
import type { MediaFile } from '../../providers/types';
import { allowedActionsFor } from '../actions/policy';
import { actionsOfCase, hasOpenStatusAction } from '../actions/repo';
import { toActionViews } from '../actions/view';
import { actorAuditContext, caseAuditRef, emitAudit, type RequestActor } from '../audit/emit';
import { commentsOf, metadataOf } from '../case-notes/repo';
import { assigneeRef, toCommentViews, toMetadataViews } from '../case-notes/view';
import { reviewItemsOf } from '../checklist/service';
import { toTag } from '../tags/service';
import { type Cursor, decodeCursor, encodeCursor } from './cursor';
import { isoTime } from './iso-time';
import type { ScanKey } from './name-search';
import {
  assigneeNames,
  CASE_VIEWED_ACTION,
  type CaseListRow,
  caseTrail,
  countByStatus,
  findCase,
  lastAuditedViewAt,
  listCases,
  type ScanBudget,
  sortValueOf,
  tagsOfListedCases,
  workloadCounts,
} from './repo';

const iso = isoTime;

/** Lists show only the last four characters of a document number. */
export function maskDocumentNumber(value: string | null): string | null {
  if (!value) return null;
  const visible = value.slice(-4);
  return `${'•'.repeat(Math.max(3, Math.min(8, value.length - 4)))}${visible}`;
}

/**
 * Checks a stored value against its enum without a zod parse per field and row (the queue maps 50
 * rows per request); an unknown value is a broken row and fails the request like a parse would.
 */
function member<T extends string>(allowed: ReadonlySet<string>, value: string, what: string): T {
  if (!allowed.has(value)) throw new Error(`stored ${what} is not one of the known values`);
  return value as T;
}
const STATUSES: ReadonlySet<string> = new Set(CaseStatus.options);
const RISK_BANDS: ReadonlySet<string> = new Set(RiskBand.options);

/** `names` resolves the assignee's display name; without it (or for an unknown id) the id stands in. */
export function toCaseSummary(row: CaseListRow, names?: ReadonlyMap<string, UserRef>): CaseSummary {
  const { provider, kind } = sourceOf(row);
  return {
    id: row.id,
    provider,
    kind,
    externalId: row.externalId,
    subjectName: row.subjectName,
    subjectRef: row.subjectRef,
    subjectCountry: row.subjectCountry,
    documentNumberMasked: maskDocumentNumber(row.documentNumber),
    status: member<CaseStatus>(STATUSES, row.status, 'status'),
    providerStatus: row.providerStatus,
    riskScore: row.riskScore,
    riskBand: row.riskBand ? member<RiskBand>(RISK_BANDS, row.riskBand, 'risk band') : null,
    warningCount: row.warningCount,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    version: row.version,
    flag: flagOf(row),
    assignee: row.assigneeId
      ? (names?.get(row.assigneeId) ?? { id: row.assigneeId, name: row.assigneeId })
      : null,
    assignedAt: row.assignedAt === null ? null : iso(row.assignedAt),
    reviewEnteredAt: row.reviewEnteredAt === null ? null : iso(row.reviewEnteredAt),
    dueAt: row.dueAt === null ? null : iso(row.dueAt),
  };
}

/** Provider and kind as the registry knows them: a registered provider and one of its case kinds. */
function sourceOf(row: CaseListRow): { provider: Provider; kind: CaseKind } {
  const adapter = adapterFor(row.provider);
  if (!adapter) throw new Error('stored provider is not one of the known values');
  if (!Object.hasOwn(adapter.decisionChannels, row.kind))
    throw new Error('stored kind is not one of the known values');
  return { provider: row.provider as Provider, kind: row.kind as CaseKind };
}

const FLAG_KINDS: ReadonlySet<string> = new Set(CaseFlagKind.options);

/** A set look-up, not a zod parse: most rows have no flag, and a failed parse builds an error per row. */
function flagOf(row: CaseListRow): CaseSummary['flag'] {
  if (row.flag === null || !FLAG_KINDS.has(row.flag)) return null;
  return {
    kind: row.flag as CaseFlagKind,
    detail: row.flagDetail ?? '',
    at: iso(row.flaggedAt ?? row.updatedAt),
  };
}

export function listCaseSummaries(
  db: Db,
  query: CaseListQuery,
  viewerId: string,
  now: number,
  budget: ScanBudget = {},
): CaseListResponse {
  const cursor = query.cursor ? decodeCursor(query.cursor, query.sort, query.order) : null;
  const { rows, hasMoreInScan, searchCapped, stoppedAt } = listCases(
    db,
    query,
    cursor,
    { viewerId, now },
    budget,
  );
  const names = assigneeNames(
    db,
    rows.map((row) => row.assigneeId),
  );
  const tagsByCase = tagsOfListedCases(
    db,
    rows.map((row) => row.id),
  );
  const at = (key: ScanKey, direction: 'next' | 'prev') =>
    encodeCursor({ sort: query.sort, order: query.order, value: key.value, id: key.id, direction });
  const edge = (row: CaseListRow | undefined, direction: 'next' | 'prev') =>
    row ? at({ value: sortValueOf(row, query.sort), id: row.id }, direction) : null;
  const goingBack = cursor?.direction === 'prev';
  // Going forward there is a previous page whenever we came from a cursor; going back, the scan tells.
  const hasNext = goingBack ? true : hasMoreInScan;
  const hasPrev = goingBack ? hasMoreInScan : cursor !== null;
  // A name search cut short by its budget continues from where its walk stopped, not from its last row
  // (there may be none). An empty page turns back at the cursor it came from, that cursor's own row
  // included: cursors are exclusive, so the turn starts one id beyond it (ids are integers, so no row
  // lies between).
  const turnBack = (from: Cursor, direction: 'next' | 'prev') => {
    const scansDescending = (direction === 'next') === (query.order === 'desc');
    return at({ value: from.value, id: from.id + (scansDescending ? 1 : -1) }, direction);
  };
  const cameFrom = cursor && rows.length === 0 ? cursor : null;
  const nextEdge =
    stoppedAt && !goingBack
      ? at(stoppedAt, 'next')
      : cameFrom && goingBack
        ? turnBack(cameFrom, 'next')
        : edge(rows.at(-1), 'next');
  const prevEdge =
    stoppedAt && goingBack
      ? at(stoppedAt, 'prev')
      : cameFrom && !goingBack
        ? turnBack(cameFrom, 'prev')
        : edge(rows[0], 'prev');
  return {
    items: rows.map((row) => {
      // Added to the fresh summary rather than spread into a copy: the queue maps 50 rows per request.
      const item = toCaseSummary(row, names);
      item.tags = (tagsByCase.get(row.id) ?? []).map(toTag);
      return item;
    }),
    nextCursor: hasNext ? nextEdge : null,
    prevCursor: hasPrev ? prevEdge : null,
    itemCursors: rows.map((row) => edge(row, 'next')!),
    counts: countByStatus(db, query),
    workload: workloadCounts(db, viewerId, now),
    searchCapped,
  };
}

function historyOf(db: Db, caseId: number): CaseHistoryEntry[] {
  return caseTrail(db, caseId).map(({ entry, actorName }) => {
    const before = parseJsonOrNull(entry.before) as { status?: string } | null;
    const after = parseJsonOrNull(entry.after) as { status?: string } | null;
    return {
      id: entry.id,
      at: iso(entry.at),
      actorType: entry.actorType as CaseHistoryEntry['actorType'],
      actorId: entry.actorId,
      actorName,
      action: entry.action,
      fromStatus: before?.status ?? null,
      toStatus: after?.status ?? null,
      reason: entry.reason,
    };
  });
}

/**
 * Openings of one case's detail by one user within this window share one audit row. The SPA re-reads a
 * case it shows after every action, on window focus and on live updates, so an analyst working a case
 * for ten minutes loads it dozens of times; five minutes keeps "who opened whose personal data, and when"
 * to within a few minutes without one row per re-read.
 */
export const CASE_VIEW_AUDIT_WINDOW_MS = 5 * 60_000;

export async function getCaseDetail(deps: AppDeps, id: number, viewer: Viewer): Promise<CaseDetail> {
  const row = findCase(deps.db, id);
  if (!row) throw notFound(`Case ${id}`);
  const view = (await adapterFor(row.provider)?.view(deps, row)) ?? null;
  const orm = deps.db.orm;
  auditCaseView(deps, viewer, row);
  return {
    ...toCaseSummary(row),
    documentNumber: row.documentNumber,
    decidedAt: row.decidedAt ? iso(row.decidedAt) : null,
    view,
    history: historyOf(deps.db, id),
    actions: toActionViews(orm, actionsOfCase(orm, id)),
    allowedActions: allowedActionsFor(row, hasOpenStatusAction(orm, id)),
    comments: toCommentViews(orm, commentsOf(orm, id)),
    metadata: toMetadataViews(orm, metadataOf(orm, id)),
    assignee: assigneeRef(orm, row.assigneeId),
    reviewItems: reviewItemsOf(row, view),
  };
}

/**
 * Streams a case image through the API, from wherever its provider keeps it (its adapter's `media`);
 * the reading is audited once the bytes are in hand.
 */
export async function getCaseMedia(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  rawKey: string,
): Promise<MediaFile> {
  const row = findCase(deps.db, id);
  if (!row) throw notFound(`Case ${id}`);
  const media = adapterFor(row.provider)?.media;
  if (!media) throw notFound(`Image ${rawKey} of case ${id}`);
  const file = await media(deps, row, rawKey);
  auditPiiAccess(deps, viewer, row, 'case.media_viewed', { mediaKey: rawKey });
  return file;
}

/** Who opened a case's personal data, recorded once the bytes are in hand (docs/reliability.md R17). */
export type Viewer = RequestActor;

function auditPiiAccess(
  deps: AppDeps,
  viewer: Viewer,
  row: CaseRow,
  action: 'case.media_viewed' | 'case.report_downloaded',
  what: Record<string, unknown>,
): void {
  writeTransaction(deps.db, (tx) => {
    emitAudit(tx, actorAuditContext(viewer), {
      ...caseAuditRef(row),
      action,
      after: what,
      at: deps.now(),
    });
  });
}

/** Name, birth date and document number were shown: audited once per user, case and window. */
function auditCaseView(deps: AppDeps, viewer: Viewer, row: CaseRow): void {
  const now = deps.now();
  writeTransaction(deps.db, (tx) => {
    // Checked inside the write transaction: two tabs opening the case at once still write one row.
    if (lastAuditedViewAt(tx, viewer.user.id, row.id, now - CASE_VIEW_AUDIT_WINDOW_MS) !== null) return;
    emitAudit(tx, actorAuditContext(viewer), {
      ...caseAuditRef(row),
      action: CASE_VIEWED_ACTION,
      at: now,
    });
  });
}

/** The provider's PDF report of the case, fetched fresh (it holds personal data, so it is not stored). */
export async function getCaseReport(deps: AppDeps, viewer: Viewer, id: number): Promise<MediaFile> {
  const row = findCase(deps.db, id);
  if (!row) throw notFound(`Case ${id}`);
  const fetchReport = adapterFor(row.provider)?.report;
  if (!fetchReport) throw notFound(`Report of case ${id}`);
  const report = await fetchReport(deps, row);
  auditPiiAccess(deps, viewer, row, 'case.report_downloaded', {
    format: 'pdf',
    bytes: report.bytes.byteLength,
  });
  return report;
}
