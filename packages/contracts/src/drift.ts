import { z } from 'zod';

/**
 * Drift: a provider now reports a state that diverges from our last decision on a case (docs/reliability.md,
 * "Drift"). The case keeps our decision until a manager resolves it.
 */
export const DriftStatus = z.enum(['open', 'awaiting_approval', 'resolved']);
export type DriftStatus = z.infer<typeof DriftStatus>;

/**
 * `accept_provider`: the case takes the provider's state. `push_ours`: our decision is sent to the provider
 * again through the outbox. `provider_matches`: the provider came back to our decision by itself.
 */
export const DriftResolution = z.enum(['accept_provider', 'push_ours', 'provider_matches']);
export type DriftResolution = z.infer<typeof DriftResolution>;

/** One drift as the drift view lists it: provider vocabulary and times, never personal data. */
export const DriftView = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  provider: z.string(),
  kind: z.string(),
  ours: z.object({ status: z.string(), providerStatus: z.string() }),
  theirs: z.object({ status: z.string(), providerStatus: z.string(), seenAt: z.iso.datetime() }),
  source: z.enum(['reconcile', 'webhook']),
  detectedAt: z.iso.datetime(),
  seenCount: z.number().int(),
  status: DriftStatus,
  resolution: DriftResolution.nullable(),
  requestedBy: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  actionId: z.number().int().nullable(),
  /** Whether pushing our decision again is possible at all for this case (false: say why in `pushRefusal`). */
  pushRefusal: z.string().nullable(),
  /** Why a resolution needs a second person, per resolution; null when one manager is enough. */
  fourEyes: z.object({ accept_provider: z.string().nullable(), push_ours: z.string().nullable() }),
});
export type DriftView = z.infer<typeof DriftView>;

export const DriftListQuery = z.object({
  status: z.enum(['unresolved', 'resolved', 'all']).default('unresolved'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Keyset cursor: only drifts with a smaller id (older), as `nextBefore` of the previous page gives. */
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type DriftListQuery = z.infer<typeof DriftListQuery>;

export const DriftListResponse = z.object({
  items: z.array(DriftView),
  unresolved: z.number().int(),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type DriftListResponse = z.infer<typeof DriftListResponse>;

export const DriftResolveRequest = z.strictObject({
  resolution: z.enum(['accept_provider', 'push_ours']),
});
export type DriftResolveRequest = z.infer<typeof DriftResolveRequest>;

/** A second manager's answer to a resolution that reverses a decision. */
export const DriftDecisionRequest = z.strictObject({ decision: z.enum(['approve', 'reject']) });
export type DriftDecisionRequest = z.infer<typeof DriftDecisionRequest>;
