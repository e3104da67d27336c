/**
 * Counts the provider deliveries our ingress refuses (`/webhooks/*`, `/ditto/*` answered 4xx or 5xx), for
 * the dashboard's provider-sync health. A flood of refused requests must not cost a write each, so the
 * counts gather in memory and are added to `webhook_refusals` every few seconds in one transaction
 * (drizzle/0022_webhook_refusals.sql); reads add what has not been written yet. At most the last few
 * seconds of counts are lost with the process.
 */
import { Provider } from '@backoffice/contracts';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../../platform/deps';
import { registeredProviders } from '../../providers/registry';
import { addRefusalCounts, type RefusalCount, refusalCountsIn } from './refusals-repo';

const DAY = 86_400_000;
export const REFUSAL_FLUSH_INTERVAL_MS = 5_000;

const pendingOf = new WeakMap<AppDeps, Map<string, RefusalCount>>();

function pending(deps: AppDeps): Map<string, RefusalCount> {
  let counts = pendingOf.get(deps);
  if (!counts) {
    counts = new Map();
    pendingOf.set(deps, counts);
  }
  return counts;
}

/** The provider an ingress path belongs to: `/webhooks/<provider>…` or `/<provider>/…`. */
function providerOfPath(path: string): string | null {
  const [first, second] = path.split('/').filter(Boolean);
  const names = new Set(registeredProviders().map((adapter) => adapter.provider as string));
  if (first === 'webhooks' && second && names.has(second)) return second;
  return first && names.has(first) ? first : null;
}

export function countRefusal(deps: AppDeps, provider: string, status: number): void {
  const at = deps.now();
  const day = Math.floor(at / DAY);
  const key = `${day}|${provider}|${status}`;
  const counts = pending(deps);
  const current = counts.get(key);
  if (current) {
    current.count += 1;
    current.lastAt = Math.max(current.lastAt, at);
  } else {
    counts.set(key, { day, provider, status, count: 1, lastAt: at });
  }
}

/** Counts every answer of 400 or more on a provider's ingress routes, after the route has answered. */
export function ingressRefusalCounter(deps: AppDeps): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.status < 400) return;
    const provider = providerOfPath(c.req.path);
    if (provider) countRefusal(deps, provider, c.res.status);
  };
}

/** Writes the gathered counts; on a failure they stay gathered for the next run. */
export function flushRefusals(deps: AppDeps): void {
  const counts = pending(deps);
  if (counts.size === 0) return;
  const batch = [...counts.values()];
  counts.clear();
  try {
    addRefusalCounts(deps.db, batch);
  } catch (error) {
    for (const count of batch) {
      const key = `${count.day}|${count.provider}|${count.status}`;
      const later = counts.get(key);
      counts.set(
        key,
        later
          ? { ...count, count: count.count + later.count, lastAt: Math.max(count.lastAt, later.lastAt) }
          : count,
      );
    }
    deps.logger.warn({ err: error }, 'refused-delivery counts not written; the next run retries');
  }
}

export function startRefusalFlush(deps: AppDeps, intervalMs = REFUSAL_FLUSH_INTERVAL_MS): { stop(): void } {
  const timer = setInterval(() => flushRefusals(deps), intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      flushRefusals(deps);
    },
  };
}

/** Refused deliveries of whole UTC days in [fromMs, toMs), written or still gathered. */
export function refusedDeliveriesIn(deps: AppDeps, range: { fromMs: number; toMs: number }) {
  const fromDay = Math.floor(range.fromMs / DAY);
  const toDay = Math.floor(range.toMs / DAY);
  const merged = new Map<string, { provider: string; status: number; count: number; lastAt: number }>();
  const add = (row: RefusalCount) => {
    const key = `${row.provider}|${row.status}`;
    const current = merged.get(key);
    merged.set(
      key,
      current
        ? { ...current, count: current.count + row.count, lastAt: Math.max(current.lastAt, row.lastAt) }
        : { provider: row.provider, status: row.status, count: row.count, lastAt: row.lastAt },
    );
  };
  for (const row of refusalCountsIn(deps.db, fromDay, toDay)) add(row);
  for (const row of pending(deps).values()) if (row.day >= fromDay && row.day < toDay) add(row);
  return [...merged.values()]
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.status - b.status)
    .flatMap((row) => {
      const provider = Provider.safeParse(row.provider);
      return provider.success
        ? [{ ...row, provider: provider.data, lastAt: new Date(row.lastAt).toISOString() }]
        : [];
    });
}
