import { type CaseRow, writeTransaction } from '@backoffice/db';
import { ProviderError } from '@backoffice/providers/http';
import type { AppDeps } from '../../platform/deps';
import { drainInPasses, serializedPerApp } from '../../platform/drain';
import { AppError } from '../../platform/errors';
import { purgeIdempotencyKeys } from '../../platform/idempotency';
import { parseJsonOrNull } from '../../platform/json';
import { caselessAuditRef } from '../actions/apply';
import {
  type AuditEmitEntry,
  caseAuditRef,
  caseAuditSnapshot,
  emitAudit,
  systemAuditContext,
} from '../audit/emit';
import { deliverCall, type OutboxCall, outboxRecorderOf, parseOutboxCall } from './calls';
import {
  claimDueRows,
  countAttempt,
  findAction,
  findCase,
  type OutboxRow,
  outboxHasDueRows,
  scheduleRetry,
  setOutboxStatus,
  updateAction,
} from './repo';

/** After this many attempts a transient failure is given up and shown as failed (a manager can retry). */
export const MAX_ATTEMPTS = 8;
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/**
 * How long a claimed row belongs to this worker: longer than a re-read plus a call, each under the
 * client's deadline. A worker that dies mid-call leaves the lease to run out and the row is taken again.
 */
export const LEASE_MS = 2 * 60_000;
const BATCH_SIZE = 10;
const POLL_INTERVAL_MS = 1_000;
const PURGE_INTERVAL_MS = 3_600_000;

/**
 * Exponential backoff with equal jitter (half fixed, half random) so retries of many actions spread out;
 * never sooner than the provider's Retry-After.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random = Math.random,
): number {
  const exponential = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.max(retryAfterMs ?? 0, Math.round(jittered));
}

export interface DrainResult {
  applied: number;
  retrying: number;
  failed: number;
}

/** `state`: the provider state as last read by the attempt, recorded on the case with the outcome. */
type Outcome =
  | { kind: 'applied'; via: 'call' | 'reconciled'; detail: string | null; state: unknown }
  | { kind: 'retry'; error: string; retryAfterMs: number | undefined }
  | { kind: 'failed'; error: string; state: unknown };

/** What a reviewer may read: provider, operation, class and the provider's short message, never a body. */
function describeFailure(error: unknown): {
  message: string;
  retryable: boolean;
  retryAfterMs: number | undefined;
} {
  if (error instanceof ProviderError) {
    return { message: error.message, retryable: error.retryable, retryAfterMs: error.retryAfterMs };
  }
  // Our own typed refusals (a KryptoGO task decided differently, KryptoGO switched off) are permanent and
  // their message is written for reviewers.
  if (error instanceof AppError) {
    return { message: error.message, retryable: false, retryAfterMs: undefined };
  }
  return {
    message: 'The call could not be prepared (internal error; see the server log).',
    retryable: false,
    retryAfterMs: undefined,
  };
}

async function attempt(deps: AppDeps, claim: Claim, call: OutboxCall): Promise<Outcome> {
  const { row } = claim;
  try {
    // Any earlier attempt, a manager's retry included, may have landed with its answer lost: look before
    // calling again (exactly once).
    const delivered = await deliverCall(deps, call, claim.priorAttempts > 0);
    return { kind: 'applied', ...delivered };
  } catch (error) {
    const failure = describeFailure(error);
    if (!(error instanceof ProviderError) && !(error instanceof AppError)) {
      deps.logger.error(
        { err: error, actionId: row.actionId },
        'outbox call failed before reaching the provider',
      );
    }
    return failure.retryable
      ? { kind: 'retry', error: failure.message, retryAfterMs: failure.retryAfterMs }
      : {
          kind: 'failed',
          error: failure.message,
          state: outboxRecorderOf(call.operation)?.stateOfFailure?.(error) ?? null,
        };
  }
}

