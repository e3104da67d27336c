import { z } from 'zod';
import { UserRef } from './actions';
import { CaseKind, Provider } from './case';
import { labelledEnum } from './labelled-enum';
import { keysetPage, keysetPageQuery } from './paging';

/** Share of the closed cases of one provider and kind that enter the QA queue, in whole percent. */
export const QaSamplingRule = z.object({
  provider: Provider,
  kind: CaseKind,
  ratePercent: z.number().int().min(0).max(100),
});
export type QaSamplingRule = z.infer<typeof QaSamplingRule>;

/**
 * What the sampler takes from the closed cases: a rate per provider and kind (a pair without a rule is not
 * sampled by rate), plus every reversal and every approval of a high or very high risk case when switched on.
 */
export const QaSamplingSettings = z.object({
  rules: z
    .array(QaSamplingRule)
    .max(50)
    .refine(
      (rules) => new Set(rules.map((r) => `${r.provider}|${r.kind}`)).size === rules.length,
      'Each provider and kind appears once.',
    ),
  everyReversal: z.boolean(),
  everyHighRiskApproval: z.boolean(),
});
export type QaSamplingSettings = z.infer<typeof QaSamplingSettings>;

/** Why a closed case was sampled (a case can have several reasons). */
export const { schema: QaSampleReason, labels: QA_SAMPLE_REASON_LABELS } = labelledEnum({
  rate: 'Sampling rate',
  reversal: 'Reversal',
  high_risk_approval: 'High-risk approval',
});
export type QaSampleReason = z.infer<typeof QaSampleReason>;

export const { schema: QaItemStatus, labels: QA_ITEM_STATUS_LABELS } = labelledEnum({
  open: 'To review',
  agreed: 'Agreed',
  disagreed: 'Disagreed',
});
export type QaItemStatus = z.infer<typeof QaItemStatus>;

export const QaOutcome = z.enum(['agree', 'disagree']);
export type QaOutcome = z.infer<typeof QaOutcome>;

/** The second-line reviewer's reason; each applies to one outcome only. */
export const QA_REASON_CODES = {
  decision_correct: { outcome: 'agree', label: 'Decision and reason are correct' },
  correct_with_remarks: { outcome: 'agree', label: 'Correct outcome, documentation could be better' },
  wrong_outcome: { outcome: 'disagree', label: 'The outcome is wrong' },
  insufficient_evidence: { outcome: 'disagree', label: 'Decided on insufficient evidence' },
  procedure_not_followed: { outcome: 'disagree', label: 'Procedure not followed' },
  wrong_reason_code: { outcome: 'disagree', label: 'Wrong reason recorded' },
} as const satisfies Record<string, { outcome: QaOutcome; label: string }>;

export const QaReasonCode = z.enum(
  Object.keys(QA_REASON_CODES) as [keyof typeof QA_REASON_CODES, ...(keyof typeof QA_REASON_CODES)[]],
);
export type QaReasonCode = z.infer<typeof QaReasonCode>;

/** Body of `POST /api/qa/items/:id/outcome`. The note stays out of the audit log (it may name people). */
export const QaOutcomeRequest = z
  .object({
    outcome: QaOutcome,
    reasonCode: QaReasonCode,
    note: z.string().trim().max(2000).optional(),
  })
  .refine((r) => QA_REASON_CODES[r.reasonCode].outcome === r.outcome, {
    message: 'This reason does not go with that outcome.',
    path: ['reasonCode'],
  })
  .refine((r) => r.outcome === 'agree' || (r.note ?? '').length > 0, {
    message: 'Say what is wrong: a disagreement needs a note.',
    path: ['note'],
  });
export type QaOutcomeRequest = z.infer<typeof QaOutcomeRequest>;

/** A sampled closure of a case. `decidedBy` null: the provider decided (or no decision of ours was found). */
export const QaItemView = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  provider: Provider,
  kind: CaseKind,
  caseStatus: z.enum(['approved', 'rejected']),
  reasons: z.array(QaSampleReason),
  decidedAt: z.iso.datetime(),
  decidedBy: UserRef.nullable(),
  sampledAt: z.iso.datetime(),
  status: QaItemStatus,
  reasonCode: QaReasonCode.nullable(),
  reviewer: UserRef.nullable(),
  reviewedAt: z.iso.datetime().nullable(),
  /** True when the disagreement flagged the case for a manager (a case already flagged keeps its flag). */
  followUpFlagged: z.boolean(),
  /** The signed-in user requested or approved an action on this case, so may not review it. */
  youTookPart: z.boolean(),
});
export type QaItemView = z.infer<typeof QaItemView>;

/** One item with the reviewer's note (only on the item itself, never in the list). */
export const QaItemDetail = QaItemView.extend({ note: z.string().nullable() });
export type QaItemDetail = z.infer<typeof QaItemDetail>;

export const QaListQuery = z.object({
  status: QaItemStatus.optional(),
  provider: Provider.optional(),
  kind: CaseKind.optional(),
  reason: QaSampleReason.optional(),
  /** Keyset: `before` selects items with an id lower than it (newest first). */
  ...keysetPageQuery(200, 50),
});
export type QaListQuery = z.infer<typeof QaListQuery>;
export type QaListQueryInput = z.input<typeof QaListQuery>;

export const QaListResponse = keysetPage(QaItemView);
export type QaListResponse = z.infer<typeof QaListResponse>;

/** What one sampler run did: closed cases looked at, items created, and how far it has read. */
export const QaSamplerRun = z.object({
  scanned: z.number().int(),
  sampled: z.number().int(),
  watermark: z.iso.datetime().nullable(),
});
export type QaSamplerRun = z.infer<typeof QaSamplerRun>;

/**
 * QA outcomes recorded in the dashboard's range, per person whose decision was reviewed (`userId` null:
 * decisions the provider made). `agreementRate` is agreed / reviewed.
 */
export const QaAgreementRow = z.object({
  userId: z.string().nullable(),
  name: z.string().nullable(),
  reviewed: z.number().int(),
  agreed: z.number().int(),
  disagreed: z.number().int(),
  agreementRate: z.number(),
});
export type QaAgreementRow = z.infer<typeof QaAgreementRow>;
