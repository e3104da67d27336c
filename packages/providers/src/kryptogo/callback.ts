import { KryptogoDdSummary, KryptogoIdvDetail } from './schemas';

/**
 * What a KryptoGO callback tells us: which task changed. Callbacks carry no signature, auth header or
 * event id (§2.4, docs/reliability.md R8), so anyone could POST one; the payload is a hint and the task must be
 * re-fetched with the API key (`getDdDetails` / `getIdv`) before anything is recorded.
 */
export type KryptogoCallbackHint =
  | { kind: 'dd_task'; taskId: number; summary: KryptogoDdSummary }
  | { kind: 'idv_task'; idvTaskId: number; detail: KryptogoIdvDetail; ddTaskIds: number[] };

/** Classifies a parsed callback body; null when it is neither a DD summary nor an IDV detail. */
export function parseKryptogoCallback(json: unknown): KryptogoCallbackHint | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  // IDV payloads also embed DD summaries (`dd_tasks`), so look for the IDV id first.
  if ('idv_task_id' in json) {
    const detail = KryptogoIdvDetail.safeParse(json);
    if (!detail.success) return null;
    const ddTaskIds = [
      ...new Set([
        ...(detail.data.dd_tasks ?? []).map((task) => task.task_id),
        ...(detail.data.created_search_task_id ? [detail.data.created_search_task_id] : []),
      ]),
    ];
    return { kind: 'idv_task', idvTaskId: detail.data.idv_task_id, detail: detail.data, ddTaskIds };
  }
  const summary = KryptogoDdSummary.safeParse(json);
  return summary.success ? { kind: 'dd_task', taskId: summary.data.task_id, summary: summary.data } : null;
}

/** Same, from the raw request body; malformed JSON is null (answer 400). */
export function parseKryptogoCallbackBody(raw: string | Uint8Array): KryptogoCallbackHint | null {
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    return null;
  }
  return parseKryptogoCallback(json);
}
