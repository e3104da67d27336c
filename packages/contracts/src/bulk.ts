import { z } from 'zod';

/** Most cases one bulk request may touch; a larger selection is refused with 400, never truncated. */
export const BULK_CASE_LIMIT = 200;

/** What a bulk request does to each case. Decisions are not here: they stay one case at a time. */
export const BulkOperation = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign'), assigneeId: z.string().min(1).max(64) }),
  z.object({ type: z.literal('unassign') }),
  z.object({ type: z.literal('add_tag'), tagId: z.number().int().positive() }),
  z.object({ type: z.literal('remove_tag'), tagId: z.number().int().positive() }),
]);
export type BulkOperation = z.infer<typeof BulkOperation>;

export const BulkCaseRequest = z.object({
  caseIds: z
    .array(z.number().int().positive())
    .min(1, 'Select at least one case.')
    .max(BULK_CASE_LIMIT, `Select at most ${BULK_CASE_LIMIT} cases per request.`)
    .refine((ids) => new Set(ids).size === ids.length, 'List each case once.'),
  operation: BulkOperation,
});
export type BulkCaseRequest = z.infer<typeof BulkCaseRequest>;

/** Per case: changed (`applied`), already so (`unchanged`, nothing written), or `refused` with the error code. */
export const BulkCaseResult = z.object({
  caseId: z.number().int(),
  outcome: z.enum(['applied', 'unchanged', 'refused']),
  code: z.string().nullable(),
  message: z.string().nullable(),
});
export type BulkCaseResult = z.infer<typeof BulkCaseResult>;

export const BulkCaseResponse = z.object({
  results: z.array(BulkCaseResult),
  applied: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
});
export type BulkCaseResponse = z.infer<typeof BulkCaseResponse>;
