import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from './logger';
import type { AppEnv } from './openapi';

/**
 * What a handler adds to its request's log line: identifiers and outcomes only (an event id, a case
 * id, "applied"), never personal data; the logger censors the known PII paths anyway (logger.ts).
 */
export type RequestLogFields = Record<string, string | number | boolean | null>;

/**
 * Adds `fields` to the one log line the request writes when it is answered, so a delivery or a
 * call is told in one line (its path, status and time, with what it did) instead of two.
 */
export function addRequestLogFields(c: Pick<Context<AppEnv>, 'get' | 'set'>, fields: RequestLogFields): void {
  c.set('requestLogFields', { ...c.get('requestLogFields'), ...fields });
}

/** Writes one `request` line per answered request, after the handler and every inner middleware. */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        ...c.get('requestLogFields'),
        requestId: c.get('requestId'),
        method: c.req.method,
        // Path only: query strings can hold search terms such as a person's name.
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  };
}
