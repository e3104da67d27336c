import type { ReconcileResult } from '@backoffice/contracts';
import {
  ddProgress,
  KRYPTOGO_IDV_AUDIT_STATUS,
  KryptogoDdDetails,
  type KryptogoDdSummary,
} from '@backoffice/providers/kryptogo';
import { externalIdsOfKindNotIn, findProviderCase } from '../../modules/ingestion/repo';
import type { AppDeps } from '../../platform/deps';
import type { KryptogoGateway } from './gateway';
import { ingestKryptogoState, KRYPTOGO, type KryptogoTaskState, kryptogoExternalId } from './ingest';
import { isTaskAbsent, refetchDd, refetchIdv } from './refetch';

/** The sandbox's (and presumably KryptoGO's) largest D6 page. */
const HISTORY_PAGE_SIZE = 100;
/** A runaway `total_pages` cannot keep a run going for ever; the next run continues. */
const MAX_HISTORY_PAGES = 1_000;

const seconds = (value: number | null | undefined) => (typeof value === 'number' && value > 0 ? value : 0);

/** What we hold of a DD task, read from its stored D2 payload; null when we hold none (or it no longer parses). */
function storedDd(deps: AppDeps, taskId: number): KryptogoDdDetails | null {
  const row = findProviderCase(deps.db.orm, KRYPTOGO, kryptogoExternalId('dd_task', taskId), 'dd_task');
  if (!row?.payload) return null;
  try {
    const parsed = KryptogoDdDetails.safeParse(JSON.parse(row.payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether a D6 row says more than we know: progress, audit or last update differ (or we never saw it). */
function differs(summary: KryptogoDdSummary, ours: KryptogoDdDetails | null): boolean {
  if (!ours) return true;
  if (typeof summary.progress === 'number' && summary.progress !== ddProgress(ours)) return true;
  if (seconds(summary.audit_time) !== seconds(ours.audit_time)) return true;
  return seconds(summary.update_time) > seconds(ours.update_time);
}

/** Ingests a task as re-read by this reconciliation, counting it when it changed our case. */
function ingestReread(
  deps: AppDeps,
  requestId: string,
  result: ReconcileResult,
  state: KryptogoTaskState,
): void {
  const applied = ingestKryptogoState(deps, state, { kind: 'reconcile', requestId });
  if (applied.outcome === 'applied') result.changed += 1;
}

async function reconcileDdHistory(
  deps: AppDeps,
  gateway: KryptogoGateway,
  requestId: string,
  result: ReconcileResult,
): Promise<void> {
  for (let pageNumber = 1; pageNumber <= MAX_HISTORY_PAGES; pageNumber += 1) {
    const page = await gateway.client.getHistory({ pageSize: HISTORY_PAGE_SIZE, pageNumber });
    for (const summary of page.data) {
      result.listed += 1;
      if (!differs(summary, storedDd(deps, summary.task_id))) continue;
      result.fetched += 1;
      try {
        ingestReread(deps, requestId, result, {
          kind: 'dd_task',
          details: await refetchDd(gateway, summary.task_id),
        });
      } catch (error) {
        result.errors += 1;
        deps.logger.warn(
          { err: error, taskId: summary.task_id },
          'KryptoGO reconciliation could not read a DD task',
        );
      }
    }
    const totalPages = page.paging?.total_pages;
    const lastPage =
      page.data.length < HISTORY_PAGE_SIZE || (typeof totalPages === 'number' && pageNumber >= totalPages);
    if (lastPage) return;
  }
}

/**
 * IDV tasks are not listed by D6, and an audit in the KryptoGO console sends no callback (§2.4), so every
 * IDV case without a final audit is re-read.
 */
async function reconcileOpenIdv(
  deps: AppDeps,
  gateway: KryptogoGateway,
  requestId: string,
  result: ReconcileResult,
): Promise<void> {
  const open = externalIdsOfKindNotIn(deps.db.orm, KRYPTOGO, 'idv_task', [
    KRYPTOGO_IDV_AUDIT_STATUS.accepted,
    KRYPTOGO_IDV_AUDIT_STATUS.rejected,
  ]);
  for (const row of open) {
    const idvTaskId = Number(row.externalId.replace(/^idv-/, ''));
    if (!Number.isSafeInteger(idvTaskId) || idvTaskId <= 0) continue;
    result.listed += 1;
    result.fetched += 1;
    try {
      ingestReread(deps, requestId, result, {
        kind: 'idv_task',
        detail: await refetchIdv(gateway, idvTaskId),
      });
    } catch (error) {
      // A task that disappeared at the provider stays as we last saw it; that is not an error of this run.
      if (isTaskAbsent(error)) continue;
      result.errors += 1;
      deps.logger.warn({ err: error, idvTaskId }, 'KryptoGO reconciliation could not read an IDV task');
    }
  }
}

/**
 * Pages through the DD task history (D6, 1-based pages) and re-reads (D2) every task whose progress,
 * audit or last update differs from ours or that we have never seen; then re-reads open IDV tasks.
 * Catches callbacks that were lost, refused with 503, or never sent. KYA results are synchronous and
 * created by us, so there is nothing to catch up on. Never throws: a failed listing counts as an error
 * so the other providers' results are still reported.
 */
export async function reconcileKryptogo(deps: AppDeps, requestId: string): Promise<ReconcileResult> {
  const result: ReconcileResult = { provider: KRYPTOGO, listed: 0, fetched: 0, changed: 0, errors: 0 };
  const gateway = deps.kryptogo;
  if (!gateway) return result;
  try {
    await reconcileDdHistory(deps, gateway, requestId, result);
  } catch (error) {
    result.errors += 1;
    deps.logger.warn({ err: error }, 'KryptoGO reconciliation could not list the DD task history');
  }
  await reconcileOpenIdv(deps, gateway, requestId, result);
  return result;
}
