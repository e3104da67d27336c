import { z } from 'zod';
import { CaseSummary } from './case';
import { CheckedItems, DecisionChecklist } from './review-checklist';

/**
 * Decisions a reviewer can take on a case. Which ones a case offers depends on its provider and kind
 * (`CaseDetail.allowedActions`): Didit sessions take all but `provider_metadata`; KryptoGO DD tasks take
 * approve/decline (accept/reject with a comment) and `provider_metadata`; Ditto ID submissions and
 * KryptoGO IDV and KYA tasks (no decision endpoint at the provider) are approved or declined locally.
 * Every kind takes `escalate` (to a manager, status `escalated`) and, from there, a manager's
 * `return_to_queue` (back to `needs_review`); both are ours alone and never reach a provider.
 */
export const CaseActionType = z.enum([
  'approve',
  'decline',
  'request_resubmission',
  'blocklist',
  'provider_comment',
  'provider_metadata',
  'escalate',
  'return_to_queue',
  'list_entry_add',
  'list_entry_remove',
]);
export type CaseActionType = z.infer<typeof CaseActionType>;

/**
 * List changes are requested from the lists screen (`/api/lists/...`), never from the case page: they
 * are actions on the case of the entry's session so that they share the outbox, four-eyes and audit.
 */
export const LIST_ACTION_TYPES: readonly CaseActionType[] = ['list_entry_add', 'list_entry_remove'];

/**
 * Where an action is. awaiting_approval: four-eyes, a second person must approve; pending: queued in the
 * outbox; retrying: the provider failed transiently and it will be retried; applied: the provider took it;
 * failed: permanently refused (a manager can retry or abandon it); abandoned; rejected: the second person said no.
 */
export const CaseActionStatus = z.enum([
  'awaiting_approval',
  'pending',
  'retrying',
  'applied',
  'failed',
  'abandoned',
  'rejected',
]);
export type CaseActionStatus = z.infer<typeof CaseActionStatus>;

const Note = z.string().trim().max(2000);
const ReasonCodeRef = z.string().trim().min(1).max(64);

/** A metadata key, the same rule for our own case metadata and for provider metadata. */
export const MetadataKey = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.-]+$/, 'Letters, digits, dot, dash and underscore only.');
const MetadataValue = z.string().max(1000);

/** Entries appended to the provider's own metadata (KryptoGO D5); each key once per request. */
export const ProviderMetadataEntries = z
  .array(z.object({ key: MetadataKey, value: MetadataValue }))
  .min(1)
  .max(20)
  .refine(
    (entries) => new Set(entries.map((entry) => entry.key)).size === entries.length,
    'Each key may appear only once.',
  );

export const ResubmitNode = z.object({
  nodeId: z.string().min(1).max(100),
  feature: z.string().min(1).max(50),
});

/**
 * A decision on a case another analyst is working on must say so: `overrideAssignee: true` after the
 * reviewer confirmed, otherwise 409 case_claimed_by_other.
 */
const AssigneeOverride = { overrideAssignee: z.boolean().optional() };

/** The review checklist items the reviewer ticked before deciding (unknown keys are refused with 400). */
const ReviewTicks = { checkedItems: CheckedItems.optional() };

/** Why the reviewer decides: a reason code from the configured list, and an optional note. */
const DecisionReason = { reasonCode: ReasonCodeRef, note: Note.optional() };

/** Body of `POST /api/cases/:id/actions` (with `If-Match: <case version>` and an `Idempotency-Key`). */
export const CaseActionRequest = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('approve'),
    ...DecisionReason,
    ...AssigneeOverride,
    ...ReviewTicks,
  }),
  z.object({
    type: z.literal('decline'),
    ...DecisionReason,
    ...AssigneeOverride,
    ...ReviewTicks,
  }),
  z.object({
    type: z.literal('request_resubmission'),
    ...DecisionReason,
    nodes: z.array(ResubmitNode).min(1).max(20),
    ...AssigneeOverride,
    ...ReviewTicks,
  }),
  z
    .object({
      type: z.literal('blocklist'),
      ...DecisionReason,
      face: z.boolean(),
      document: z.boolean(),
      phone: z.boolean().optional(),
      email: z.boolean().optional(),
      ...AssigneeOverride,
      ...ReviewTicks,
    })
    .refine(
      (value) => value.face || value.document || value.phone === true || value.email === true,
      'Choose at least one of the face, the document, the phone number and the e-mail address.',
    ),
  z.object({ type: z.literal('provider_comment'), note: Note.min(1) }),
  z.object({ type: z.literal('provider_metadata'), entries: ProviderMetadataEntries }),
  z.object({
    type: z.literal('escalate'),
    ...DecisionReason,
    ...ReviewTicks,
  }),
  z.object({ type: z.literal('return_to_queue'), note: Note.optional() }),
]);
export type CaseActionRequest = z.infer<typeof CaseActionRequest>;

