import { createHash } from 'node:crypto';
import { type QaSampleReason, type QaSamplingSettings, riskBandOf } from '@backoffice/contracts';

/** A closed case as the sampler sees it. */
export interface ClosedCase {
  id: number;
  provider: string;
  kind: string;
  status: 'approved' | 'rejected';
  riskScore: number | null;
  riskBand: string | null;
  decidedAt: number;
}

/** The sampler takes nothing until a manager configures it. */
export const DEFAULT_QA_SAMPLING: QaSamplingSettings = {
  rules: [],
  everyReversal: false,
  everyHighRiskApproval: false,
};

const HIGH_RISK_BANDS = new Set(['high', 'very_high']);
const OPPOSITE = { approved: 'rejected', rejected: 'approved' } as const;

/**
 * Where a closure falls in [0, 10000): the first 32 bits of SHA-256 over the case id and its decision
 * time. Deterministic, so a rerun decides the same; uniform, so a rate of r % takes about r % of closures.
 */
export function samplingPoint(caseId: number, decidedAt: number): number {
  const digest = createHash('sha256').update(`qa-sample:${caseId}:${decidedAt}`).digest();
  return Math.floor((digest.readUInt32BE(0) / 0x1_0000_0000) * 10_000);
}

export function rateFor(settings: QaSamplingSettings, provider: string, kind: string): number {
  return settings.rules.find((rule) => rule.provider === provider && rule.kind === kind)?.ratePercent ?? 0;
}

/**
 * Why this closure enters the QA queue (empty: it does not). `reachedOutcomes` are the outcomes the case's
 * audit trail shows it has ever reached; having reached the opposite of its current one makes it a
 * reversal, whoever decided each time (the same path rule as four-eyes, docs/reliability.md R13).
 */
export function sampleReasons(
  settings: QaSamplingSettings,
  closed: ClosedCase,
  reachedOutcomes: ReadonlySet<string>,
): QaSampleReason[] {
  const reasons: QaSampleReason[] = [];
  if (samplingPoint(closed.id, closed.decidedAt) < rateFor(settings, closed.provider, closed.kind) * 100) {
    reasons.push('rate');
  }
  if (settings.everyReversal && reachedOutcomes.has(OPPOSITE[closed.status])) reasons.push('reversal');
  const band = closed.riskBand ?? riskBandOf(closed.riskScore);
  if (settings.everyHighRiskApproval && closed.status === 'approved' && band && HIGH_RISK_BANDS.has(band)) {
    reasons.push('high_risk_approval');
  }
  return reasons;
}
