import {
  type QaAgreementRow,
  type QaItemDetail,
  type QaItemView,
  type QaListQuery,
  type QaListResponse,
  type QaOutcomeRequest,
  QaSampleReason,
  type QaSamplerRun,
  type QaSamplingSettings,
} from '@backoffice/contracts';
import { writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { applyIdempotentPost, type StoredResponse } from '../../platform/idempotency';
import {
  type AuditContext,
  actorAuditContext,
  emitAudit,
  type RequestActor,
  systemAuditContext,
} from '../audit/emit';
import type { SignedInUser } from '../auth/service';
import { findCase } from '../cases/repo';
import { setCaseFlag } from '../cases/writes';
import {
  closedSince,
  deciderOf,
  findQaItem,
  insertQaItem,
  listQaItems,
  participantsOf,
  type QaItemRow,
  qaAgreementCounts,
  reachedOutcomes,
  readQaSampling,
  readWatermark,
  updateQaItem,
  userNames,
  writeQaSampling,
  writeWatermark,
} from './repo';
import { sampleReasons } from './sampling';

type Actor = RequestActor;

/**
 * The sampler reads closures at least this old: a writer that took its clock before waiting for the write
 * lock (up to the 5 s busy timeout) or before a provider re-read (its deadline) can commit a decision time
 * slightly behind one already committed, and the watermark must not have passed it yet.
 */
export const QA_SAMPLER_LAG_MS = 30_000;
/** Closures handled per transaction, and transactions per run, so a run never holds the writer for long. */
const BATCH = 500;
const MAX_BATCHES = 20;

const iso = (ms: number) => new Date(ms).toISOString();
const auditContext = (actor: Actor | null): AuditContext =>
  actor ? actorAuditContext(actor) : systemAuditContext('qa_sampler');

export function getQaSampling(deps: AppDeps): QaSamplingSettings {
  return readQaSampling(deps.db.orm);
}

export function setQaSampling(deps: AppDeps, actor: Actor, next: QaSamplingSettings): QaSamplingSettings {
  const now = deps.now();
  writeTransaction(deps.db, (tx) => {
    const before = readQaSampling(tx);
    writeQaSampling(tx, next, actor.user.id, now);
    emitAudit(tx, auditContext(actor), { action: 'qa.settings_changed', before, after: next, at: now });
  });
  return next;
}

/**
 * Samples the cases closed since the watermark, whoever closed them (a reviewer, the outbox, a provider
 * webhook), without any hook in those paths. One transaction per batch: the items, their `qa.sampled` audit
 * rows and the watermark commit together, and the unique closure key makes a rerun sample nothing twice.
 * `actor` null: the periodic run.
 */
export function runQaSampler(deps: AppDeps, actor: Actor | null): QaSamplerRun {
  const now = deps.now();
  const until = now - QA_SAMPLER_LAG_MS;
  let scanned = 0;
  let sampled = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const read = writeTransaction(deps.db, (tx) => {
      const sampling = readQaSampling(tx);
      const closed = closedSince(deps.db, readWatermark(tx), until, BATCH);
      const reached = reachedOutcomes(
        deps.db,
        closed.map((c) => c.id),
      );
      let created = 0;
      for (const closure of closed) {
        const reasons = sampleReasons(sampling, closure, reached.get(closure.id) ?? new Set());
        if (reasons.length === 0) continue;
        const item = insertQaItem(tx, {
          caseId: closure.id,
          decidedAt: closure.decidedAt,
          provider: closure.provider,
          kind: closure.kind,
          caseStatus: closure.status,
          reasons: JSON.stringify(reasons),
          decidedBy: deciderOf(deps.db, closure),
          sampledAt: now,
          status: 'open',
        });
        if (!item) continue;
        created++;
        emitAudit(tx, auditContext(actor), {
          action: 'qa.sampled',
          caseId: closure.id,
          provider: closure.provider,
          after: {
            qaItemId: item.id,
            reasons,
            caseStatus: closure.status,
            decidedAt: iso(closure.decidedAt),
          },
          at: now,
        });
      }
      const last = closed.at(-1);
      if (last) writeWatermark(tx, { decidedAt: last.decidedAt, caseId: last.id }, now);
      return { count: closed.length, created };
    });
    scanned += read.count;
    sampled += read.created;
    if (read.count < BATCH) break;
  }
  const mark = readWatermark(deps.db.orm);
  return { scanned, sampled, watermark: mark ? iso(mark.decidedAt) : null };
}

function viewsOf(deps: AppDeps, rows: QaItemRow[], viewer: SignedInUser): QaItemView[] {
  const participants = participantsOf(
    deps.db,
    rows.map((r) => r.caseId),
  );
  const names = userNames(
    deps.db.orm,
    rows.flatMap((r) => [r.decidedBy, r.reviewerId].filter((id): id is string => id !== null)),
  );
  const ref = (id: string | null) => (id ? { id, name: names.get(id) ?? 'Unknown user' } : null);
  return rows.map((row) => ({
    id: row.id,
    caseId: row.caseId,
    provider: row.provider as QaItemView['provider'],
    kind: row.kind as QaItemView['kind'],
    caseStatus: row.caseStatus as QaItemView['caseStatus'],
    reasons: QaSampleReason.array().parse(JSON.parse(row.reasons)),
    decidedAt: iso(row.decidedAt),
    decidedBy: ref(row.decidedBy),
    sampledAt: iso(row.sampledAt),
    status: row.status as QaItemView['status'],
    reasonCode: row.reasonCode as QaItemView['reasonCode'],
    reviewer: ref(row.reviewerId),
    reviewedAt: row.reviewedAt === null ? null : iso(row.reviewedAt),
    followUpFlagged: row.followUpFlagged,
    youTookPart: tookPart(row, participants.get(row.caseId), viewer.id),
  }));
}

