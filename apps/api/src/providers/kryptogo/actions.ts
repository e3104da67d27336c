import {
  ddAcceptedOutcome,
  isKryptogoAlreadyAudited,
  type KryptogoClient,
  type KryptogoDdDetails,
  type KryptogoMetadataRequest,
} from '@backoffice/providers/kryptogo';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { requireKryptogo } from './callback-service';

/*
 * Provider calls for the outbox worker (reviewer actions on KryptoGO cases). Each one re-reads the task
 * first, so a retry after a lost answer never applies anything twice, and returns the task as KryptoGO
 * holds it afterwards so the worker can record it (`ingestKryptogoState`, kind `dd_task`).
 * Failures: `ProviderError` with `retryable` true (timeout, 5xx, 429, open circuit) → retry later;
 * `retryable` false (4xx) → stop and show it; `KryptogoDecisionConflict` (AppError 409) → stop: someone
 * decided the task differently and KryptoGO never changes a decision once made.
 */

export type KryptogoActionOutcome = 'sent' | 'already_applied';

export interface KryptogoActionResult {
  outcome: KryptogoActionOutcome;
  /** D2 details read after the call (or before it, when nothing needed sending). */
  details: KryptogoDdDetails;
}

export class KryptogoDecisionConflict extends AppError {
  /** `details`: the task as KryptoGO holds it, so the case can show the decision that stands. */
  constructor(
    readonly current: string,
    readonly details: KryptogoDdDetails,
  ) {
    super(
      409,
      'provider_conflict',
      `The KryptoGO task was already ${current}; a decision cannot be changed.`,
    );
  }
}

function outcomeOrConflict(details: KryptogoDdDetails, accepted: boolean): 'send' | 'already_applied' {
  const outcome = ddAcceptedOutcome(details, accepted);
  if (outcome.action === 'conflict') throw new KryptogoDecisionConflict(outcome.current, details);
  return outcome.action;
}

/**
 * What every call here does around its own request: reads the task, lets `send` settle what the task
 * already shows or send what it does not, and after a send reads the task again for the worker to record.
 */
async function callOnTask(
  deps: AppDeps,
  taskId: number,
  send: (client: KryptogoClient, before: KryptogoDdDetails) => Promise<KryptogoActionResult | 'sent'>,
): Promise<KryptogoActionResult> {
  const { client } = requireKryptogo(deps);
  const settled = await send(client, await client.getDdDetails(taskId));
  if (settled !== 'sent') return settled;
  return { outcome: 'sent', details: await client.getDdDetails(taskId) };
}

/**
 * D4: accept or reject a DD task with a comment. Sends only when the task is still unaudited; when it is
 * already decided the same way (an earlier attempt landed) it reports `already_applied`; a 409 from
 * KryptoGO (another reviewer got there between our read and our call) is settled by reading again.
 */
export function acceptDdTask(
  deps: AppDeps,
  taskId: number,
  accepted: boolean,
  comment: string,
): Promise<KryptogoActionResult> {
  return callOnTask(deps, taskId, async (client, before) => {
    if (outcomeOrConflict(before, accepted) === 'already_applied') {
      return { outcome: 'already_applied', details: before };
    }
    try {
      await client.setAccepted(taskId, { accepted, comment });
    } catch (error) {
      if (!isKryptogoAlreadyAudited(error)) throw error;
      const now = await client.getDdDetails(taskId);
      outcomeOrConflict(now, accepted);
      return { outcome: 'already_applied', details: now };
    }
    return 'sent';
  });
}

/**
 * D5: set metadata entries on a DD task. D5 appends, so a blind retry would add each entry twice: only
 * the entries whose key does not already hold that value are sent.
 */
export function setDdMetadata(
  deps: AppDeps,
  taskId: number,
  entries: KryptogoMetadataRequest,
): Promise<KryptogoActionResult> {
  return callOnTask(deps, taskId, async (client, before) => {
    const current = currentMetadata(before);
    const missing = entries.filter((entry) => current.get(entry.key) !== entry.value);
    if (missing.length === 0) return { outcome: 'already_applied', details: before };
    await client.setMetadata(taskId, missing);
    return 'sent';
  });
}

/** C15: an object on details, an appended array on summaries (later entries win). */
function currentMetadata(details: KryptogoDdDetails): Map<string, unknown> {
  if (Array.isArray(details.metadata))
    return new Map(details.metadata.map((entry) => [entry.key, entry.value]));
  return new Map(Object.entries(details.metadata ?? {}));
}
