import { z } from 'zod';
import { CaseKind, Provider, RiskBand } from './case';

/** Longest time to decide an admin may set: 90 days. */
export const SLA_MAX_MINUTES = 90 * 24 * 60;
/** Time to decide when no policy row matches a case: 24 hours. */
export const SLA_DEFAULT_MINUTES = 24 * 60;

/** One rule of the due-time policy; `*` matches any provider, kind or band (a case without a band matches only `*`). */
export const SlaRule = z.object({
  provider: z.union([Provider, z.literal('*')]),
  kind: z.union([CaseKind, z.literal('*')]),
  riskBand: z.union([RiskBand, z.literal('*')]),
  minutes: z.number().int().min(1).max(SLA_MAX_MINUTES),
});
export type SlaRule = z.infer<typeof SlaRule>;

/**
 * The whole due-time policy. The most specific rule matching a case wins (a named band beats `*`, then a
 * named kind, then a named provider); `defaultMinutes` applies when none matches.
 */
export const SlaPolicy = z.object({
  defaultMinutes: z.number().int().min(1).max(SLA_MAX_MINUTES),
  rules: z
    .array(SlaRule)
    .max(200)
    .refine(
      (rules) => new Set(rules.map((r) => `${r.provider}|${r.kind}|${r.riskBand}`)).size === rules.length,
      'Each provider, kind and band combination appears once.',
    ),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/** Answer of `PUT /api/settings/sla`: the policy in force and how many open cases got a new due time. */
export const SlaPolicyChange = z.object({ policy: SlaPolicy, recomputedCases: z.number().int() });
export type SlaPolicyChange = z.infer<typeof SlaPolicyChange>;
