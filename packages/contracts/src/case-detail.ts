import { z } from 'zod';
import { CaseSummary } from './case';
import { DiditSessionView } from './didit';

/** One entry of a case's own trail (drawn from the audit log). */
export const CaseHistoryEntry = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actorType: z.enum(['user', 'provider', 'system']),
  actorId: z.string().nullable(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
});
export type CaseHistoryEntry = z.infer<typeof CaseHistoryEntry>;

/** Provider-specific view; a discriminated union so each case kind renders its own panel. */
export const CaseView = z.discriminatedUnion('type', [DiditSessionView]);
export type CaseView = z.infer<typeof CaseView>;

export const CaseDetail = CaseSummary.extend({
  documentNumber: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  view: CaseView.nullable(),
  history: z.array(CaseHistoryEntry),
});
export type CaseDetail = z.infer<typeof CaseDetail>;
