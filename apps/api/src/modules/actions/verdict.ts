/*
 * The vocabulary of a transition check, shared by the actions policy and the providers' own verdicts
 * (providers/<name>/policy.ts); it imports nothing, so a provider can use it without importing the
 * registry that lists it.
 */

export interface ActionableCase {
  provider: string;
  kind: string;
  status: string;
  providerStatus: string;
  riskScore: number | null;
}

export type TransitionVerdict = { allowed: true } | { allowed: false; reason: string };

export const allowed: TransitionVerdict = { allowed: true };
export const refused = (reason: string): TransitionVerdict => ({ allowed: false, reason });
export const DECISION_IN_FLIGHT = refused(
  'Another decision on this case is still on its way (or awaiting a second person); wait for it to finish.',
);
