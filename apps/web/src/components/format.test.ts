import { describe, expect, it } from 'vitest';
import { formatCount } from './format';

describe('formatCount', () => {
  it('groups digits as English number formatting does, for every magnitude and sign', () => {
    const values = [
      0, 7, 42, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 1_234_567_890, -1, -1234, -1_000_000,
    ];
    for (let digits = 1; digits <= 15; digits++) values.push(Number('9'.repeat(digits)), 10 ** digits);
    for (const value of values) expect(formatCount(value)).toBe(value.toLocaleString('en'));
  });

  it('shows a count, so a fraction is dropped rather than rounded', () => {
    expect(formatCount(1234.9)).toBe('1,234');
  });
});
