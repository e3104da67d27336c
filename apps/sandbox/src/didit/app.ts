import type { HttpBindings } from '@hono/node-server';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  INVALID_CREDENTIALS_DETAIL,
  MAX_REQUEST_BODY_BYTES,
  MISSING_CREDENTIALS_DETAIL,
  NOT_FOUND_DETAIL,
  RATE_LIMIT_HEADERS_ON_SUCCESS,
  SERVER_ERROR_DETAIL,
  THROTTLED_DETAIL,
} from './assumptions.js';
import { hostedSessionRoutes } from './hosted-page.js';
import { DiditHttpError, detailError } from './http.js';
import { isMediaKind, renderMediaPng } from './media.js';
import { generatePerson } from './people.js';
import { scopesFor } from './rate-limit.js';
import { sandboxConsoleRoutes } from './routes-console.js';
import { sandboxControlRoutes } from './routes-control.js';
import { diditListRoutes } from './routes-lists.js';
import { diditApiRoutes } from './routes-v3.js';
import type { DiditSandbox } from './sandbox.js';

/** Paths documented without a trailing slash; every other slash-less `/v3/` path is redirected. */
const SLASHLESS_PATHS = [/^\/v3\/session\/[^/]+\/webhook\/[^/]+$/, /^\/v3\/session\/[^/]+\/generate-pdf$/];

/** Django's APPEND_SLASH: 301 to the slashed path (query kept), before authentication runs. */
const appendSlash: MiddlewareHandler = async (c, next) => {
  const url = new URL(c.req.url);
  if (url.pathname.endsWith('/') || SLASHLESS_PATHS.some((pattern) => pattern.test(url.pathname)))
    return next();
  return c.body(null, 301, { Location: `${url.pathname}/${url.search}` });
};

function requireApiKey(sandbox: DiditSandbox): MiddlewareHandler {
  return async (c, next) => {
    const key = c.req.header('x-api-key');
    if (key === undefined || key === '') throw detailError(403, MISSING_CREDENTIALS_DETAIL);
    if (key !== sandbox.config.apiKey) throw detailError(401, INVALID_CREDENTIALS_DETAIL);
    return next();
  };
}

function rateLimit(sandbox: DiditSandbox): MiddlewareHandler {
  return async (c, next) => {
    const key = c.req.header('x-api-key') ?? 'anonymous';
    const verdict = sandbox.rateLimiter.check(key, scopesFor(c.req.method, c.req.path), sandbox.clock.now());
    if (!verdict.allowed)
      throw detailError(429, THROTTLED_DETAIL(verdict.retryAfterSeconds), verdict.headers);
    await next();
    if (RATE_LIMIT_HEADERS_ON_SUCCESS)
      for (const [name, value] of Object.entries(verdict.headers)) c.res.headers.set(name, value);
  };
}

function dropConnection(c: Context): Response {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (!incoming) throw new Error('drop_connection needs a real HTTP server');
  incoming.socket.destroy();
  return new Response(null);
}

/** Faults injected by tests: slow, failing, throttled, truncated or cut-off responses. */
function injectFaults(sandbox: DiditSandbox): MiddlewareHandler {
  return async (c, next) => {
    const fault = sandbox.faults.take(c.req.method, c.req.path);
    if (!fault) return next();
    switch (fault.kind) {
      case 'latency':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        return next();
      case 'status':
        return c.json({ detail: SERVER_ERROR_DETAIL }, fault.status as 500);
      case 'rate_limit': {
        const resetAt = Math.ceil(sandbox.clock.now() / 1000) + fault.retryAfterSeconds;
        return c.json({ detail: THROTTLED_DETAIL(fault.retryAfterSeconds) }, 429, {
          'X-RateLimit-Limit': String(sandbox.rateLimiter.settings.limits.generic_get),
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(resetAt),
          'Retry-After': String(fault.retryAfterSeconds),
        });
      }
      case 'malformed_json': {
        await next();
        const text = await c.res.text();
        const headers = new Headers(c.res.headers);
        headers.delete('content-length');
        headers.set('content-type', 'application/json');
        c.res = new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), {
          status: c.res.status,
          headers,
        });
        return;
      }
      case 'drop_connection':
        return dropConnection(c);
    }
  };
}

/** Presigned media: the signature and expiry are the only credentials, like S3 links. */
function mediaRoutes(sandbox: DiditSandbox) {
  const app = new Hono({ strict: true });
  app.get('/media/:sessionId/:file', (c) => {
    const file = c.req.param('file');
    const kind = file.replace(/\.png$/, '');
    const expires = c.req.query('expires');
    if (!file.endsWith('.png') || !isMediaKind(kind)) throw detailError(404, NOT_FOUND_DETAIL);
    if (!sandbox.media.verify(c.req.path, expires, c.req.query('signature'))) {
      throw detailError(403, 'Invalid signature.');
    }
    if (Number(expires) * 1000 <= sandbox.clock.now()) throw detailError(403, 'Request has expired.');
    const session = sandbox.sessions.get(c.req.param('sessionId'));
    if (!session) throw detailError(404, NOT_FOUND_DETAIL);
    const appearance = (session.outcome?.person ?? generatePerson(session.personSeed, session.createdAt))
      .appearance;
    return c.body(new Uint8Array(renderMediaPng(kind, session.personSeed, appearance)), 200, {
      'Content-Type': 'image/png',
      'Cache-Control': 'private, no-store',
    });
  });
  return app;
}

export function createDiditApp(sandbox: DiditSandbox) {
  const app = new Hono({ strict: true });
  app.onError((error, c) => {
    if (error instanceof DiditHttpError) return c.json(error.body, error.status, error.headers);
    sandbox.config.log?.(`unexpected error on ${c.req.method} ${c.req.path}: ${error.name}`);
    return c.json({ detail: SERVER_ERROR_DETAIL }, 500);
  });
  app.notFound((c) => c.json({ detail: NOT_FOUND_DETAIL }, 404));

  const limitBody = bodyLimit({
    maxSize: MAX_REQUEST_BODY_BYTES,
    // The unread rest of the body stays on the socket, so the connection cannot be reused.
    onError: (c) => c.json({ detail: 'Request body too large.' }, 413, { Connection: 'close' }),
  });
  app.use('/v3/*', appendSlash, injectFaults(sandbox), requireApiKey(sandbox), rateLimit(sandbox), limitBody);
  app.use('/media/*', injectFaults(sandbox));
  app.use('/_sandbox/*', requireApiKey(sandbox), limitBody);

  app.route('/', diditApiRoutes(sandbox));
  app.route('/', diditListRoutes(sandbox));
  app.route('/', mediaRoutes(sandbox));
  app.route('/', sandboxControlRoutes(sandbox));
  app.route('/', sandboxConsoleRoutes(sandbox));
  app.route('/', hostedSessionRoutes(sandbox));
  app.get('/_sandbox/didit', (c) =>
    c.json({
      default_workflow_id: sandbox.defaultWorkflowId,
      application_id: sandbox.applicationId,
      webhook_url: sandbox.webhookConfig.webhook_url,
    }),
  );
  return app;
}

export type DiditApp = ReturnType<typeof createDiditApp>;
