/**
 * The sandbox's notion of "now". Tests inject a manual clock and move it explicitly, so that progress,
 * IDV results and callback retries happen exactly when a test says so; a development server uses the
 * system clock, which can still be pushed forward to skip waiting.
 */
export interface SandboxClock {
  /** Milliseconds since the epoch. */
  nowMs(): number;
  /** Move time forward; never backwards, so timestamps and ids keep increasing together. */
  advance(seconds: number): void;
}

export interface ManualClock extends SandboxClock {
  readonly kind: 'manual';
}

/** A clock that only moves when told to. The default start is fixed so test output is reproducible. */
export function createManualClock(startMs: number = Date.UTC(2025, 0, 1)): ManualClock {
  let current = startMs;
  return {
    kind: 'manual',
    nowMs: () => current,
    advance(seconds) {
      if (!Number.isFinite(seconds) || seconds < 0)
        throw new RangeError('seconds must be a non-negative number');
      current += seconds * 1000;
    },
  };
}

/** Real time plus whatever has been skipped with `advance`. */
export function createSystemClock(): SandboxClock {
  let skippedMs = 0;
  return {
    nowMs: () => Date.now() + skippedMs,
    advance(seconds) {
      if (!Number.isFinite(seconds) || seconds < 0)
        throw new RangeError('seconds must be a non-negative number');
      skippedMs += seconds * 1000;
    },
  };
}

/** KryptoGO timestamps are whole epoch seconds. */
export function epochSeconds(clock: SandboxClock): number {
  return Math.floor(clock.nowMs() / 1000);
}
