import { z } from 'zod';

const Score = z.number().int().min(0).max(100);

/**
 * The score thresholds of a Didit workflow, in the order they are shown: face match decline and review,
 * liveness decline, AML decline and review (AML risk at or above review, and below decline, sends the
 * session to review).
 */
export const DIDIT_THRESHOLD_KEYS = [
  'faceMatchDecline',
  'faceMatchReview',
  'livenessDecline',
  'amlDecline',
  'amlReview',
] as const;
export type DiditThresholdKey = (typeof DIDIT_THRESHOLD_KEYS)[number];

/** One field per Didit threshold, all with the same schema (nullable when read, optional in an update…). */
export function diditThresholdFields<Field extends z.ZodType>(field: Field) {
  return Object.fromEntries(DIDIT_THRESHOLD_KEYS.map((key) => [key, field])) as Record<
    DiditThresholdKey,
    Field
  >;
}

/** A Didit workflow as the admin page shows and edits it (read from and written to the provider). */
export const WorkflowSettings = z.object({
  workflowId: z.string(),
  label: z.string(),
  isDefault: z.boolean(),
  ...diditThresholdFields(Score.nullable()),
  maxRetryAttempts: z.number().int().min(0).max(20).nullable(),
  features: z.object({
    liveness: z.boolean(),
    faceMatch: z.boolean(),
    aml: z.boolean(),
    ipAnalysis: z.boolean(),
  }),
});
export type WorkflowSettings = z.infer<typeof WorkflowSettings>;

export const UpdateWorkflowSettingsRequest = z
  .object({
    ...diditThresholdFields(Score.optional()),
    maxRetryAttempts: z.number().int().min(0).max(20).optional(),
    features: z
      .object({ liveness: z.boolean(), faceMatch: z.boolean(), aml: z.boolean(), ipAnalysis: z.boolean() })
      .partial()
      .optional(),
  })
  .refine(
    (v) =>
      v.faceMatchDecline === undefined ||
      v.faceMatchReview === undefined ||
      v.faceMatchDecline <= v.faceMatchReview,
    {
      message: 'The face-match decline threshold must not be above the review threshold.',
      path: ['faceMatchDecline'],
    },
  )
  .refine((v) => v.amlReview === undefined || v.amlDecline === undefined || v.amlReview <= v.amlDecline, {
    message: 'The AML review threshold must not be above the decline threshold.',
    path: ['amlReview'],
  });
export type UpdateWorkflowSettingsRequest = z.infer<typeof UpdateWorkflowSettingsRequest>;
