/**
 * Time source for the sandboxes. Every timestamp, expiry, abandonment and webhook retry reads this clock,
 * so tests can freeze time and jump it forward instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** A clock that can be moved forward by the sandbox control endpoints. */
export interface AdvanceableClock extends Clock {
  advance(milliseconds: number): void;
}

/** Frozen time that only moves when told to: the deterministic choice for tests. */
export class ManualClock implements AdvanceableClock {
  private current: number;

  constructor(start: number | Date = Date.now()) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  advance(milliseconds: number): void {
    if (milliseconds < 0) throw new RangeError('A clock cannot move backwards');
    this.current += milliseconds;
  }
}

/** Wall-clock time plus an offset, so a running sandbox process can still be fast-forwarded. */
export class OffsetSystemClock implements AdvanceableClock {
  private offset = 0;

  now(): number {
    return Date.now() + this.offset;
  }

  advance(milliseconds: number): void {
    if (milliseconds < 0) throw new RangeError('A clock cannot move backwards');
    this.offset += milliseconds;
  }
}

/** Wraps any injected clock so the control endpoints can always advance it. */
export function toAdvanceableClock(clock: Clock): AdvanceableClock {
  if ('advance' in clock && typeof clock.advance === 'function') return clock as AdvanceableClock;
  let offset = 0;
  return {
    now: () => clock.now() + offset,
    advance: (milliseconds: number) => {
      if (milliseconds < 0) throw new RangeError('A clock cannot move backwards');
      offset += milliseconds;
    },
  };
}
