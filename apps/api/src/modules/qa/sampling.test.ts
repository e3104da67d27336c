import { describe, expect, it } from 'vitest';
import { type ClosedCase, DEFAULT_QA_SAMPLING, sampleReasons, samplingPoint } from './sampling';

const closed = (over: Partial<ClosedCase> = {}): ClosedCase => ({
  id: 1,
  provider: 'ditto',
  kind: 'kyc_submission',
  status: 'approved',
  riskScore: 10,
  riskBand: 'low',
  decidedAt: Date.UTC(2030, 0, 1),
  ...over,
});

describe('samplingPoint', () => {
  it('is deterministic per closure and differs between closures of the same case', () => {
    expect(samplingPoint(42, 1000)).toBe(samplingPoint(42, 1000));
    const points = new Set(Array.from({ length: 50 }, (_, i) => samplingPoint(42, 1000 + i)));
    expect(points.size).toBeGreaterThan(45);
  });

  it.each([1, 10, 50, 90])('takes about %i %% of 20,000 closures', (rate) => {
    const n = 20_000;
    let taken = 0;
    for (let id = 1; id <= n; id++) if (samplingPoint(id, 1_700_000_000_000 + id * 7) < rate * 100) taken++;
    // Binomial: four standard deviations either side.
    const sd = Math.sqrt(n * (rate / 100) * (1 - rate / 100));
    expect(Math.abs(taken - (n * rate) / 100)).toBeLessThan(4 * sd);
  });
});

describe('sampleReasons', () => {
  const rules = (ratePercent: number) => ({
    ...DEFAULT_QA_SAMPLING,
    rules: [{ provider: 'ditto' as const, kind: 'kyc_submission' as const, ratePercent }],
  });

  it('samples nothing by default, everything at 100 %, nothing at 0 %, and only the configured pair', () => {
    expect(sampleReasons(DEFAULT_QA_SAMPLING, closed(), new Set())).toEqual([]);
    expect(sampleReasons(rules(100), closed(), new Set())).toEqual(['rate']);
    expect(sampleReasons(rules(0), closed(), new Set())).toEqual([]);
    expect(sampleReasons(rules(100), closed({ provider: 'didit', kind: 'kyc_session' }), new Set())).toEqual(
      [],
    );
  });

  it('calls a closure a reversal when the case reached the opposite outcome before', () => {
    const settings = { ...DEFAULT_QA_SAMPLING, everyReversal: true };
    expect(sampleReasons(settings, closed(), new Set(['approved']))).toEqual([]);
    expect(sampleReasons(settings, closed(), new Set(['approved', 'rejected']))).toEqual(['reversal']);
    expect(
      sampleReasons(settings, closed({ status: 'rejected' }), new Set(['approved', 'rejected'])),
    ).toEqual(['reversal']);
  });

  it('takes approvals of high and very high risk only, from the band or else the score', () => {
    const settings = { ...DEFAULT_QA_SAMPLING, everyHighRiskApproval: true };
    expect(sampleReasons(settings, closed({ riskBand: 'high' }), new Set())).toEqual(['high_risk_approval']);
    expect(sampleReasons(settings, closed({ riskBand: null, riskScore: 100 }), new Set())).toEqual([
      'high_risk_approval',
    ]);
    expect(sampleReasons(settings, closed({ riskBand: 'medium', riskScore: 60 }), new Set())).toEqual([]);
    expect(sampleReasons(settings, closed({ riskBand: 'high', status: 'rejected' }), new Set())).toEqual([]);
    expect(sampleReasons(settings, closed({ riskBand: null, riskScore: null }), new Set())).toEqual([]);
  });
});
