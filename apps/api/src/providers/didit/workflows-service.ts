import {
  type AuditAction,
  type UpdateWorkflowSettingsRequest,
  WHAT_IF_DEFAULT_DAYS,
  type WorkflowSettings,
} from '@backoffice/contracts';
import { writeTransaction } from '@backoffice/db';
import type { DiditWorkflow } from '@backoffice/providers/didit';
import { ProviderError } from '@backoffice/providers/http';
import { actorAuditContext, emitAudit, type RequestActor } from '../../modules/audit/emit';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { diditUnavailable } from './live-failure';
import { flattenSettings, requestedFields, toWorkflowSettings, workflowUpdateFor } from './settings';
import { assertThresholdOrder } from './threshold-order';
import { diditSaveSummary, proposedThresholds, thresholdsOf } from './workflows-whatif';

/**
 * Turns a Didit failure into an answer the admin can act on. Didit refusing the values is a 400 with its
 * message; an unknown workflow is a 404; anything that says "Didit is not answering properly" is a 502
 * (bad answer, including our own credentials being refused) or 503 (no answer, circuit open, rate limit).
 */
function providerFailure(error: unknown, workflowId: string): unknown {
  if (!(error instanceof ProviderError)) return error;
  const detail = error.detail ? ` Didit said: ${error.detail}` : '';
  if (error.kind === 'client' && error.status === 404) {
    return new AppError(404, 'not_found', `Didit has no workflow ${workflowId}.`);
  }
  if (error.kind === 'client' && (error.status === 400 || error.status === 422)) {
    return new AppError(400, 'provider_rejected', `Didit refused these settings.${detail}`);
  }
  return diditUnavailable(error, {
    unreachable: `Didit is not reachable right now (${error.kind}); nothing was changed, try again shortly.`,
    answeredBadly: `Didit answered with an error (${error.status ?? error.kind}); the change was not confirmed.${detail}`,
  });
}

async function callDidit<T>(workflowId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw providerFailure(error, workflowId);
  }
}

/** One workflow as Didit holds it now, with Didit's failures turned into answers the admin can act on. */
export async function readWorkflowSettings(deps: AppDeps, workflowId: string): Promise<WorkflowSettings> {
  return toWorkflowSettings(await callDidit(workflowId, () => deps.didit.client.getWorkflow(workflowId)));
}

export async function listWorkflowSettings(deps: AppDeps): Promise<WorkflowSettings[]> {
  const workflows = await callDidit('(list)', () => deps.didit.client.listWorkflows());
  return workflows.map(toWorkflowSettings);
}

/**
 * Changes a Didit workflow's thresholds and feature switches. Audited twice: the intent before the call,
 * the outcome after it (applied with the values Didit confirms, refused with Didit's message, or unknown).
 *
 * This is a synchronous admin call and deliberately not an outbox action: nothing local changes before
 * Didit confirms (the workflow lives only at Didit), the admin is waiting for the answer, and the PATCH
 * carries absolute values, so retrying it by hand is safe. The applied row is written after the re-read,
 * in its own transaction, and records what Didit actually holds, not what was asked.
 */
export async function updateWorkflowSettings(
  deps: AppDeps,
  actor: RequestActor,
  workflowId: string,
  change: UpdateWorkflowSettingsRequest,
  whatIfDays: number = WHAT_IF_DEFAULT_DAYS,
): Promise<WorkflowSettings> {
  const current = await callDidit(workflowId, () => deps.didit.client.getWorkflow(workflowId));
  const before = toWorkflowSettings(current);
  assertThresholdOrder(proposedThresholds(thresholdsOf(before), change), change);
  // Nothing to send, nothing to audit: Didit already holds every asked value.
  if (holdsRequested(before, change)) return before;
  const fields = requestedFields(change);
  const beforeValues = flattenSettings(before);
  const audit = (action: AuditAction, entry: { before?: object; after: object; reason?: string | null }) =>
    writeTransaction(deps.db, (tx) =>
      emitAudit(tx, actorAuditContext(actor), {
        action,
        provider: 'didit',
        externalId: workflowId,
        before: entry.before ? { workflowId, ...entry.before } : null,
        after: { workflowId, ...entry.after },
        reason: entry.reason ?? null,
        at: deps.now(),
      }),
    );

  // The intent is on record before Didit is called, so a change that lands while its answer is lost (or
  // while this process dies) is never missing from the trail.
  const intent = audit('workflow.thresholds_change_requested', {
    before: pick(beforeValues, fields),
    after: pick(flattenSettings(wantedSettings(before, change)), fields),
  });

  const result = await sendAndReRead(deps, workflowId, current, change);
  if (result.outcome !== 'applied') {
    audit(
      result.outcome === 'refused'
        ? 'workflow.thresholds_change_refused'
        : 'workflow.thresholds_change_unknown',
      {
        after: { intentId: intent.id, outcome: result.outcome },
        // Our own error messages quote Didit's short answer, never a body; anything else stays in the log.
        reason: result.error instanceof AppError ? result.error.message : 'internal error',
      },
    );
    throw result.error;
  }
  const after = toWorkflowSettings(result.workflow);
  deps.didit.forgetThresholds(workflowId);
  const afterValues = flattenSettings(after);
  const changed = Object.keys(afterValues).filter(
    (field) => fields.includes(field) || afterValues[field] !== beforeValues[field],
  );
  // The counts the admin's what-if showed, replayed again with the values Didit now holds.
  const whatIf = changesThresholds(change)
    ? { whatIf: diditSaveSummary(deps, before, after, whatIfDays) }
    : {};
  audit('workflow.thresholds_changed', {
    before: pick(beforeValues, changed),
    after: { intentId: intent.id, outcome: 'applied', ...pick(afterValues, changed), ...whatIf },
    reason: result.note,
  });
  return after;
}

