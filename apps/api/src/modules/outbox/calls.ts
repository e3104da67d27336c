import { DiditNodeToResubmit } from '@backoffice/providers/didit';
import type { KryptogoDdDetails } from '@backoffice/providers/kryptogo';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps';
import { acceptDdTask, setDdMetadata } from '../../providers/kryptogo/actions';

/**
 * A provider call waiting in the outbox, stored as JSON and parsed again when the worker reads it.
 * `reference` goes into the comment sent to the provider so a re-read can recognise our own call.
 */
export const OutboxCall = z.discriminatedUnion('operation', [
  z.object({
    operation: z.literal('didit.update_status'),
    sessionId: z.string().min(1),
    reference: z.string(),
    /** The session status the reviewer acted on: the case is only moved forward from there. */
    fromStatus: z.string(),
    newStatus: z.enum(['Approved', 'Declined', 'Resubmitted']),
    comment: z.string(),
    nodesToResubmit: z.array(DiditNodeToResubmit).optional(),
  }),
  z.object({
    operation: z.literal('didit.blocklist_add'),
    sessionId: z.string().min(1),
    reference: z.string(),
    face: z.boolean(),
    document: z.boolean(),
  }),
  z.object({
    operation: z.literal('didit.create_review'),
    sessionId: z.string().min(1),
    reference: z.string(),
    comment: z.string(),
  }),
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
export type OutboxCall = z.infer<typeof OutboxCall>;

type DiditCall = Extract<OutboxCall, { operation: `didit.${string}` }>;
type KryptogoCall = Extract<OutboxCall, { operation: `kryptogo.${string}` }>;

const isKryptogoCall = (call: OutboxCall): call is KryptogoCall => call.operation.startsWith('kryptogo.');

/** The provider a call goes to, stored on the outbox row for operators. */
export const providerOfCall = (call: OutboxCall): 'didit' | 'kryptogo' =>
  isKryptogoCall(call) ? 'kryptogo' : 'didit';

/** How a call ended when it did not throw. */
export interface DeliveredCall {
  /** `reconciled`: a re-read showed an earlier attempt had landed, so nothing was sent again. */
  via: 'call' | 'reconciled';
  detail: string | null;
  /** KryptoGO DD task as re-read after the call, to be recorded on the case in transaction 2. */
  kryptogoTask: KryptogoDdDetails | null;
}

/**
 * Delivers one call exactly once. Didit: when an earlier attempt may have landed with its answer lost,
 * re-read first and send only if the effect is missing. KryptoGO: `acceptDdTask`/`setDdMetadata` always
 * read the task first (a read is cheap and D4/D5 are not idempotent), so every attempt reconciles.
 * Throws `ProviderError` (retryable or not) or `KryptogoDecisionConflict` (permanent).
 */
export async function deliverCall(
  deps: AppDeps,
  call: OutboxCall,
  mayHaveLanded: boolean,
): Promise<DeliveredCall> {
  if (isKryptogoCall(call)) {
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
          kryptogoTask: result.details,
        }
      : { via: 'call', detail: null, kryptogoTask: result.details };
  }
  if (mayHaveLanded) {
    const landed = await findLandedEffect(deps, call);
    if (landed) return { via: 'reconciled', detail: landed, kryptogoTask: null };
  }
  await sendCall(deps, call);
  return { via: 'call', detail: null, kryptogoTask: null };
}

/** Tells the provider-side reader which back-office action wrote an entry. */
export const actionReference = (actionId: number) => `back-office action #${actionId}`;

/** Sends the call. The client has a deadline on every request and does not retry: the worker does. */
async function sendCall(deps: AppDeps, call: DiditCall): Promise<void> {
  const client = deps.didit.client;
  switch (call.operation) {
    case 'didit.update_status':
      await client.updateStatus(call.sessionId, {
        new_status: call.newStatus,
        comment: call.comment,
        ...(call.nodesToResubmit ? { nodes_to_resubmit: call.nodesToResubmit } : {}),
      });
      return;
    case 'didit.blocklist_add':
      await client.blocklistAdd({
        session_id: call.sessionId,
        blocklist_face: call.face,
        blocklist_document: call.document,
      });
      return;
    case 'didit.create_review':
      await client.createReview(call.sessionId, { comment: call.comment });
      return;
  }
}

/**
 * Re-reads the provider to learn whether an earlier attempt landed although its answer was lost
 * (timeout, dropped connection). Returns what the provider shows, or null when the effect is not there.
 */
async function findLandedEffect(deps: AppDeps, call: DiditCall): Promise<string | null> {
  const client = deps.didit.client;
  switch (call.operation) {
    case 'didit.update_status': {
      const decision = await client.getDecision(call.sessionId);
      return decision.status === call.newStatus ? `the session is already ${call.newStatus}` : null;
    }
    case 'didit.blocklist_add': {
      const entries = await client.blocklistList();
      const blocked = new Set(
        entries.filter((entry) => entry.session_id === call.sessionId).map((entry) => entry.item_type),
      );
      const landed = (!call.face || blocked.has('face')) && (!call.document || blocked.has('document'));
      return landed ? 'the blocklist already holds the items of this session' : null;
    }
    case 'didit.create_review': {
      const reviews = await client.listReviews(call.sessionId);
      const landed = reviews.some((review) => review.note?.includes(call.reference));
      return landed ? 'the review trail already holds this comment' : null;
    }
  }
}
