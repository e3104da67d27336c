import { z } from 'zod';

const Score = z.number().int().min(0).max(100);

/** A Didit workflow as the admin page shows and edits it (read from and written to the provider). */
export const WorkflowSettings = z.object({
  workflowId: z.string(),
  label: z.string(),
  isDefault: z.boolean(),
  faceMatchDecline: Score.nullable(),
  faceMatchReview: Score.nullable(),
  livenessDecline: Score.nullable(),
  amlDecline: Score.nullable(),
  /** AML risk at or above this (and below decline) sends the session to review. */
  amlReview: Score.nullable(),
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
    faceMatchDecline: Score.optional(),
    faceMatchReview: Score.optional(),
    livenessDecline: Score.optional(),
    amlDecline: Score.optional(),
    amlReview: Score.optional(),
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