/** Transaction 2: records the provider's answer on the action, the outbox row and the case, with its audit row. */
function record(
  deps: AppDeps,
  row: OutboxRow,
  call: OutboxCall | null,
  outcome: Outcome,
  attemptNumber: number,
) {
  const now = deps.now();
  return writeTransaction(deps.db, (tx) => {
    const action = findAction(tx, row.actionId);
    if (!action) return null;
    // A list change no case carries (providers/didit/lists) is recorded the same way, without a case.
    const target = action.caseId === null ? null : (findCase(tx, action.caseId) ?? null);
    if (action.caseId !== null && !target) return null;
    const snapshotOf = (row: CaseRow | null) => (row ? caseAuditSnapshot(row) : {});
    const context = systemAuditContext('outbox');
    const audit = { ...(target ? caseAuditRef(target) : caselessAuditRef(action)), at: now };
    const actionFacts = {
      actionId: action.id,
      type: action.type,
      attempt: attemptNumber,
      requestedBy: action.requestedBy,
    };

    const applied =
      outcome.kind === 'applied'
        ? (after: CaseRow | null): AuditEmitEntry => ({
            ...audit,
            action: 'case.action_applied',
            before: { ...snapshotOf(target), actionStatus: action.status },
            after: { ...snapshotOf(after), ...actionFacts, actionStatus: 'applied', via: outcome.via },
            reason:
              outcome.via === 'reconciled'
                ? `not sent again: ${outcome.detail}`
                : `${row.operation} accepted`,
          })
        : null;
    // The provider's adapter records what its answer means for the case in this same transaction, so
    // the action's outcome and the case state it produced commit together. A case write goes through
    // cases/writes.ts with the applied action's audit row (`audit`); `audited` says it was written.
    const recorded =
      outcome.kind === 'retry' || !target
        ? null
        : (outboxRecorderOf(row.operation)?.record?.(tx, deps, {
            target,
            call,
            state: outcome.state,
            applied: outcome.kind === 'applied',
            actionId: action.id,
            now,
            audit: applied ? { context, entries: applied } : null,
          }) ?? null);

    if (outcome.kind === 'applied') {
      updateAction(tx, action.id, { status: 'applied', resolvedAt: now, lastError: null });
      setOutboxStatus(tx, action.id, 'done', now, null);
      const after = recorded?.row ?? target;
      if (!recorded?.audited && applied) emitAudit(tx, context, applied(after));
      return after;
    }

    if (outcome.kind === 'retry' && attemptNumber < MAX_ATTEMPTS) {
      const delay = retryDelayMs(attemptNumber, outcome.retryAfterMs);
      scheduleRetry(tx, action.id, now + delay, outcome.error, now);
      updateAction(tx, action.id, { status: 'retrying', lastError: outcome.error });
      emitAudit(tx, context, {
        ...audit,
        action: 'case.action_retry_scheduled',
        before: { actionId: action.id, actionStatus: action.status },
        after: {
          ...actionFacts,
          actionStatus: 'retrying',
          nextAttemptAt: new Date(now + delay).toISOString(),
        },
        reason: outcome.error,
      });
      return target;
    }

    const error =
      outcome.kind === 'retry' ? `Gave up after ${attemptNumber} attempts: ${outcome.error}` : outcome.error;
    updateAction(tx, action.id, { status: 'failed', lastError: error });
    setOutboxStatus(tx, action.id, 'failed', now, error);
    emitAudit(tx, context, {
      ...audit,
      action: 'case.action_failed',
      before: { actionId: action.id, actionStatus: action.status },
      after: { ...actionFacts, actionStatus: 'failed' },
      reason: error,
    });
    return recorded?.row ?? target;
  });
}

/** A claimed row and how many attempts its action had before this one. */
interface Claim {
  row: OutboxRow;
  priorAttempts: number;
}

async function deliver(deps: AppDeps, claim: Claim): Promise<Outcome['kind']> {
  const { row } = claim;
  const parsed = parseOutboxCall(parseJsonOrNull(row.payload));
  const attemptNumber = row.attempts + 1;
  if (!parsed) {
    deps.logger.error({ actionId: row.actionId }, 'unreadable outbox payload; the action is marked failed');
  }
  const outcome: Outcome = parsed
    ? await attempt(deps, claim, parsed)
    : { kind: 'failed', error: 'The queued call is not readable (internal error).', state: null };
  const changed = record(deps, row, parsed, outcome, attemptNumber);
  if (changed)
    deps.events.publishCaseChanged({ id: changed.id, status: changed.status, version: changed.version });
  deps.logger.info(
    { actionId: row.actionId, operation: row.operation, attempt: attemptNumber, outcome: outcome.kind },
    'outbox attempt',
  );
  return outcome.kind;
}

async function drainOnce(deps: AppDeps): Promise<DrainResult> {
  const result: DrainResult = { applied: 0, retrying: 0, failed: 0 };
  await drainInPasses(
    () => {
      const now = deps.now();
      if (!outboxHasDueRows(deps.db.orm, now)) return [];
      return writeTransaction(deps.db, (tx) => {
        const rows = claimDueRows(tx, now, LEASE_MS, BATCH_SIZE);
        return rows.map((row): Claim => ({ row, priorAttempts: countAttempt(tx, row, now) }));
      });
    },
    async (claimed) => {
      const outcomes = await Promise.all(claimed.map((claim) => deliver(deps, claim)));
      for (const kind of outcomes) {
        if (kind === 'applied') result.applied++;
        else if (kind === 'retry') result.retrying++;
        else result.failed++;
      }
    },
  );
  return result;
}

/** Delivers every due outbox row once; serialized per app, so awaiting it also waits for a running pass. */
export const drainOutbox = serializedPerApp(drainOnce);

export interface OutboxWorker {
  /** Asks for a pass soon (after a commit that queued something). */
  wake(): void;
  stop(): Promise<void>;
}

/** Polls the outbox, wakes on every committed case change, and purges old idempotency keys. */
export function startOutboxWorker(deps: AppDeps): OutboxWorker {
  let stopped = false;
  let running: Promise<unknown> | null = null;
  let again = false;

  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drainOutbox(deps)
      .catch((error) => deps.logger.error({ err: error }, 'outbox pass failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const purge = () => {
    try {
      const purged = purgeIdempotencyKeys(deps.db, deps.now());
      if (purged > 0) deps.logger.info({ purged }, 'purged expired idempotency keys');
    } catch (error) {
      deps.logger.warn({ err: error }, 'could not purge idempotency keys');
    }
  };

  const poll = setInterval(run, POLL_INTERVAL_MS);
  const purgeTimer = setInterval(purge, PURGE_INTERVAL_MS);
  poll.unref();
  purgeTimer.unref();
  const unsubscribe = deps.events.onCaseChanged(run);
  purge();
  run();

  return {
    wake: run,
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearInterval(purgeTimer);
      unsubscribe();
      await running;
      await drainOutbox.settled(deps);
    },
  };
}
