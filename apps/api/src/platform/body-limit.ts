import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { matchedRoutes } from 'hono/route';
import { AppError } from './errors';
import type { AppEnv } from './openapi';

/** Every request body a route reads is at most this, unless the route is listed below. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Routes that need another limit, keyed like the access table. A number replaces the default; `own`
 * means the route's router sets its limit itself (webhooks, Ditto), in some cases after authenticating
 * the caller, so nothing may buffer the body before it.
 */
const BODY_LIMITS = new Map<string, number | 'own'>(
  Object.entries({
    'POST /webhooks/didit': 'own',
    'POST /webhooks/kryptogo': 'own',
    'POST /ditto/token': 'own',
    'POST /ditto/kyc': 'own',
    // Up to 20 metadata values of 1,000 characters: about 60 KB of UTF-8 for non-Latin scripts.
    'POST /api/cases/:id/actions': 128 * 1024,
    'PUT /api/cases/:id/metadata': 128 * 1024,
  }),
);

function tooLarge(): never {
  throw new AppError(413, 'payload_too_large', 'The request body is larger than this route accepts.');
}

/**
 * A body limit of `maxSize` bytes whose refusal is `refuse()` (it throws the route's own 413 error) and
 * closes the connection: the rest of the body is never read, so the connection cannot carry another request.
 *
 * A body of declared length (Node's parser delivers exactly that many bytes, or fails the request) is
 * judged by its header alone, without touching `c.req.raw.body`: asking for that stream builds a full
 * fetch `Request` around the socket and takes the handler's `arrayBuffer()` off the server adapter's
 * direct read, which cost the webhook path about a tenth of its time (docs/architecture.md, "Ingestion
 * speed"). A chunked body, whose length nobody declared, is counted as it streams by hono's `bodyLimit`.
 */
export function closingBodyLimit(maxSize: number, refuse: () => never): MiddlewareHandler {
  const onError = (c: Context) => {
    c.header('Connection', 'close');
    return refuse();
  };
  const streamingLimit = bodyLimit({ maxSize, onError });
  return (c, next) => {
    if (c.req.header('transfer-encoding') !== undefined) return streamingLimit(c, next);
    const declared = c.req.header('content-length');
    // Neither header: HTTP/1.1 says there is no body.
    if (declared === undefined) return next();
    return Number.parseInt(declared, 10) > maxSize ? onError(c) : next();
  };
}

/** `closingBodyLimit` refusing with the API's `payload_too_large` error, saying what was too large. */
export const payloadBodyLimit = (maxSize: number, what: string) =>
  closingBodyLimit(maxSize, () => {
    throw new AppError(413, 'payload_too_large', `The ${what} is larger than accepted.`);
  });

/**
 * Bounds every body before anything reads it: a declared Content-Length over the limit is refused
 * without reading; a chunked body is read only up to the limit. Mount after the access gate, so a
 * refused caller's body is never read at all.
 */
export function requestBodyLimit(): MiddlewareHandler<AppEnv> {
  const limiters = new Map<number, MiddlewareHandler>();
  const limiterFor = (maxSize: number) => {
    let limiter = limiters.get(maxSize);
    if (!limiter) {
      limiter = closingBodyLimit(maxSize, tooLarge);
      limiters.set(maxSize, limiter);
    }
    return limiter;
  };
  return (c, next) => {
    const handler = matchedRoutes(c).find((route) => route.method !== 'ALL');
    const limit = handler ? BODY_LIMITS.get(`${handler.method} ${handler.path}`) : undefined;
    if (limit === 'own') return next();
    return limiterFor(limit ?? DEFAULT_BODY_LIMIT_BYTES)(c, next);
  };
}
