import { z } from 'zod';

/** Image keys a Ditto case page may request through `GET /api/cases/:id/media/:key`. */
export const DittoMediaKey = z.enum(['front_page', 'portrait_image', 'selfie']);
export type DittoMediaKey = z.infer<typeof DittoMediaKey>;

/** One source's reading of a field: MRZ, visual zone, barcode, chip… */
export const DittoFieldSource = z.object({
  /** Ditto's source letter as sent ("M", "V", …); unknown letters are kept. */
  source: z.string(),
  label: z.string(),
  value: z.string(),
});
export type DittoFieldSource = z.infer<typeof DittoFieldSource>;

export const DittoIdentityField = z.object({
  name: z.string(),
  value: z.string().nullable(),
  /** Ditto's per-field status ("OK" seen); null when not sent. */
  status: z.string().nullable(),
  sources: z.array(DittoFieldSource),
  /** True when two sources read different values (after ignoring case, spacing, MRZ fillers and accents). */
  sourcesDisagree: z.boolean(),
});
export type DittoIdentityField = z.infer<typeof DittoIdentityField>;

/** Why a submission is flagged; `code` is stable, `label` is for people. */
export const DittoIssue = z.object({ code: z.string(), label: z.string() });
export type DittoIssue = z.infer<typeof DittoIssue>;

/** What a reviewer sees of a Ditto ID KYC submission (pushed by Ditto, decided by us). */
export const DittoSubmissionView = z.object({
  type: z.literal('ditto_submission'),
  requesterId: z.string(),
  userId: z.string().nullable(),
  appId: z.string().nullable(),
  documentVersion: z.string().nullable(),
  documentTypes: z.array(z.string()),
  documentNames: z.array(z.string()),
  documentStatus: z.object({
    overall: z.string().nullable(),
    errors: z.array(z.string()),
    isNfcDocument: z.boolean().nullable(),
    nfcScanStatus: z.string().nullable(),
  }),
  identityFields: z.array(DittoIdentityField),
  liveness: z.object({ score: z.number().nullable(), minScore: z.number().nullable() }),
  faceMatch: z.object({
    /** 0–1 as sent. */
    score: z.number().nullable(),
    /** 0–100 as sent (or derived from `score` when only that was sent). */
    scorePercent: z.number().nullable(),
    minPercent: z.number().nullable(),
  }),
  issues: z.array(DittoIssue),
  media: z.array(z.object({ key: DittoMediaKey, label: z.string() })),
});
export type DittoSubmissionView = z.infer<typeof DittoSubmissionView>;
