import type { Context } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import type { AppEnv } from './openapi';

/**
 * A limiter that counts only the failed requests of one key within `windowMs`: once `limit` of them are
 * reached, further requests of the key are refused with `refusal()` (a 429) and a Retry-After of the whole
 * window. Successful requests never count, so legitimate traffic from a shared address is not throttled.
 */
export function failureThrottle(options: {
  windowMs: number;
  limit: number;
  key: (c: Context<AppEnv>) => string | Promise<string>;
  refusal: () => Error;
  /** Which answers do not count as failures; by default every status below 400. */
  requestWasSuccessful?: (c: Context<AppEnv>) => boolean;
}) {
  return rateLimiter<AppEnv>({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-6',
    skipSuccessfulRequests: true,
    ...(options.requestWasSuccessful ? { requestWasSuccessful: options.requestWasSuccessful } : {}),
    keyGenerator: options.key,
    handler: (c) => {
      c.header('Retry-After', String(Math.ceil(options.windowMs / 1000)));
      throw options.refusal();
    },
  });
}
