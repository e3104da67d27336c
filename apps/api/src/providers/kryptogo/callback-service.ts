import { z } from 'zod';
import type { IngestOutcome } from '../../modules/ingestion/pipeline';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import type { KryptogoGateway } from './gateway';
import { ingestKryptogoState } from './ingest';
import { isTaskAbsent, providerUnavailable, refetchDd, refetchIdv } from './refetch';

/** Highest id the client will put in a path (16 digits); anything else cannot be one of our tasks. */
const isTaskId = (id: number) => Number.isSafeInteger(id) && id > 0 && id < 10 ** 16;

/**
 * All we take from a callback body: which task it names. The IDV detail (I1) is told apart by
 * `idv_task_id` (it also embeds DD summaries); anything else must carry a DD `task_id`. Nothing more is
 * required, because nothing more is used: `parseKryptogoCallbackBody` from the providers package also
 * validates the rest of the summary and refuses one without `report`, which would drop a real callback.
 */
const CallbackTaskRef = z.union([
  z
    .looseObject({ idv_task_id: z.number().int() })
    .transform((body) => ({ kind: 'idv_task' as const, id: body.idv_task_id })),
  z
    .looseObject({ task_id: z.number().int() })
    .transform((body) => ({ kind: 'dd_task' as const, id: body.task_id })),
]);

function callbackTaskRef(rawBody: Uint8Array): z.infer<typeof CallbackTaskRef> | null {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(rawBody));
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  // An IDV body always wins, even when its idv_task_id is bad: it must not be read as a DD summary.
  if ('idv_task_id' in json) {
    const parsed = CallbackTaskRef.options[0].safeParse(json);
    return parsed.success ? parsed.data : null;
  }
  const parsed = CallbackTaskRef.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function requireKryptogo(deps: AppDeps): KryptogoGateway {
  if (!deps.kryptogo) {
    throw new AppError(503, 'provider_not_configured', 'KryptoGO is not configured on this server.');
  }
  return deps.kryptogo;
}

/**
 * A KryptoGO callback carries no signature, auth header or event id (docs/providers/kryptogo.md §2.4, docs/reliability.md R8),
 * so its body only says which task to look at. The task is re-read with our API key and what the API
 * says is applied; the body's own status, risk or names are never used. A task the API does not know
 * (or that belongs to another account) is acknowledged and nothing is stored, so a stranger cannot
 * create cases. A failed re-read answers 503: KryptoGO retries, and reconciliation re-reads DD tasks anyway.
 */
export async function receiveKryptogoCallback(
  deps: AppDeps,
  rawBody: Uint8Array,
  requestId: string,
): Promise<Record<string, never>> {
  const gateway = requireKryptogo(deps);
  const hint = callbackTaskRef(rawBody);
  if (!hint) {
    deps.logger.warn({ requestId }, 'KryptoGO callback refused: not a DD summary or IDV detail');
    throw new AppError(400, 'callback_malformed', 'The body is not a KryptoGO task callback.');
  }
  const taskId = hint.id;
  if (!isTaskId(taskId)) {
    throw new AppError(400, 'callback_malformed', 'The callback does not name a valid task id.');
  }

  try {
    if (hint.kind === 'dd_task') {
      const details = await refetchDd(gateway, taskId);
      const result = ingestKryptogoState(deps, { kind: 'dd_task', details }, { kind: 'callback', requestId });
      logOutcome(deps, requestId, 'dd_task', taskId, result.outcome, result.caseId);
      return {};
    }
    const detail = await refetchIdv(gateway, taskId);
    const result = ingestKryptogoState(deps, { kind: 'idv_task', detail }, { kind: 'callback', requestId });
    logOutcome(deps, requestId, 'idv_task', taskId, result.outcome, result.caseId);
    // DD tasks the IDV created are ours too; the API's own list decides which (never the callback body's).
    await ingestLinkedDdTasks(deps, gateway, linkedDdTaskIds(detail), requestId);
    return {};
  } catch (error) {
    if (isTaskAbsent(error)) {
      deps.logger.warn(
        { requestId, kind: hint.kind, taskId },
        'KryptoGO callback names a task our API key cannot read; nothing stored',
      );
      return {};
    }
    throw providerUnavailable(deps, error, requestId);
  }
}

function linkedDdTaskIds(detail: {
  dd_tasks?: { task_id: number }[] | null;
  created_search_task_id?: number | null;
}): number[] {
  const ids = new Set((detail.dd_tasks ?? []).map((task) => task.task_id));
  if (detail.created_search_task_id) ids.add(detail.created_search_task_id);
  return [...ids].filter(isTaskId);
}

async function ingestLinkedDdTasks(
  deps: AppDeps,
  gateway: KryptogoGateway,
  taskIds: number[],
  requestId: string,
): Promise<void> {
  for (const taskId of taskIds) {
    try {
      const details = await refetchDd(gateway, taskId);
      const result = ingestKryptogoState(deps, { kind: 'dd_task', details }, { kind: 'callback', requestId });
      logOutcome(deps, requestId, 'dd_task', taskId, result.outcome, result.caseId);
    } catch (error) {
      if (!isTaskAbsent(error)) throw error;
    }
  }
}

function logOutcome(
  deps: AppDeps,
  requestId: string,
  kind: string,
  taskId: number,
  outcome: IngestOutcome,
  caseId: number | null,
) {
  deps.logger.info({ requestId, kind, taskId, outcome, caseId }, 'KryptoGO callback');
}
