import { writeTransaction } from '@backoffice/db';
import { ProviderError } from '@backoffice/providers/http';
import type { AppDeps } from '../../platform/deps';
import { drainInPasses, serializedPerApp } from '../../platform/drain';
import { adapterFor } from '../../providers/registry';
import { retryDelayMs } from '../outbox/worker';
import { claimDueJobs, finishJob, type IngestJobRow, rescheduleJob } from './jobs-repo';

/** Longer than one decision read under the client's deadline; a dead worker's job is taken again after it. */
export const INGEST_JOB_LEASE_MS = 60_000;
const BATCH_SIZE = 10;
const POLL_INTERVAL_MS = 1_000;

export interface IngestJobPass {
  done: number;
  retrying: number;
  failed: number;
}

/**
 * A re-read is retried until it succeeds: only an answer that can never change (the session does not
 * exist for our key) gives up, and the job then shows as failed in the sync status.
 */
function isPermanent(error: unknown): boolean {
  return (
    error instanceof ProviderError &&
    !error.retryable &&
    (error.status === 404 || error.status === 403 || error.status === 400)
  );
}

function describe(error: unknown): string {
  if (error instanceof ProviderError) return error.message;
  return 'The re-read failed (internal error; see the server log).';
}

async function runJob(deps: AppDeps, job: IngestJobRow): Promise<keyof IngestJobPass> {
  try {
    const reread = adapterFor(job.provider)?.reconcile?.rereadOne;
    if (!reread) throw new Error(`no re-read for provider ${job.provider}`);
    await reread(deps, job.externalId, `ingest-job-${job.id}`);
    writeTransaction(deps.db, (tx) => finishJob(tx, job.id, 'done', deps.now(), null));
    return 'done';
  } catch (error) {
    const message = describe(error);
    if (!(error instanceof ProviderError))
      deps.logger.error({ err: error, jobId: job.id }, 'ingest job failed');
    if (isPermanent(error)) {
      writeTransaction(deps.db, (tx) => finishJob(tx, job.id, 'failed', deps.now(), message));
      deps.logger.warn(
        { jobId: job.id, provider: job.provider },
        'ingest job given up: the provider refuses it',
      );
      return 'failed';
    }
    const retryAfterMs = error instanceof ProviderError ? error.retryAfterMs : undefined;
    const now = deps.now();
    const at = now + retryDelayMs(job.attempts, retryAfterMs);
    writeTransaction(deps.db, (tx) => rescheduleJob(tx, job.id, at, message, now));
    deps.logger.info({ jobId: job.id, attempt: job.attempts, retryInMs: at - now }, 'ingest job will retry');
    return 'retrying';
  }
}

async function drainOnce(deps: AppDeps): Promise<IngestJobPass> {
  const result: IngestJobPass = { done: 0, retrying: 0, failed: 0 };
  await drainInPasses(
    () => {
      const now = deps.now();
      return writeTransaction(deps.db, (tx) => claimDueJobs(tx, now, INGEST_JOB_LEASE_MS, BATCH_SIZE));
    },
    async (claimed) => {
      // One at a time: these share Didit's decision rate limit with reviewers' pages.
      for (const job of claimed) result[await runJob(deps, job)] += 1;
    },
  );
  return result;
}

/** Runs every due job once; serialized per app, so awaiting it also waits for a pass already running. */
export const drainIngestJobs = serializedPerApp(drainOnce);

export interface BackgroundWorker {
  stop(): Promise<void>;
}

/** Polls for due re-reads; jobs left by a previous process (pending, or in flight past their lease) run too. */
export function startIngestJobWorker(deps: AppDeps): BackgroundWorker {
  let stopped = false;
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (stopped || running) return;
    running = drainIngestJobs(deps)
      .catch((error) => deps.logger.error({ err: error }, 'ingest job pass failed'))
      .finally(() => {
        running = null;
      });
  };
  const poll = setInterval(run, POLL_INTERVAL_MS);
  poll.unref();
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(poll);
      await running;
      await drainIngestJobs.settled(deps);
    },
  };
}
