import { z } from 'zod';

/** The one error body every API failure returns. */
export const ApiError = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.object({ migrations: z.number().int() }),
  /** `baseUrl` only for a signed-in admin (`settings:manage`): anonymous callers learn no internal addresses. */
  providers: z.record(
    z.string(),
    z.object({ baseUrl: z.string().optional(), mode: z.enum(['sandbox', 'live']) }),
  ),
});
export type Health = z.infer<typeof Health>;

export const ReconcileResult = z.object({
  provider: z.string(),
  listed: z.number().int(),
  fetched: z.number().int(),
  changed: z.number().int(),
  errors: z.number().int(),
});
export type ReconcileResult = z.infer<typeof ReconcileResult>;
