import type { ApiError, ErrorCode } from '@backoffice/contracts';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { actionRoutes } from './modules/actions/routes';
import { auditRoutes } from './modules/audit/routes';
import { accessGate } from './modules/auth/middleware';
import { authRoutes } from './modules/auth/routes';
import { bulkRoutes } from './modules/bulk/routes';
import { caseNoteRoutes } from './modules/case-notes/routes';
import { caseRoutes } from './modules/cases/routes';
import { dashboardRoutes } from './modules/dashboard/routes';
import { docsRoutes } from './modules/docs/routes';
import { driftRoutes } from './modules/drift/routes';
import { eventRoutes } from './modules/events/routes';
import { evidenceRoutes } from './modules/evidence/routes';
import { healthRoutes } from './modules/health/routes';
import { ingressRefusalCounter } from './modules/ingress/refusals';
import { qaRoutes } from './modules/qa/routes';
import { reasonCodeRoutes } from './modules/reason-codes/routes';
import { reconcileRoutes } from './modules/reconcile/routes';
import { slaRoutes } from './modules/sla/routes';
import { tagRoutes } from './modules/tags/routes';
import { userRoutes } from './modules/users/routes';
import { viewRoutes } from './modules/views/routes';
import { requestBodyLimit } from './platform/body-limit';
import { clientAddressMiddleware } from './platform/client-address';
import type { AppDeps } from './platform/deps';
import { AppError } from './platform/errors';
import { type AppEnv, createRouter } from './platform/openapi';
import { requestLog } from './platform/request-log';
import { setHeaderAfterHandler } from './platform/response-headers';
import { mountSpa } from './platform/static';
import { listRoutes } from './providers/didit/lists/routes';
import { webhookRoutes } from './providers/didit/routes';
import { workflowRoutes } from './providers/didit/workflows-routes';
import { dittoRoutes } from './providers/ditto/routes';
import { dittoScoreRoutes } from './providers/ditto/score-settings-routes';
import { kryptogoCallbackRoutes, kryptogoRoutes } from './providers/kryptogo/routes';

function errorBody(
  c: { get(key: 'requestId'): string },
  code: ErrorCode,
  message: string,
  issues?: ApiError['issues'],
): ApiError {
  return { code, message, requestId: c.get('requestId'), ...(issues ? { issues } : {}) };
}

export function createApp(deps: AppDeps) {
  const api = createRouter()
    .route('/', healthRoutes(deps))
    .route('/', authRoutes(deps))
    .route('/', reasonCodeRoutes(deps))
    .route('/', bulkRoutes(deps))
    .route('/', caseRoutes(deps))
    .route('/', evidenceRoutes(deps))
    .route('/', actionRoutes(deps))
    .route('/', caseNoteRoutes(deps))
    .route('/', reconcileRoutes(deps))
    .route('/', kryptogoRoutes(deps))
    .route('/', eventRoutes(deps))
    .route('/', auditRoutes(deps))
    .route('/', workflowRoutes(deps))
    .route('/', dittoScoreRoutes(deps))
    .route('/', userRoutes(deps))
    .route('/', slaRoutes(deps))
    .route('/', dashboardRoutes(deps))
    .route('/', tagRoutes(deps))
    .route('/', viewRoutes(deps))
    .route('/', listRoutes(deps))
    .route('/', qaRoutes(deps))
    .route('/', driftRoutes(deps));
  const webhooks = webhookRoutes(deps).route('/', kryptogoCallbackRoutes(deps));
  // The OpenAPI document covers the API and the webhook receivers, generated from the same zod schemas.
  const documented = createRouter()
    .route('/api', api)
    .route('/webhooks', webhooks)
    .route('/ditto', dittoRoutes(deps));

  const app = new Hono<AppEnv>();
  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(clientAddressMiddleware(deps.trustedProxies));
  app.use(requestLog(deps.logger));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes its CSS variables into a <style> element at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) setHeaderAfterHandler(c, 'Cache-Control', 'no-store');
  });
  app.use('/api/*', async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
      const type = c.req.header('content-type') ?? '';
      const hasBody = c.req.header('content-length') !== '0' && c.req.header('content-length') !== undefined;
      if (hasBody && !type.toLowerCase().startsWith('application/json')) {
        throw new AppError(415, 'unsupported_media_type', 'Send request bodies as application/json.');
      }
    }
    await next();
  });

  // Cross-site form posts are refused by Origin; JSON bodies (the only kind accepted) cannot be sent
  // cross-origin without a CORS preflight, which this API never grants.
  app.use('/api/*', csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin }));
  app.use('/api/*', accessGate(deps));
  // Outside the ingress routes' own throttles and checks, so every refusal is counted, 429s included.
  app.use('/webhooks/*', ingressRefusalCounter(deps));
  app.use('/ditto/*', ingressRefusalCounter(deps));
  app.use('/webhooks/*', accessGate(deps));
  app.use('/ditto/*', accessGate(deps));
  app.use('/api/*', requestBodyLimit());
  app.use('/webhooks/*', requestBodyLimit());
  app.use('/ditto/*', requestBodyLimit());

  app.route('/', documented);
  app.route('/api', docsRoutes(documented));

  app.notFound((c) => c.json(errorBody(c, 'not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((error, c) => {
    if (error instanceof AppError) {
      return c.json(errorBody(c, error.code, error.message, error.issues), error.status);
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      return c.json(
        errorBody(
          c,
          status === 413 ? 'payload_too_large' : 'http_error',
          error.message || 'Request refused.',
        ),
        status,
      );
    }
    if (isSqliteBusy(error)) {
      return c.json(errorBody(c, 'busy', 'The database is busy; retry shortly.'), 503);
    }
    deps.logger.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
    return c.json(
      errorBody(c, 'internal_error', 'Something went wrong on our side. Quote the request id.'),
      500,
    );
  });

  if (deps.env.WEB_DIST_DIR) mountSpa(app, deps.env.WEB_DIST_DIR);
  return app;
}

function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

export type App = ReturnType<typeof createApp>;
