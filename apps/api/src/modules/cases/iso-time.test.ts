import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time';

describe('isoTime', () => {
  it('formats exactly as Date.prototype.toISOString across leap years, month ends and the range limits', () => {
    const samples = [
      0, 1, 999, 86_399_999, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, 253_402_300_799_999,
    ];
    // Every day boundary of 1999–2001 (2000 is a leap year, 1900 and 2100 are not) and a stride over 400 years.
    for (let ms = 915_148_800_000; ms < 1_009_843_200_000; ms += 86_400_000) samples.push(ms - 1, ms);
    for (let ms = 0; ms < 12_622_780_800_000; ms += 7_777_777_777) samples.push(ms);
    for (const ms of samples) expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString());
    // Outside the four-digit years, and non-integers, it is the built-in's answer.
    for (const ms of [-1, 253_402_300_800_000, 1.5]) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });
});
