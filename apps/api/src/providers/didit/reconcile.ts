import type { ReconcileResult } from '@backoffice/contracts';
import { ProviderError } from '@backoffice/providers/http';
import { findUnresolvedDrift } from '../../modules/drift/repo';
import { findProviderCase } from '../../modules/ingestion/repo';
import { readSyncValue, writeSyncValue } from '../../modules/reconcile/jobs-repo';
import type { AppDeps } from '../../platform/deps';
import { ingestDiditState } from './ingest';

const PAGE_SIZE = 100;
/** Re-list a day before the last successful run: sessions can change status long after creation. */
const OVERLAP_MS = 24 * 3_600_000;
export const DIDIT_SYNC_KEY = 'didit.reconciled_at';
/** Longest pause we accept from a Retry-After before giving up this run (the next run resumes). */
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function decisionEventTime(decision: unknown): number | null {
  const reviews = (decision as { reviews?: { created_at?: string }[] } | null)?.reviews;
  const times = (reviews ?? []).map((r) => Date.parse(r.created_at ?? '')).filter((t) => Number.isFinite(t));
  return times.length ? Math.max(...times) : null;
}

/** Reads one session's decision and applies it as the provider's current truth. */
export async function reconcileDiditSession(
  deps: AppDeps,
  sessionId: string,
  requestId: string,
): Promise<boolean> {
  const decision = await deps.didit.client.getDecision(sessionId);
  const result = ingestDiditState(
    deps,
    {
      sessionId,
      providerStatus: decision.status,
      eventAtMs: decisionEventTime(decision),
      decision,
      vendorData: decision.vendor_data ?? null,
      workflowId: decision.workflow_id ?? null,
    },
    { kind: 'reconcile', requestId },
  );
  return result.outcome === 'applied';
}

/** Pauses before the provider's window runs dry (below 15 % left), as Didit recommends, instead of hitting 429. */
async function paceFor(deps: AppDeps, scope: string): Promise<void> {
  const limits = deps.didit.client.rateLimits;
  if (!limits.shouldThrottle(scope)) return;
  const resetAt = limits.snapshot(scope)?.resetAtMs ?? deps.now() + 1_000;
  const wait = Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(250, resetAt - deps.now()));
  deps.logger.info({ scope, waitMs: wait }, 'pacing Didit calls to stay under the rate limit');
  await sleep(wait);
}

async function withRateLimit<T>(deps: AppDeps, scope: string, call: () => Promise<T>): Promise<T> {
  await paceFor(deps, scope);
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait =
        error instanceof ProviderError && error.kind === 'rate_limited'
          ? (error.retryAfterMs ?? 5_000)
          : null;
      if (wait === null || wait > MAX_RATE_LIMIT_WAIT_MS || attempt >= 3) throw error;
      deps.logger.info({ waitMs: wait }, 'Didit rate limit reached during reconciliation; waiting');
      await sleep(wait);
    }
  }
}

/**
 * Lists sessions changed since the last run and re-reads the decision of every session whose status
 * differs from ours (or that we have never seen): catches webhooks that were lost or refused.
 */
export async function reconcileDidit(deps: AppDeps, requestId: string): Promise<ReconcileResult> {
  const startedAt = deps.now();
  const last = readSyncValue(deps.db, DIDIT_SYNC_KEY);
  const dateFrom = last !== null ? new Date(Number(last) - OVERLAP_MS).toISOString().slice(0, 10) : undefined;
  const result: ReconcileResult = { provider: 'didit', listed: 0, fetched: 0, changed: 0, errors: 0 };
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await withRateLimit(deps, 'generic-get', () =>
      deps.didit.client.listSessions({ limit: PAGE_SIZE, offset, dateFrom }),
    );
    for (const row of page.results) {
      result.listed += 1;
      const known = findProviderCase(deps.db.orm, 'didit', row.session_id);
      // A case holding a drift keeps our status, so the listing alone cannot tell whether Didit came back to it.
      if (
        known &&
        known.providerStatus === row.status &&
        known.payload &&
        !findUnresolvedDrift(deps.db.orm, known.id)
      )
        continue;
      try {
        result.fetched += 1;
        if (
          await withRateLimit(deps, 'decision', () => reconcileDiditSession(deps, row.session_id, requestId))
        ) {
          result.changed += 1;
        }
      } catch (error) {
        result.errors += 1;
        deps.logger.warn(
          { err: error, sessionId: row.session_id },
          'reconciliation could not read a session',
        );
      }
    }
    if (!page.next || page.results.length === 0) break;
  }
  if (result.errors === 0) {
    writeSyncValue(deps.db, DIDIT_SYNC_KEY, String(startedAt), deps.now());
  }
  return result;
}
