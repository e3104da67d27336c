import { DiditNodeToResubmit } from '@backoffice/providers/didit';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps';

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
]);
export type OutboxCall = z.infer<typeof OutboxCall>;

/** Tells the provider-side reader which back-office action wrote an entry. */
export const actionReference = (actionId: number) => `back-office action #${actionId}`;

/** Sends the call. The client has a deadline on every request and does not retry: the worker does. */
export async function sendCall(deps: AppDeps, call: OutboxCall): Promise<void> {
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
export async function findLandedEffect(deps: AppDeps, call: OutboxCall): Promise<string | null> {
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
