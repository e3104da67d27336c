import { describe, expect, it } from 'vitest';
import { CircuitBreaker, RateLimitTracker, retryAfterMsOf } from './http';
import { createTestClock } from './test-clock';

const clock = (startMs = 1_000_000) => createTestClock(startMs);

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures and fails fast during the cool-down', () => {
    const time = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 10_000, now: time.now });
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(breaker.tryAcquire()).toEqual({ allowed: true });
      breaker.recordFailure();
    }
    expect(breaker.state).toBe('closed');
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    time.advance(4_000);
    expect(breaker.tryAcquire()).toEqual({ allowed: false, retryAfterMs: 6_000 });
  });

  it('a success in between resets the count', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2 });
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
  });

  it('lets one trial call through when half-open; success closes it', () => {
    const time = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 10_000, now: time.now });
    breaker.recordFailure();
    time.advance(10_000);
    expect(breaker.state).toBe('half_open');
    expect(breaker.tryAcquire()).toEqual({ allowed: true });
    expect(breaker.tryAcquire().allowed).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toEqual({ allowed: true });
  });

  it('a failed trial opens it for another full cool-down', () => {
    const time = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 5, coolDownMs: 10_000, now: time.now });
    for (let attempt = 0; attempt < 5; attempt++) breaker.recordFailure();
    time.advance(10_000);
    expect(breaker.tryAcquire()).toEqual({ allowed: true });
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    time.advance(9_999);
    expect(breaker.tryAcquire()).toEqual({ allowed: false, retryAfterMs: 1 });
  });
});

describe('RateLimitTracker', () => {
  const headers = (limit: string, remaining: string, reset?: string) =>
    new Headers({
      'X-RateLimit-Limit': limit,
      'X-RateLimit-Remaining': remaining,
      ...(reset ? { 'X-RateLimit-Reset': reset } : {}),
    });

  it('throttles below 15 % of the window, per scope', () => {
    const tracker = new RateLimitTracker(() => 0);
    tracker.update('decision', headers('100', '15'));
    expect(tracker.shouldThrottle('decision')).toBe(false);
    tracker.update('decision', headers('100', '14'));
    expect(tracker.shouldThrottle('decision')).toBe(true);
    expect(tracker.shouldThrottle('generic-get')).toBe(false);
  });

  it('stops throttling once the window has reset', () => {
    const time = clock(1_000_000);
    const tracker = new RateLimitTracker(time.now);
    tracker.update('pdf', headers('50', '0', String(1_000_000 / 1000 + 30)));
    expect(tracker.shouldThrottle('pdf')).toBe(true);
    time.advance(30_000);
    expect(tracker.shouldThrottle('pdf')).toBe(false);
  });

  it('ignores responses without usable headers', () => {
    const tracker = new RateLimitTracker(() => 0);
    tracker.update('decision', headers('100', '1'));
    tracker.update('decision', new Headers());
    tracker.update('decision', headers('abc', '1'));
    expect(tracker.snapshot('decision')).toEqual({ limit: 100, remaining: 1, resetAtMs: null });
  });
});

describe('retryAfterMsOf', () => {
  const nowMs = Date.parse('2026-03-30T10:00:00Z');
  it.each([
    [{ 'Retry-After': '30' }, 30_000],
    [{ 'Retry-After': 'Mon, 30 Mar 2026 10:00:45 GMT' }, 45_000],
    [{ 'Retry-After': 'Mon, 30 Mar 2026 09:00:00 GMT' }, 0],
    [{ 'X-RateLimit-Reset': String(nowMs / 1000 + 12) }, 12_000],
    [{ 'Retry-After': 'soon' }, undefined],
    [{}, undefined],
  ])('%j → %s', (headers, expected) => {
    expect(retryAfterMsOf(new Headers(headers), nowMs)).toBe(expected);
  });
});