function tookPart(row: QaItemRow, participants: ReadonlySet<string> | undefined, userId: string): boolean {
  return row.decidedBy === userId || (participants?.has(userId) ?? false);
}

export function listQa(deps: AppDeps, viewer: SignedInUser, query: QaListQuery): QaListResponse {
  const rows = listQaItems(deps.db.orm, query);
  const page = rows.slice(0, query.limit);
  return {
    items: viewsOf(deps, page, viewer),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export function getQaItem(deps: AppDeps, viewer: SignedInUser, id: number): QaItemDetail {
  const row = findQaItem(deps.db.orm, id);
  if (!row) throw notFound('The QA item');
  return { ...viewsOf(deps, [row], viewer)[0]!, note: row.note };
}

/**
 * Records the second-line outcome. Nobody who took part in the case's decisions may record it
 * (re-checked here in the transaction, from the case's actions as they are now). A disagreement flags
 * the case for a manager, who can then reverse it through the usual four-eyes path; a case that is
 * already flagged keeps its flag. The outcome, the flag and their audit rows commit together.
 */
export function recordQaOutcome(
  deps: AppDeps,
  actor: Actor,
  input: { id: number; idempotencyKey: string; request: QaOutcomeRequest },
): StoredResponse<QaItemDetail> {
  let flaggedCase: { id: number; status: string; version: number } | null = null;
  const result = applyIdempotentPost<QaItemDetail>(
    deps,
    {
      userId: actor.user.id,
      key: input.idempotencyKey,
      path: `/api/qa/items/${input.id}/outcome`,
      request: { body: input.request },
    },
    (tx, now) => {
      const item = findQaItem(tx, input.id);
      if (!item) throw notFound('The QA item');
      const participants = participantsOf(deps.db, [item.caseId]).get(item.caseId);
      if (tookPart(item, participants, actor.user.id)) {
        throw new AppError(
          403,
          'qa_own_decision',
          'You took part in this decision; someone who did not must review it.',
        );
      }
      if (item.status !== 'open') {
        throw new AppError(409, 'qa_already_reviewed', 'This QA item already has an outcome.');
      }
      const disagree = input.request.outcome === 'disagree';
      const target = findCase(tx, item.caseId);
      const followUpFlagged = disagree && target !== undefined && target.flag === null;
      const note = input.request.note ? input.request.note : null;
      const updated = updateQaItem(tx, item.id, {
        status: disagree ? 'disagreed' : 'agreed',
        reasonCode: input.request.reasonCode,
        note,
        reviewerId: actor.user.id,
        reviewedAt: now,
        followUpFlagged,
      });
      emitAudit(tx, auditContext(actor), {
        action: 'qa.outcome_recorded',
        caseId: item.caseId,
        provider: item.provider,
        before: { qaItemId: item.id, status: item.status },
        after: {
          qaItemId: item.id,
          status: updated.status,
          reasonCode: input.request.reasonCode,
          noteLength: note?.length ?? 0,
          followUpFlagged,
        },
        reason: input.request.reasonCode,
        at: now,
      });
      if (followUpFlagged && target) {
        const flagged = setCaseFlag(
          tx,
          target,
          'qa_disagreement',
          `QA item ${item.id}: ${input.request.reasonCode}`,
          { context: auditContext(actor), reason: input.request.reasonCode },
          now,
        );
        flaggedCase = { id: flagged.id, status: flagged.status, version: flagged.version };
      }
      return { status: 200, body: { ...viewsOf(deps, [updated], actor.user)[0]!, note } };
    },
  );
  if (flaggedCase) deps.events.publishCaseChanged(flaggedCase);
  return result;
}

export function qaAgreement(deps: AppDeps, range: { fromMs: number; toMs: number }): QaAgreementRow[] {
  const counts = qaAgreementCounts(deps.db, range);
  const names = userNames(
    deps.db.orm,
    counts.flatMap((c) => (c.userId ? [c.userId] : [])),
  );
  return counts.map((c) => ({
    userId: c.userId,
    name: c.userId ? (names.get(c.userId) ?? null) : null,
    reviewed: c.reviewed,
    agreed: c.agreed,
    disagreed: c.disagreed,
    agreementRate: c.reviewed > 0 ? c.agreed / c.reviewed : 0,
  }));
}

/** The periodic run, like periodic reconciliation; 0 turns it off (runs on demand still work). */
export function startQaSampler(deps: AppDeps, intervalMs: number): { stop(): void } {
  if (intervalMs <= 0) return { stop: () => {} };
  const timer = setInterval(() => {
    try {
      const run = runQaSampler(deps, null);
      if (run.scanned > 0) deps.logger.info({ run }, 'QA sampler run finished');
    } catch (error) {
      deps.logger.warn({ err: error }, 'QA sampler run failed; the next run retries');
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
