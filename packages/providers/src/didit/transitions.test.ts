import { describe, expect, it } from 'vitest';
import { requiresNodesToResubmit, updateStatusOutcome } from './transitions';

// docs/providers/didit.md §1.4, one row per current status: [Approved, Declined, Resubmitted].
const TABLE: ReadonlyArray<readonly [string, readonly [string, string, string]]> = [
  ['Not Started', ['forbidden', 'forbidden', 'forbidden']],
  ['In Progress', ['forbidden', 'forbidden', 'forbidden']],
  ['Expired', ['forbidden', 'forbidden', 'forbidden']],
  ['Awaiting User', ['forbidden', 'forbidden', 'forbidden']],
  ['In Review', ['allowed', 'allowed', 'allowed']],
  ['Approved', ['noop', 'allowed', 'allowed']],
  ['Declined', ['allowed', 'noop', 'allowed']],
  ['Abandoned', ['allowed', 'allowed', 'allowed']],
  ['Kyc Expired', ['allowed', 'allowed', 'allowed']],
  ['Resubmitted', ['allowed', 'allowed', 'forbidden']],
];

describe('updateStatusOutcome', () => {
  it.each(TABLE)('from %s', (current, [approved, declined, resubmitted]) => {
    expect(updateStatusOutcome(current, 'Approved')).toBe(approved);
    expect(updateStatusOutcome(current, 'Declined')).toBe(declined);
    expect(updateStatusOutcome(current, 'Resubmitted')).toBe(resubmitted);
    expect(updateStatusOutcome(current, 'In Review')).toBe('forbidden');
  });

  it.each(['Frozen', 'approved', 'KYC Expired', '', 'toString', '__proto__'])(
    'refuses everything from the unknown status %j',
    (current) => {
      for (const next of ['Approved', 'Declined', 'Resubmitted']) {
        expect(updateStatusOutcome(current, next)).toBe('forbidden');
      }
    },
  );

  it('refuses requested statuses that are not manual ones', () => {
    expect(updateStatusOutcome('In Review', 'toString')).toBe('forbidden');
    expect(updateStatusOutcome('In Review', 'Expired')).toBe('forbidden');
  });

  it('requires nodes_to_resubmit only for a resubmission', () => {
    expect(requiresNodesToResubmit('Resubmitted')).toBe(true);
    expect(requiresNodesToResubmit('Approved')).toBe(false);
    expect(requiresNodesToResubmit('Declined')).toBe(false);
  });
});
