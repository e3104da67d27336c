/**
 * The one fake clock of the API's and the packages' tests: code under test takes a `now: () => number`
 * and the test passes `clock.now`. Started at a fixed instant it moves only when the test moves it;
 * started without one it follows the wall clock plus whatever the test skipped (for tests that also
 * wait on real timers or talk to a sandbox on real time). The sandboxes keep their own clocks on purpose:
 * they stand in for the providers and share no code with the API.
 */
export interface TestClock {
  /** Milliseconds since the epoch; a bound function, so `now: clock.now` can be handed on. */
  readonly now: () => number;
  /** Moves time forward by `ms` and returns the new now. */
  advance(ms: number): number;
  /** Jumps to an instant (later or earlier), e.g. just past an expiry. */
  set(ms: number): void;
}

export function createTestClock(startMs?: number): TestClock {
  const base = startMs === undefined ? () => Date.now() : () => startMs;
  let offsetMs = 0;
  const now = () => base() + offsetMs;
  return {
    now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError('a test clock moves forward by a finite amount');
      offsetMs += ms;
      return now();
    },
    set(ms) {
      offsetMs = ms - base();
    },
  };
}
