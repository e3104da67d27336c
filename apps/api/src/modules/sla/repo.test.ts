import { RiskBand, type SlaPolicy } from '@backoffice/contracts';
import { describe, expect, it } from 'vitest';
import { dueAtFor, minutesFor } from './repo';

const policy: SlaPolicy = {
  defaultMinutes: 24 * 60,
  rules: [
    { provider: '*', kind: '*', riskBand: 'very_high', minutes: 4 * 60 },
    { provider: '*', kind: '*', riskBand: 'high', minutes: 8 * 60 },
    { provider: 'kryptogo', kind: '*', riskBand: '*', minutes: 48 * 60 },
    { provider: 'kryptogo', kind: 'kya_task', riskBand: '*', minutes: 12 * 60 },
    { provider: 'didit', kind: 'kyc_session', riskBand: 'very_high', minutes: 2 * 60 },
  ],
};

describe('SLA minutesFor', () => {
  it('gives each risk band its rule and the rest the default', () => {
    const expected: Record<RiskBand, number> = {
      very_high: 4 * 60,
      high: 8 * 60,
      medium: 24 * 60,
      low_medium: 24 * 60,
      low: 24 * 60,
    };
    for (const band of RiskBand.options) {
      expect(minutesFor(policy, { provider: 'ditto', kind: 'kyc_submission', riskBand: band })).toBe(
        expected[band],
      );
    }
    expect(minutesFor(policy, { provider: 'ditto', kind: 'kyc_submission', riskBand: null })).toBe(24 * 60);
  });

  it('prefers a named band over a named kind over a named provider', () => {
    expect(minutesFor(policy, { provider: 'didit', kind: 'kyc_session', riskBand: 'very_high' })).toBe(120);
    expect(minutesFor(policy, { provider: 'kryptogo', kind: 'kya_task', riskBand: 'very_high' })).toBe(240);
    expect(minutesFor(policy, { provider: 'kryptogo', kind: 'kya_task', riskBand: 'low' })).toBe(720);
    expect(minutesFor(policy, { provider: 'kryptogo', kind: 'dd_task', riskBand: 'low' })).toBe(48 * 60);
  });

  it('counts the due time from when the case entered review', () => {
    const entered = Date.UTC(2026, 0, 1, 9);
    expect(dueAtFor(policy, { provider: 'didit', kind: 'kyc_session', riskBand: 'high' }, entered)).toBe(
      entered + 8 * 3_600_000,
    );
  });
});