type SendResult =
  | { outcome: 'applied'; workflow: DiditWorkflow; note: string | null }
  /** `refused`: Didit answered with an error and does not hold the values; `unknown`: no answer to go by. */
  | { outcome: 'refused' | 'unknown'; error: unknown };

/**
 * Sends the PATCH and reads the workflow back. When the PATCH fails in a way that may still have applied
 * it (timeout, dropped connection, 5xx), the workflow is re-read: if Didit now holds the asked values the
 * change happened and is reported (and audited) as such; otherwise the failure is returned to the admin,
 * as a refusal when Didit answered with an error, as unknown when it did not answer or could not be re-read.
 */
async function sendAndReRead(
  deps: AppDeps,
  workflowId: string,
  current: DiditWorkflow,
  change: UpdateWorkflowSettingsRequest,
): Promise<SendResult> {
  const client = deps.didit.client;
  let patched: DiditWorkflow;
  try {
    patched = await client.updateWorkflow(workflowId, workflowUpdateFor(current, change));
  } catch (error) {
    if (!(error instanceof ProviderError)) return { outcome: 'unknown', error };
    if (!error.retryable) return { outcome: 'refused', error: providerFailure(error, workflowId) };
    const reRead = await client.getWorkflow(workflowId).catch(() => null);
    if (reRead && holdsRequested(toWorkflowSettings(reRead), change)) {
      return {
        outcome: 'applied',
        workflow: reRead,
        note: `Didit failed to answer (${error.kind}) but holds the new values.`,
      };
    }
    deps.logger.warn({ workflowId, kind: error.kind, status: error.status }, 'Didit workflow update failed');
    // An error answer with the old values still in place is a refusal; a timeout or dropped connection
    // may still land after the re-read, and a failed re-read tells nothing.
    const answered = error.status !== undefined && error.kind !== 'timeout' && error.kind !== 'network';
    return {
      outcome: reRead && answered ? 'refused' : 'unknown',
      error: providerFailure(error, workflowId),
    };
  }
  try {
    return { outcome: 'applied', workflow: await client.getWorkflow(workflowId), note: null };
  } catch (error) {
    // The PATCH was accepted; its own answer is the best record of the new state.
    deps.logger.warn({ workflowId, err: error }, 'Didit workflow re-read failed after an accepted update');
    return {
      outcome: 'applied',
      workflow: patched,
      note: 'Recorded from the update answer; the re-read failed.',
    };
  }
}

/** The settings as they would be with the change applied. */
function wantedSettings(settings: WorkflowSettings, change: UpdateWorkflowSettingsRequest): WorkflowSettings {
  return {
    ...settings,
    ...withoutFeatures(change),
    features: { ...settings.features, ...change.features },
  };
}

function holdsRequested(settings: WorkflowSettings, change: UpdateWorkflowSettingsRequest): boolean {
  const values = flattenSettings(settings);
  const wanted = flattenSettings(wantedSettings(settings, change));
  return requestedFields(change).every((field) => values[field] === wanted[field]);
}

const changesThresholds = (change: UpdateWorkflowSettingsRequest) =>
  change.faceMatchDecline !== undefined ||
  change.faceMatchReview !== undefined ||
  change.livenessDecline !== undefined ||
  change.amlDecline !== undefined ||
  change.amlReview !== undefined;

function withoutFeatures(change: UpdateWorkflowSettingsRequest) {
  const { features: _features, ...values } = change;
  return values;
}

function pick<T>(values: Record<string, T>, keys: string[]): Record<string, T> {
  return Object.fromEntries(keys.map((key) => [key, values[key] as T]));
}
