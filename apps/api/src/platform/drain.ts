import type { AppDeps } from './deps';

/**
 * Repeats `pass` (claim a batch, work it) until a claim comes back empty. Rows that fail are rescheduled
 * into the future, so each pass claims fresh rows; the bound of 100 passes is a seatbelt.
 */
export async function drainInPasses<Row>(
  claim: () => Row[],
  work: (rows: Row[]) => Promise<void>,
): Promise<void> {
  for (let pass = 0; pass < 100; pass++) {
    const rows = claim();
    if (rows.length === 0) return;
    await work(rows);
  }
}

/** A drain serialized per app, and a way to wait, on stopping, for the call last started to settle. */
export interface SerializedDrain<Result> {
  (deps: AppDeps): Promise<Result>;
  settled(deps: AppDeps): Promise<unknown>;
}

/**
 * `drain` serialized per app: a call starts after the previous one of the same app has settled, so awaiting
 * it also waits for a pass a background worker has started (what makes it usable from tests with an
 * injected clock).
 */
export function serializedPerApp<Result>(drain: (deps: AppDeps) => Promise<Result>): SerializedDrain<Result> {
  const draining = new WeakMap<AppDeps, Promise<Result>>();
  const serialized = (deps: AppDeps): Promise<Result> => {
    const previous = draining.get(deps) ?? Promise.resolve(null);
    const next = previous.catch(() => null).then(() => drain(deps));
    draining.set(deps, next);
    return next;
  };
  return Object.assign(serialized, {
    settled: (deps: AppDeps) => draining.get(deps)?.catch(() => null) ?? Promise.resolve(null),
  });
}
