import { describe, expect, it } from 'vitest';
import { decidedLocally, effectSummary } from './labels';

describe('effectSummary of decisions', () => {
  it('labels KryptoGO KYA and IDV decisions as decided here, DD decisions as sent to KryptoGO', () => {
    for (const kind of ['kya_task', 'idv_task'] as const) {
      expect(decidedLocally({ provider: 'kryptogo', kind })).toBe(true);
      expect(effectSummary('approve', { provider: 'kryptogo', kind })).toBe(
        'Decided here; not sent to KryptoGO. The case will be marked approved.',
      );
    }
    expect(decidedLocally({ provider: 'kryptogo', kind: 'dd_task' })).toBe(false);
    expect(effectSummary('decline', { provider: 'kryptogo', kind: 'dd_task' })).toBe(
      'KryptoGO will be told: Rejected.',
    );
    expect(effectSummary('approve', { provider: 'ditto', kind: 'kyc_submission' })).toBe(
      'Decided here; not sent to Ditto ID. The case will be marked approved.',
    );
  });

  it('says escalation and sending back stay here', () => {
    expect(effectSummary('escalate', { provider: 'didit', kind: 'kyc_session' })).toContain(
      'Nothing is sent to Didit.',
    );
    expect(effectSummary('return_to_queue', { provider: 'didit', kind: 'kyc_session' })).toContain(
      "back to the analysts' queue",
    );
  });
});
