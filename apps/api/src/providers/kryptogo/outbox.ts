import type { CaseRow } from '@backoffice/db';
import type { KryptogoDdDetails } from '@backoffice/providers/kryptogo';
import { z } from 'zod';
import { findCase } from '../../modules/outbox/repo';
import { AppError } from '../../platform/errors';
import type { ActionRow, CallWording, DeliveredCall, ProviderOutbox } from '../types';
import { acceptDdTask, KryptogoDecisionConflict, setDdMetadata } from './actions';
import { ingestKryptogoState } from './ingest';

/** A KryptoGO call waiting in the outbox (DD tasks only: D4 accept/reject, D5 metadata). */
export const KryptogoCall = z.discriminatedUnion('operation', [
  z.object({
    operation: z.literal('kryptogo.dd_accepted'),
    taskId: z.number().int().positive(),
    reference: z.string(),
    accepted: z.boolean(),
    comment: z.string(),
  }),
  z.object({
    operation: z.literal('kryptogo.dd_metadata'),
    taskId: z.number().int().positive(),
    reference: z.string(),
    entries: z.array(z.object({ key: z.string(), value: z.string() })).min(1),
  }),
]);
export type KryptogoCall = z.infer<typeof KryptogoCall>;

/** KryptoGO DD cases carry the plain task id as their external id (see `kryptogoExternalId`). */
function kryptogoTaskIdOf(target: CaseRow): number {
  const taskId = Number(target.externalId);
  if (!Number.isSafeInteger(taskId) || taskId <= 0) {
    throw new AppError(
      500,
      'internal_error',
      `Case ${target.id} does not hold a KryptoGO task id; nothing was queued.`,
    );
  }
  return taskId;
}

function kryptogoCallFor(
  target: CaseRow,
  action: ActionRow,
  { reference, comment }: CallWording,
): KryptogoCall {
  const taskId = kryptogoTaskIdOf(target);
  if (action.type === 'provider_metadata') {
    const params = JSON.parse(action.params) as Record<string, unknown>;
    return {
      operation: 'kryptogo.dd_metadata',
      taskId,
      reference,
      entries: params.entries as { key: string; value: string }[],
    };
  }
  // The policy lets only approve and decline through on a DD task.
  return {
    operation: 'kryptogo.dd_accepted',
    taskId,
    reference,
    accepted: action.type === 'approve',
    comment,
  };
}

/**
 * `acceptDdTask`/`setDdMetadata` always read the task first (a read is cheap and D4/D5 are not
 * idempotent), so every attempt reconciles. Throws `ProviderError` or `KryptogoDecisionConflict`.
 */
async function deliver(
  deps: Parameters<ProviderOutbox['deliver']>[0],
  call: KryptogoCall,
): Promise<DeliveredCall> {
  const result =
    call.operation === 'kryptogo.dd_accepted'
      ? await acceptDdTask(deps, call.taskId, call.accepted, call.comment)
      : await setDdMetadata(deps, call.taskId, call.entries);
  return result.outcome === 'already_applied'
    ? {
        via: 'reconciled',
        detail:
          call.operation === 'kryptogo.dd_accepted'
            ? `the task is already ${call.accepted ? 'accepted' : 'rejected'}`
            : 'the task already holds these metadata entries',
        state: result.details,
      }
    : { via: 'call', detail: null, state: result.details };
}

export const kryptogoOutbox: ProviderOutbox<KryptogoCall> = {
  calls: KryptogoCall,
  callFor: kryptogoCallFor,
  deliver,
  stateOfFailure: (error) => (error instanceof KryptogoDecisionConflict ? error.details : null),
  record(tx, deps, { target, state, actionId }) {
    if (!state) return null;
    // The task as re-read by this attempt goes onto the case in this same transaction (nested as a
    // savepoint), so the action's outcome and the case state it produced commit together. The ingestion
    // never moves a case backwards and writes its own audit row when the case changes.
    ingestKryptogoState(
      deps,
      { kind: 'dd_task', details: state as KryptogoDdDetails },
      { kind: 'reconcile', requestId: `outbox-action-${actionId}` },
    );
    return { row: findCase(tx, target.id) ?? target, audited: false };
  },
};
