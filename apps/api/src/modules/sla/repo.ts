import { SLA_DEFAULT_MINUTES, type SlaPolicy, type SlaRule } from '@backoffice/contracts';
import { cases, type Orm, preparedQuery, slaPolicies } from '@backoffice/db';
import { and, eq, isNotNull } from 'drizzle-orm';
import { findSetting, writeSetting } from '../../platform/settings-repo';

/** The default time to decide lives in `settings`; the per-provider, kind and band rules in `sla_policies`. */
const DEFAULT_KEY = 'sla.default_minutes';

// Read by every case write that enters review (its due time): built once per connection.
const slaRules = preparedQuery((orm) =>
  orm
    .select({
      provider: slaPolicies.provider,
      kind: slaPolicies.kind,
      riskBand: slaPolicies.riskBand,
      minutes: slaPolicies.minutes,
    })
    .from(slaPolicies)
    .orderBy(slaPolicies.provider, slaPolicies.kind, slaPolicies.riskBand)
    .prepare(),
);

export function readSlaPolicy(tx: Orm): SlaPolicy {
  const stored = findSetting(tx, DEFAULT_KEY);
  const defaultMinutes = stored ? Number(JSON.parse(stored.value)) : SLA_DEFAULT_MINUTES;
  return { defaultMinutes, rules: slaRules(tx).all() as SlaRule[] };
}

export function writeSlaPolicy(tx: Orm, policy: SlaPolicy, userId: string, now: number): void {
  writeSetting(tx, DEFAULT_KEY, policy.defaultMinutes, userId, now);
  tx.delete(slaPolicies).run();
  if (policy.rules.length > 0) {
    tx.insert(slaPolicies)
      .values(policy.rules.map((rule) => ({ ...rule, updatedBy: userId, updatedAt: now })))
      .run();
  }
}

/** The case facts a due time depends on. */
export interface SlaSubject {
  provider: string;
  kind: string;
  riskBand: string | null;
}

/** A rule field is `*` (any) or one value. */
const named = (ruleValue: string) => ruleValue !== '*';
const matches = (ruleValue: string, value: string | null) => !named(ruleValue) || ruleValue === value;

/**
 * Minutes to decide a case: the most specific matching rule (a named band outranks a named kind, which
 * outranks a named provider), else the default.
 */
export function minutesFor(policy: SlaPolicy, subject: SlaSubject): number {
  let best: SlaRule | null = null;
  let bestRank = -1;
  for (const rule of policy.rules) {
    if (!matches(rule.provider, subject.provider)) continue;
    if (!matches(rule.kind, subject.kind) || !matches(rule.riskBand, subject.riskBand)) continue;
    const rank = (named(rule.riskBand) ? 4 : 0) + (named(rule.kind) ? 2 : 0) + (named(rule.provider) ? 1 : 0);
    if (rank > bestRank) {
      best = rule;
      bestRank = rank;
    }
  }
  return best?.minutes ?? policy.defaultMinutes;
}

export function dueAtFor(policy: SlaPolicy, subject: SlaSubject, enteredReviewAt: number): number {
  return enteredReviewAt + minutesFor(policy, subject) * 60_000;
}

/** The cases in review with their review clock, for recomputing due times under a new policy. */
export function casesInReview(tx: Orm) {
  return tx
    .select({
      id: cases.id,
      provider: cases.provider,
      kind: cases.kind,
      riskBand: cases.riskBand,
      reviewEnteredAt: cases.reviewEnteredAt,
      dueAt: cases.dueAt,
    })
    .from(cases)
    .where(and(eq(cases.status, 'needs_review'), isNotNull(cases.reviewEnteredAt)))
    .all();
}