export const UserRef = z.object({ id: z.string(), name: z.string() });
export type UserRef = z.infer<typeof UserRef>;

/** What is decided on an action: approve/reject a four-eyes request, retry or abandon a failed one. */
export const ActionDecision = z.enum(['approve', 'reject', 'retry', 'abandon']);
export type ActionDecision = z.infer<typeof ActionDecision>;

/** A note given with a decision on an action (second person, or a manager's retry or abandonment). */
export const ActionDecisionNote = z.object({
  decision: ActionDecision,
  note: z.string(),
  by: UserRef,
  at: z.iso.datetime(),
});
export type ActionDecisionNote = z.infer<typeof ActionDecisionNote>;

export const CaseActionView = z.object({
  id: z.number().int(),
  /** Null for a change to a Didit list that no case of ours carries (an entry added or found by value). */
  caseId: z.number().int().nullable(),
  type: CaseActionType,
  status: CaseActionStatus,
  reasonCode: z.string().nullable(),
  reasonLabel: z.string().nullable(),
  note: z.string().nullable(),
  /** Type-specific parameters, e.g. resubmitted nodes or blocklisted items. */
  params: z.record(z.string(), z.unknown()),
  requestedBy: UserRef,
  requestedAt: z.iso.datetime(),
  approvedBy: UserRef.nullable(),
  approvedAt: z.iso.datetime().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** Notes of the decisions taken on this action, oldest first (kept out of the audit log: free text). */
  decisionNotes: z.array(ActionDecisionNote).optional(),
  /** The review checklist as it stood when this action was requested, with the reviewer's ticks. */
  checklist: DecisionChecklist.nullable().optional(),
});
export type CaseActionView = z.infer<typeof CaseActionView>;

/** 202 answer of `POST /api/cases/:id/actions`: the action as recorded and the case after it. */
export const ActionAccepted = z.object({ action: CaseActionView, case: CaseSummary });
export type ActionAccepted = z.infer<typeof ActionAccepted>;

/** Manager decisions on an action: approve/reject a four-eyes request, retry or abandon a failed one. */
export const ActionDecisionRequest = z.object({
  decision: ActionDecision,
  note: Note.optional(),
});
export type ActionDecisionRequest = z.infer<typeof ActionDecisionRequest>;

export const ReasonCode = z.object({
  code: z.string(),
  label: z.string(),
  appliesTo: z.array(CaseActionType),
  active: z.boolean(),
});
export type ReasonCode = z.infer<typeof ReasonCode>;

/** Body of `PUT /api/reason-codes/:code`: creates the reason or changes it (codes are never deleted, only retired). */
export const SaveReasonCodeRequest = z.object({
  label: z.string().trim().min(1).max(120),
  appliesTo: z.array(CaseActionType).min(1),
  active: z.boolean(),
});
export type SaveReasonCodeRequest = z.infer<typeof SaveReasonCodeRequest>;

/** Reason codes are stable identifiers that end up in audit rows and exports. */
export const ReasonCodeKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,63}$/, 'Lower-case letters, digits and underscores, starting with a letter.');

export const CaseComment = z.object({
  id: z.number().int(),
  author: UserRef,
  body: z.string(),
  createdAt: z.iso.datetime(),
});
export type CaseComment = z.infer<typeof CaseComment>;

export const CreateCommentRequest = z.object({ body: z.string().trim().min(1).max(4000) });

export const MetadataEntry = z.object({
  key: z.string(),
  value: z.string(),
  updatedBy: UserRef,
  updatedAt: z.iso.datetime(),
});
export type MetadataEntry = z.infer<typeof MetadataEntry>;

/** Sets or (with value null) removes keys. */
export const SetMetadataRequest = z.object({
  entries: z
    .array(
      z.object({
        key: MetadataKey,
        value: MetadataValue.nullable(),
      }),
    )
    .min(1)
    .max(50),
});
export type SetMetadataRequest = z.infer<typeof SetMetadataRequest>;

export const AssignRequest = z.object({ assigneeId: z.string().nullable() });

/** Which actions need a second person (four-eyes). Reversing a decision is its own switch. */
export const FourEyesSettings = z.object({
  actions: z.array(CaseActionType),
  reversals: z.boolean(),
  /** Decisions on cases at or above this risk score also need a second person; null = off. */
  riskScoreAtLeast: z.number().int().min(0).max(100).nullable(),
});
export type FourEyesSettings = z.infer<typeof FourEyesSettings>;

export const DEFAULT_FOUR_EYES: FourEyesSettings = {
  actions: ['blocklist'],
  reversals: true,
  riskScoreAtLeast: null,
};
