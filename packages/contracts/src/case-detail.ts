import { z } from 'zod';
import { CaseActionType, CaseActionView, CaseComment, MetadataEntry, UserRef } from './actions';
import { AuditEntry } from './audit';
import { CaseSummary } from './case';
import { DiditSessionView } from './didit';
import { DittoSubmissionView } from './ditto';
import { KryptogoDdView, KryptogoIdvView, KryptogoKyaView } from './kryptogo';
import { ReviewItem } from './review-checklist';

/** One entry of a case's own trail (drawn from the audit log). */
export const CaseHistoryEntry = AuditEntry.pick({
  id: true,
  at: true,
  actorType: true,
  actorId: true,
  actorName: true,
  action: true,
  reason: true,
}).extend({ fromStatus: z.string().nullable(), toStatus: z.string().nullable() });
export type CaseHistoryEntry = z.infer<typeof CaseHistoryEntry>;

/** Provider-specific view; a discriminated union so each case kind renders its own panel. */
export const CaseView = z.discriminatedUnion('type', [
  DiditSessionView,
  KryptogoDdView,
  KryptogoKyaView,
  KryptogoIdvView,
  DittoSubmissionView,
]);
export type CaseView = z.infer<typeof CaseView>;

export const CaseDetail = CaseSummary.extend({
  documentNumber: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  view: CaseView.nullable(),
  history: z.array(CaseHistoryEntry),
  /** Reviewer actions on this case, newest first, with where each one is (pending, applied, failed…). */
  actions: z.array(CaseActionView),
  /** Actions the provider's transition table allows from the current state (the server refuses others). */
  allowedActions: z.array(CaseActionType),
  comments: z.array(CaseComment),
  metadata: z.array(MetadataEntry),
  assignee: UserRef.nullable(),
  /** Why this case needs a human: the review checklist its provider's adapter computes from the view. */
  reviewItems: z.array(ReviewItem),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

/** Data of a `case.changed` Server-Sent Event on `GET /api/events`. */
export const CaseChangedEvent = z.object({
  id: z.number().int(),
  status: z.string(),
  version: z.number().int(),
});
export type CaseChangedEvent = z.infer<typeof CaseChangedEvent>;
