import { createTestClock } from '@backoffice/providers/test-clock';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_BACKOFF_BASE_MS,
  ACCOUNT_BACKOFF_MAX_MS,
  ACCOUNT_FREE_FAILURES,
  AccountThrottle,
  DEVICE_COOKIE_MAX_AGE_S,
} from './account-throttle';

function throttleAt(start = 1_000_000) {
  const clock = createTestClock(start);
  return { clock, throttle: new AccountThrottle(clock.now) };
}

describe('account backoff', () => {
  it('lets the first failures through, then doubles the wait up to the cap', () => {
    const { clock, throttle } = throttleAt();
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      expect(throttle.waitMs('a@x')).toBe(0);
      throttle.recordFailure('a@x');
    }
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const wait = throttle.waitMs('a@x');
      waits.push(wait);
      clock.advance(wait);
      throttle.recordFailure('a@x');
    }
    expect(waits.slice(0, 3)).toEqual([
      ACCOUNT_BACKOFF_BASE_MS,
      2 * ACCOUNT_BACKOFF_BASE_MS,
      4 * ACCOUNT_BACKOFF_BASE_MS,
    ]);
    expect(Math.max(...waits)).toBe(ACCOUNT_BACKOFF_MAX_MS);
    expect(waits.at(-1)).toBe(ACCOUNT_BACKOFF_MAX_MS);
    // Another account is not affected.
    expect(throttle.waitMs('b@x')).toBe(0);
  });

  it('forgets failures after a day and on reset', () => {
    const { clock, throttle } = throttleAt();
    for (let i = 0; i < ACCOUNT_FREE_FAILURES + 3; i++) throttle.recordFailure('a@x');
    expect(throttle.waitMs('a@x')).toBeGreaterThan(0);
    clock.advance(24 * 3_600_000 + 1);
    expect(throttle.waitMs('a@x')).toBe(0);
    for (let i = 0; i < ACCOUNT_FREE_FAILURES + 3; i++) throttle.recordFailure('a@x');
    throttle.reset('a@x');
    expect(throttle.waitMs('a@x')).toBe(0);
  });
});

describe('device cookies', () => {
  it('are valid for their account until they expire, and not when altered', () => {
    const { clock, throttle } = throttleAt();
    const cookie = throttle.issueDevice('a@x');
    expect(cookie).not.toContain('a@x');
    expect(throttle.deviceFor('a@x', cookie)).toMatch(/^device:/);
    expect(throttle.deviceFor('b@x', cookie)).toBeNull();
    const [expires, signature] = cookie.split('.') as [string, string];
    expect(throttle.deviceFor('a@x', `${Number(expires) + 1}.${signature}`)).toBeNull();
    expect(throttle.deviceFor('a@x', `${expires}.${signature.slice(1)}A`)).toBeNull();
    expect(throttle.deviceFor('a@x', 'garbage')).toBeNull();
    expect(throttle.deviceFor('a@x', undefined)).toBeNull();
    clock.advance(DEVICE_COOKIE_MAX_AGE_S * 1000);
    expect(throttle.deviceFor('a@x', cookie)).toBeNull();
  });

  it('from another process (another key) are not accepted', () => {
    const cookie = throttleAt().throttle.issueDevice('a@x');
    expect(throttleAt().throttle.deviceFor('a@x', cookie)).toBeNull();
  });
});
