import type { CaseRow } from '@backoffice/db';
import { DiditNodeToResubmit, diditStatusToCaseStatus } from '@backoffice/providers/didit';
import { z } from 'zod';
import { writeCase } from '../../modules/cases/writes';
import type { AppDeps } from '../../platform/deps';
import type { ActionRow, CallWording, DeliveredCall, ProviderOutbox } from '../types';
import {
  caselessListCall,
  DiditListCalls,
  deliverListCall,
  isDiditListCall,
  type SessionEntryType,
} from './lists-outbox';
import { DIDIT_TARGET_STATUS } from './policy';

/**
 * A Didit call waiting in the outbox, stored as JSON and parsed again when the worker reads it.
 * `reference` goes into the comment sent to Didit so a re-read can recognise our own call.
 */
export const DiditCall = z.discriminatedUnion('operation', [
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
  ...DiditListCalls,
]);
export type DiditCall = z.infer<typeof DiditCall>;
/** The calls on one session through the older endpoints (update-status, blocklist, reviews). */
type SessionCall = Exclude<
  DiditCall,
  { operation: 'didit.list_entries_add' | 'didit.list_entry_remove' | 'didit.list_value_add' }
>;

const DECIDED_CASE_STATUSES = new Set(['approved', 'rejected']);

/** What the worker will send, built from the stored action and the session as it is when the call is queued. */
function diditCallFor(target: CaseRow, action: ActionRow, { reference, comment }: CallWording): DiditCall {
  const params = JSON.parse(action.params) as Record<string, unknown>;
  switch (action.type) {
    case 'approve':
    case 'decline':
    case 'request_resubmission': {
      const nodes = (params.nodes as { nodeId: string; feature: string }[] | undefined)?.map((node) => ({
        node_id: node.nodeId,
        feature: node.feature,
      }));
      return {
        operation: 'didit.update_status',
        sessionId: target.externalId,
        reference,
        fromStatus: target.providerStatus,
        newStatus: DIDIT_TARGET_STATUS[action.type],
        comment,
        ...(nodes ? { nodesToResubmit: nodes } : {}),
      };
    }
    case 'blocklist': {
      // Through the Lists API into Didit's system blocklists; rows queued earlier as
      // `didit.blocklist_add` still deliver through the older endpoint.
      const contact = Array.isArray(params.contactItems) ? params.contactItems : [];
      const types = [
        ...(params.face === true ? (['face'] as const) : []),
        ...(params.document === true ? (['document'] as const) : []),
        ...(contact.includes('phone') ? (['phone'] as const) : []),
        ...(contact.includes('email') ? (['email'] as const) : []),
      ];
      return {
        operation: 'didit.list_entries_add',
        sessionId: target.externalId,
        reference,
        comment,
        targets: types.map((entryType) => ({ listUuid: null, entryType })),
      };
    }
    case 'list_entry_add':
      return {
        operation: 'didit.list_entries_add',
        sessionId: target.externalId,
        reference,
        comment,
        targets: [{ listUuid: String(params.listUuid), entryType: params.entryType as SessionEntryType }],
      };
    case 'list_entry_remove':
      return {
        operation: 'didit.list_entry_remove',
        reference,
        listUuid: String(params.listUuid),
        entryUuid: String(params.entryUuid),
      };
    default:
      return { operation: 'didit.create_review', sessionId: target.externalId, reference, comment };
  }
}

/** Sends the call. The client has a deadline on every request and does not retry: the worker does. */
async function sendCall(deps: AppDeps, call: SessionCall): Promise<void> {
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
 * Re-reads Didit to learn whether an earlier attempt landed although its answer was lost (timeout,
 * dropped connection). Returns what Didit shows, or null when the effect is not there.
 */
async function findLandedEffect(deps: AppDeps, call: SessionCall): Promise<string | null> {
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

/**
 * When an earlier attempt may have landed with its answer lost, re-read first and send only if the
 * effect is missing (exactly once).
 */
async function deliver(deps: AppDeps, call: DiditCall, mayHaveLanded: boolean): Promise<DeliveredCall> {
  if (isDiditListCall(call)) {
    const landed = await deliverListCall(deps.didit.client, call, mayHaveLanded);
    return landed
      ? { via: 'reconciled', detail: landed, state: null }
      : { via: 'call', detail: null, state: null };
  }
  if (mayHaveLanded) {
    const landed = await findLandedEffect(deps, call);
    if (landed) return { via: 'reconciled', detail: landed, state: null };
  }
  await sendCall(deps, call);
  return { via: 'call', detail: null, state: null };
}

export const diditOutbox: ProviderOutbox<DiditCall> = {
  calls: DiditCall,
  callFor: diditCallFor,
  callWithoutCase: caselessListCall,
  deliver,
  record(tx, _deps, { target, call, applied, now, audit }) {
    // Move the case only from the state the reviewer acted on: a webhook that already brought this
    // status, or a newer one, is never overwritten (a case never moves backwards).
    if (
      !applied ||
      !audit ||
      call?.operation !== 'didit.update_status' ||
      target.providerStatus !== call.fromStatus
    ) {
      return null;
    }
    const status = diditStatusToCaseStatus(call.newStatus);
    const row = writeCase(
      tx,
      target,
      {
        providerStatus: call.newStatus,
        status,
        decidedAt: DECIDED_CASE_STATUSES.has(status) ? now : null,
        updatedAt: now,
        version: target.version + 1,
      },
      audit,
    );
    return { row, audited: true };
  },
};
