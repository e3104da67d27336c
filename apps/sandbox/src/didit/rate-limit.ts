import { DEFAULT_RATE_LIMITS, RATE_LIMIT_WINDOW_SECONDS } from './assumptions.js';

export type RateLimitScope = keyof typeof DEFAULT_RATE_LIMITS;
export const RATE_LIMIT_SCOPES = Object.keys(DEFAULT_RATE_LIMITS) as RateLimitScope[];

/** Which scopes a request counts against: the generic one for its method plus any route-specific one. */
export function scopesFor(method: string, path: string): RateLimitScope[] {
  const scopes: RateLimitScope[] = [method === 'GET' || method === 'HEAD' ? 'generic_get' : 'generic_write'];
  if (method === 'POST' && path === '/v3/session/') scopes.push('session_create');
  if (method === 'GET' && /^\/v3\/session\/[^/]+\/decision\/$/.test(path)) scopes.push('decision');
  if (method === 'GET' && /^\/v3\/session\/[^/]+\/generate-pdf\/?$/.test(path)) scopes.push('pdf');
  if (/^\/v3\/session\/[^/]+\/(update-data|update-poa-data|add-images)\/$/.test(path))
    scopes.push('update_data');
  return scopes;
}

export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfterSeconds: number;
}

/** Sliding 60 s windows per key and scope, on the sandbox clock; the first scope to overflow wins. */
export class RateLimiter {
  private limits: Record<RateLimitScope, number> = { ...DEFAULT_RATE_LIMITS };
  private windowMs = RATE_LIMIT_WINDOW_SECONDS * 1000;
  private hits = new Map<string, number[]>();

  configure(overrides: Partial<Record<RateLimitScope, number>>, windowSeconds?: number): void {
    this.limits = { ...this.limits, ...overrides };
    if (windowSeconds !== undefined) this.windowMs = windowSeconds * 1000;
    this.hits.clear();
  }

  reset(): void {
    this.limits = { ...DEFAULT_RATE_LIMITS };
    this.windowMs = RATE_LIMIT_WINDOW_SECONDS * 1000;
    this.hits.clear();
  }

  get settings() {
    return { limits: { ...this.limits }, window_seconds: this.windowMs / 1000 };
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.hits.get(key) ?? []).filter((time) => time > now - this.windowMs);
    this.hits.set(key, kept);
    return kept;
  }

  check(clientKey: string, scopes: readonly RateLimitScope[], now: number): RateLimitVerdict {
    const windows = scopes.map((scope) => ({ scope, hits: this.recent(`${clientKey}|${scope}`, now) }));
    const overflowing = windows.find(({ scope, hits }) => hits.length >= this.limits[scope]);
    if (overflowing) {
      const resetAt = overflowing.hits[0]! + this.windowMs;
      const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
      return {
        allowed: false,
        retryAfterSeconds,
        headers: {
          'X-RateLimit-Limit': String(this.limits[overflowing.scope]),
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
          'Retry-After': String(retryAfterSeconds),
        },
      };
    }
    for (const { hits } of windows) hits.push(now);
    const tightest = windows
      .map(({ scope, hits }) => ({ scope, hits, remaining: this.limits[scope] - hits.length }))
      .sort((left, right) => left.remaining - right.remaining)[0]!;
    const resetAt = tightest.hits[0]! + this.windowMs;
    return {
      allowed: true,
      retryAfterSeconds: 0,
      headers: {
        'X-RateLimit-Limit': String(this.limits[tightest.scope]),
        'X-RateLimit-Remaining': String(tightest.remaining),
        'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
      },
    };
  }
}
