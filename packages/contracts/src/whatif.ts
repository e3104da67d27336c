import { z } from 'zod';
import { diditThresholdFields } from './thresholds';

/** Longest look-back a what-if replays: the window bounds the scan (docs/architecture.md, "Threshold what-if"). */
export const WHAT_IF_MAX_DAYS = 90;
export const WHAT_IF_DEFAULT_DAYS = 30;
export const WHAT_IF_PAGE_SIZE = 50;

const Days = z.coerce.number().int().min(1).max(WHAT_IF_MAX_DAYS).default(WHAT_IF_DEFAULT_DAYS);
/** A query-string score: absent (or empty) means "keep the value in force"; a non-number is refused. */
const queryScore = (score: z.ZodNumber) =>
  z.preprocess(
    (value) => (value === '' || value === undefined ? undefined : Number(value)),
    score.optional(),
  );
const QueryScore = queryScore(z.number().min(0).max(100));
const DiditQueryScore = queryScore(z.number().int().min(0).max(100));

/**
 * A replayed outcome. Didit: what its score checks alone decide (`approve`, `review`, `decline`).
 * Ditto: every submission is reviewed; a biometric score below its minimum `flagged` it, else `clear`.
 */
export const WhatIfOutcome = z.enum(['approve', 'review', 'decline', 'clear', 'flagged']);
export type WhatIfOutcome = z.infer<typeof WhatIfOutcome>;

export const WhatIfTransition = z.object({ from: WhatIfOutcome, to: WhatIfOutcome, count: z.number().int() });
export type WhatIfTransition = z.infer<typeof WhatIfTransition>;

/** The counts of a what-if, as shown and as recorded in the audit row of the save (no case ids). */
export const WhatIfSummary = z.object({
  days: z.number().int(),
  replayed: z.number().int(),
  /** Cases of the window without any stored score (not finished, or the checks did not run). */
  unscored: z.number().int(),
  changed: z.number().int(),
  /** Didit: cases that would land in review minus those that would leave it. Ditto: flagged minus cleared. */
  reviewDelta: z.number().int(),
  transitions: z.array(WhatIfTransition),
});
export type WhatIfSummary = z.infer<typeof WhatIfSummary>;

/** One case the proposal flips; the subject is masked like every list. */
export const WhatIfFlip = z.object({
  caseId: z.number().int(),
  externalId: z.string(),
  subjectMasked: z.string().nullable(),
  createdAt: z.string(),
  from: WhatIfOutcome,
  to: WhatIfOutcome,
  scores: z.object({
    faceMatch: z.number().nullable(),
    liveness: z.number().nullable(),
    aml: z.number().nullable(),
  }),
});
export type WhatIfFlip = z.infer<typeof WhatIfFlip>;

export const WhatIfResult = z.object({
  summary: WhatIfSummary,
  from: z.string(),
  to: z.string(),
  flips: z.array(WhatIfFlip),
  /** Cursor to pass as `after` for the next page of flips; null on the last page. */
  nextAfter: z.string().nullable(),
  /** What the replay cannot know, said on screen next to the numbers. */
  limits: z.array(z.string()),
});
export type WhatIfResult = z.infer<typeof WhatIfResult>;

const Paging = {
  days: Days,
  /** `createdAt.caseId` of the last flip shown: the keyset of the flip table. */
  after: z
    .string()
    .regex(/^\d{1,15}\.\d{1,15}$/, 'A cursor from nextAfter.')
    .optional(),
};

export const DiditWhatIfQuery = z.object({
  ...Paging,
  ...diditThresholdFields(DiditQueryScore),
});
export type DiditWhatIfQuery = z.infer<typeof DiditWhatIfQuery>;

/** Ditto's minimum scores: admin settings of this server, seeded once from the environment. */
export const DittoScoreSettings = z.object({
  faceMatchMinPercent: z.number().min(0).max(100),
  livenessMinScore: z.number().min(0).max(100),
});
export type DittoScoreSettings = z.infer<typeof DittoScoreSettings>;

export const UpdateDittoScoreSettingsRequest = DittoScoreSettings.partial().refine(
  (v) => v.faceMatchMinPercent !== undefined || v.livenessMinScore !== undefined,
  { message: 'Give at least one minimum score.' },
);
export type UpdateDittoScoreSettingsRequest = z.infer<typeof UpdateDittoScoreSettingsRequest>;

export const DittoWhatIfQuery = z.object({
  ...Paging,
  faceMatchMinPercent: QueryScore,
  livenessMinScore: QueryScore,
});
export type DittoWhatIfQuery = z.infer<typeof DittoWhatIfQuery>;

/** `whatIfDays` on a save: the window whose what-if summary the audit row records. */
export const WhatIfSaveQuery = z.object({ whatIfDays: Days });
export type WhatIfSaveQuery = z.infer<typeof WhatIfSaveQuery>;
