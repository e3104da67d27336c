import { createHash } from 'node:crypto';
import type { CaseStatus } from '@backoffice/contracts';
import { type CaseRow, canonicalJson, type Orm } from '@backoffice/db';
import {
  ddCaseFields,
  idvCaseFields,
  type KryptogoCaseFields,
  type KryptogoDdDetails,
  type KryptogoIdvDetail,
  type KryptogoKyaTask,
  kyaCaseFields,
} from '@backoffice/providers/kryptogo';
import {
  type AuditContext,
  type AuditEmitEntry,
  emitAudit,
  providerAuditContext,
  systemAuditContext,
} from '../../modules/audit/emit';
import { type CaseChangeAudit, insertProviderCase, updateProviderCase } from '../../modules/cases/writes';
import { checkDrift } from '../../modules/drift/detect';
import {
  type IngestResult,
  type IngestStep,
  ingest,
  subjectAndRiskOf,
} from '../../modules/ingestion/pipeline';
import { findProviderCase } from '../../modules/ingestion/repo';
import type { AppDeps } from '../../platform/deps';

export const KRYPTOGO = 'kryptogo';

/** A task as the KryptoGO API itself returned it (D2, I1 or K1/K2): never a callback body. */
export type KryptogoTaskState =
  | { kind: 'dd_task'; details: KryptogoDdDetails }
  | { kind: 'idv_task'; detail: KryptogoIdvDetail }
  | { kind: 'kya_task'; task: KryptogoKyaTask };

export type KryptogoIngestSource =
  /** A callback named the task and we re-fetched it: deduplicated on the hash of what we fetched. */
  | { kind: 'callback'; requestId: string }
  | { kind: 'reconcile'; requestId: string }
  /** A reviewer started the screening; `audit` is written in the same transaction as the case. */
  | { kind: 'screening'; requestId: string; context: AuditContext; audit: AuditEmitEntry };

/**
 * How far along a case is. A re-fetch that lands after a newer one (two callbacks racing) must not win:
 * an audited DD task is final at KryptoGO (D4 answers 409 after it), and an IDV result never reverts.
 * A decision can still be replaced by another decision (an IDV audited in the console after its result).
 */
const STATUS_RANK: Record<string, number> = {
  pending: 0,
  needs_review: 1,
  approved: 2,
  rejected: 2,
  expired: 2,
};

function rawOf(state: KryptogoTaskState): unknown {
  if (state.kind === 'dd_task') return state.details;
  if (state.kind === 'idv_task') return state.detail;
  return state.task;
}

/**
 * `cases` is unique on (provider, external_id) and KryptoGO numbers DD, IDV and KYA tasks separately, so
 * IDV 7 and DD task 7 would collide. DD tasks keep their plain task id (what reviewers and the console call
 * "the task"); IDV and KYA ids carry their kind.
 */
export function kryptogoExternalId(kind: KryptogoTaskState['kind'], id: number | string): string {
  if (kind === 'idv_task') return `idv-${id}`;
  if (kind === 'kya_task') return `kya-${id}`;
  return String(id);
}

function fieldsOf(state: KryptogoTaskState): KryptogoCaseFields {
  const fields =
    state.kind === 'dd_task'
      ? ddCaseFields(state.details)
      : state.kind === 'idv_task'
        ? idvCaseFields(state.detail)
        : kyaCaseFields(state.task);
  return { ...fields, externalId: kryptogoExternalId(state.kind, fields.externalId) };
}

/** Provider time of this state (ms); a DD task has `update_time`, the others only their audit/creation time. */
function providerTimeOf(state: KryptogoTaskState): number | null {
  const seconds =
    state.kind === 'dd_task'
      ? state.details.update_time
      : state.kind === 'idv_task'
        ? state.detail.audit_timestamp
        : state.task.creation_timestamp;
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : null;
}

/** SHA-256 of the canonical JSON of what the API returned: the same state always has the same key. */
export function kryptogoStateKey(state: KryptogoTaskState): string {
  const hash = createHash('sha256')
    .update(canonicalJson(rawOf(state)))
    .digest('hex');
  return `${state.kind}:${fieldsOf(state).externalId}:${hash}`;
}

function actorOf(source: KryptogoIngestSource): CaseChangeAudit {
  if (source.kind === 'callback')
    return { context: providerAuditContext(KRYPTOGO, source.requestId), reason: 'callback, task re-fetched' };
  if (source.kind === 'reconcile')
    return {
      context: systemAuditContext('reconciliation', source.requestId),
      reason: 'reconciliation read',
    };
  return { context: source.context, reason: 'screening started from the back-office' };
}

function apply(tx: Orm, deps: AppDeps, state: KryptogoTaskState, source: KryptogoIngestSource): IngestStep {
  const now = deps.now();
  const fields = fieldsOf(state);
  const eventAt = providerTimeOf(state);
  const payload = JSON.stringify(rawOf(state));
  const existing = findProviderCase(tx, KRYPTOGO, fields.externalId, fields.kind);
  const audit = actorOf(source);
  const next = {
    status: fields.status,
    providerStatus: fields.providerStatus,
    ...subjectAndRiskOf(fields),
    payload,
  };

  if (!existing) {
    const inserted = insertProviderCase(
      tx,
      {
        provider: KRYPTOGO,
        kind: fields.kind,
        externalId: fields.externalId,
        subjectRef: fields.subjectRef,
        ...next,
        createdAt: fields.createdAtMs ?? now,
        providerEventAt: eventAt,
      },
      audit,
      now,
    );
    return { outcome: 'applied', caseId: inserted.id, status: fields.status, version: inserted.version };
  }

  const unchanged = {
    outcome: 'unchanged' as const,
    caseId: existing.id,
    status: existing.status as CaseStatus,
  };
  const older = eventAt !== null && existing.providerEventAt !== null && eventAt < existing.providerEventAt;
  const backwards = (STATUS_RANK[fields.status] ?? 0) < (STATUS_RANK[existing.status] ?? 0);
  if (older || backwards) return { ...unchanged, outcome: 'stale', version: null };

  // The customer reference is bound when the case is first seen, never re-read from later payloads.
  const providerEventAt =
    eventAt === null ? existing.providerEventAt : Math.max(eventAt, existing.providerEventAt ?? 0);
  // A state that diverges from our own decision is held as a drift, never applied (docs/reliability.md, "Drift").
  const drift =
    source.kind === 'screening'
      ? { proceed: existing }
      : checkDrift(tx, now, existing, {
          changes: next,
          providerEventAt,
          source: source.kind === 'callback' ? 'webhook' : 'reconcile',
          context: audit.context,
          reason: audit.reason ?? 'provider state',
        });
  if ('hold' in drift) return drift.hold;
  const current = drift.proceed;
  const changed = Object.entries(next).some(([key, value]) => current[key as keyof CaseRow] !== value);
  if (!changed) {
    if (current === existing) return { ...unchanged, version: null };
    return {
      outcome: 'applied',
      caseId: current.id,
      status: current.status as CaseStatus,
      version: current.version,
    };
  }

  const updated = updateProviderCase(tx, current, next, providerEventAt, audit, now);
  return { outcome: 'applied', caseId: updated.id, status: fields.status, version: updated.version };
}

/**
 * Applies one KryptoGO task state, as re-read from the API, in a single transaction: the dedup row
 * (callbacks only: provider `kryptogo` + hash of the fetched state), the case change and its audit row
 * commit together or not at all. A state we have already applied, an older one or one that would move
 * the case backwards changes nothing. Publishes `case.changed` only after the commit.
 */
export function ingestKryptogoState(
  deps: AppDeps,
  state: KryptogoTaskState,
  source: KryptogoIngestSource,
): IngestResult {
  return ingest(deps, {
    event:
      source.kind === 'callback'
        ? {
            provider: KRYPTOGO,
            eventId: kryptogoStateKey(state),
            eventType: `${state.kind}.callback`,
            externalId: fieldsOf(state).externalId,
            providerEventAt: providerTimeOf(state),
          }
        : null,
    apply(tx) {
      const applied = apply(tx, deps, state, source);
      if (source.kind === 'screening') {
        emitAudit(tx, source.context, { ...source.audit, caseId: applied.caseId, at: deps.now() });
      }
      return applied;
    },
  });
}
