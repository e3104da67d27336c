import { createHash } from 'node:crypto';
import { ROUTES } from '@backoffice/contracts';
import { jsonContent } from '@backoffice/contracts/route-docs';
import {
  DITTO_ENCRYPTED_CONTENT_TYPE,
  DITTO_MAX_BODY_BYTES,
  DITTO_REPLY_REFUSED_STATUS_CODES,
} from '@backoffice/providers/ditto';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { connectionAddress } from '../../modules/auth/middleware';
import { closingBodyLimit } from '../../platform/body-limit';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { failureThrottle } from '../../platform/failure-throttle';
import { type AppEnv, createRouter } from '../../platform/openapi';
import { mountedRoute } from '../../platform/routes';
import { DittoAuthError, DittoRequestError } from './errors';
import {
  authenticateDittoPush,
  issueDittoToken,
  parseBasicCredentials,
  receiveDittoSubmission,
} from './service';

/** A token request is a few form fields. */
const TOKEN_MAX_BODY_BYTES = 16 * 1024;
/** Failed calls per connection and window before 429; a correctly configured Ditto server never fails. */
const FAILURE_WINDOW_MS = 15 * 60 * 1000;
const TOKEN_FAILURES_PER_WINDOW = 20;
/**
 * Failed token calls naming one client id, from any address: guessing one client's secret from many
 * addresses is throttled too. The price: someone who knows our client id can hold Ditto's token calls
 * off for a window; a check that let the right secret through would tell a guesser when it is right.
 */
const TOKEN_FAILURES_PER_CLIENT_PER_WINDOW = 20;
const KYC_FAILURES_PER_WINDOW = 60;

const DittoAuthErrorBody = z
  .object({
    response_code: z.literal(1),
    error_code: z.number().int(),
    error_message: z.string(),
    error: z.string(),
    error_description: z.string(),
    requestId: z.string(),
  })
  .meta({ id: 'DittoAuthError' });
const DittoRefusal = z
  .object({
    result: z.literal(false),
    reference_number: z.null(),
    user_id: z.null(),
    status_code: z.number().int(),
    status_message: z.string(),
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
  })
  .meta({ id: 'DittoRefusal' });
const DittoTokenResponse = z
  .object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int() })
  .meta({ id: 'DittoTokenResponse' });
const DittoKycReply = z
  .object({
    result: z.literal(true),
    reference_number: z.string(),
    user_id: z.string().nullable(),
    status_code: z.number().int(),
    status_message: z.string(),
  })
  .meta({ id: 'DittoKycReply' });

async function readTokenFields(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (type.startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch {
      // fall through: refused below as not a form either
    }
    throw new DittoRequestError(400, 'invalid_request', 'The token request body is not a JSON object.');
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** The client id a token call presents (Basic credentials first, as the service reads them), hashed. */
async function presentedClientKey(c: Context<AppEnv>): Promise<string> {
  let clientId = parseBasicCredentials(c.req.header('authorization'))?.clientId;
  if (clientId === undefined) {
    // Hono keeps the body text, so the route reads the same fields again without a second read.
    const fields = await readTokenFields(c).catch(() => ({}) as Record<string, unknown>);
    clientId = typeof fields.client_id === 'string' ? fields.client_id : '';
  }
  // Hashed so that a long or odd client id costs the limiter's memory no more than any other.
  return `client:${createHash('sha256').update(clientId).digest('base64url')}`;
}

function failureLimiter(
  limit: number,
  key: (c: Context<AppEnv>) => string | Promise<string> = (c) => connectionAddress(c) ?? 'unknown',
  message = 'Too many failed calls from this connection.',
) {
  // Only refusals count: a Ditto server pushing a burst of good submissions is never throttled.
  return failureThrottle({
    windowMs: FAILURE_WINDOW_MS,
    limit,
    key,
    refusal: () => new DittoRequestError(429, 'too_many_failures', message),
  });
}

/**
 * Endpoints Ditto's IDV server calls (it pushes; we host): `POST /ditto/token` (OAuth2 client credentials)
 * and `POST /ditto/kyc` (the KYC submission). Both are `public` in the access table: they authenticate with
 * our own client credentials and tokens, not with a reviewer's session.
 */
export function dittoRoutes(deps: AppDeps) {
  const router = createRouter();

  router.onError((error, c) => {
    const requestId = c.get('requestId');
    if (error instanceof DittoAuthError) {
      const realm = 'realm="ditto"';
      c.header(
        'WWW-Authenticate',
        error.challenge === 'Basic'
          ? `Basic ${realm}, charset="UTF-8"`
          : `Bearer ${realm}, error="${error.oauthError}", error_description="${error.message}"`,
      );
      c.header('Cache-Control', 'no-store');
      return c.json(
        {
          response_code: 1,
          error_code: error.dittoErrorCode,
          error_message: 'Authorization failed',
          error: error.oauthError,
          error_description: error.message,
          requestId,
        },
        401,
      );
    }
    const refusal =
      error instanceof AppError
        ? error
        : error instanceof HTTPException && error.status === 413
          ? new DittoRequestError(413, 'payload_too_large', 'The body is larger than accepted.')
          : null;
    if (!refusal) {
      deps.logger.error({ err: error, requestId }, 'Ditto endpoint failed');
      return c.json(
        refusalBody('internal_error', 'Something went wrong on our side; retry later.', 500, requestId),
        500,
      );
    }
    deps.logger.warn(
      { requestId, path: c.req.path, code: refusal.code, status: refusal.status },
      'Ditto call refused',
    );
    c.header('Cache-Control', 'no-store');
    return c.json(refusalBody(refusal.code, refusal.message, refusal.status, requestId), refusal.status);
  });

  router.use(
    '/token',
    failureLimiter(TOKEN_FAILURES_PER_WINDOW),
    bodyLimit({
      maxSize: TOKEN_MAX_BODY_BYTES,
      onError: () => {
        throw new DittoRequestError(413, 'payload_too_large', 'The token request is larger than accepted.');
      },
    }),
    // After the body limit: the client id may sit in the body, which is read (bounded) to find it.
    failureLimiter(
      TOKEN_FAILURES_PER_CLIENT_PER_WINDOW,
      presentedClientKey,
      'Too many failed token calls for this client id.',
    ),
  );
  router.use(
    '/kyc',
    failureLimiter(KYC_FAILURES_PER_WINDOW),
    // Authenticate before reading up to 20 MB: an unauthenticated caller never gets its body buffered.
    async (c, next) => {
      authenticateDittoPush(deps, c.req.header('authorization'));
      await next();
    },
    closingBodyLimit(DITTO_MAX_BODY_BYTES, () => {
      throw new DittoRequestError(413, 'payload_too_large', 'The KYC body is larger than accepted.');
    }),
  );

  router.openAPIRegistry.registerPath({
    ...mountedRoute(ROUTES.dittoToken, '/ditto'),
    tags: ['Ditto ID'],
    summary: 'OAuth2 client-credentials token for Ditto ID',
    description:
      'Form-encoded (or JSON) `grant_type=client_credentials`, `client_id`, `client_secret`, or HTTP Basic client ' +
      'authentication. Tokens are random, stored hashed, and expire after DITTO_TOKEN_TTL_SECONDS.',
    responses: {
      200: jsonContent(DittoTokenResponse, 'Token issued'),
      400: jsonContent(DittoRefusal, 'Unsupported grant type or malformed body'),
      401: jsonContent(DittoAuthErrorBody, 'Wrong client credentials (Ditto error shape, WWW-Authenticate)'),
      429: jsonContent(
        DittoRefusal,
        'Too many failed attempts from this connection or for this client id (Retry-After)',
      ),
      503: jsonContent(DittoRefusal, 'Ditto ID is not configured'),
    },
  });
  router.openAPIRegistry.registerPath({
    ...mountedRoute(ROUTES.dittoKyc, '/ditto'),
    tags: ['Ditto ID'],
    summary: 'KYC submission pushed by Ditto ID (IDV V3 KYC API)',
    description:
      '`Authorization: Bearer <token from /ditto/token>`. The body is the Ditto KYC JSON, or its AES ciphertext ' +
      '(Base64) when encryption is configured. `request_info.requester_id` is the idempotency key: a retry gets ' +
      'the same reference number; the same id with another payload gets 409. Answers only after the case is committed.',
    responses: {
      200: jsonContent(
        DittoKycReply,
        'Stored (or already stored); Base64 ciphertext of this JSON when replies are encrypted',
      ),
      400: jsonContent(DittoRefusal, 'Malformed or undecryptable body; nothing stored'),
      401: jsonContent(DittoAuthErrorBody, 'Missing, wrong or expired token'),
      409: jsonContent(DittoRefusal, 'requester_id already used with a different payload'),
      413: jsonContent(DittoRefusal, 'Body larger than 20 MB; nothing stored'),
      503: jsonContent(DittoRefusal, 'Ditto ID is not configured'),
    },
  });

  return router
    .post('/token', async (c) => {
      const fields = await readTokenFields(c);
      const token = issueDittoToken(deps, fields, c.req.header('authorization'));
      // RFC 6749 §5.1: token responses must not be cached.
      c.header('Cache-Control', 'no-store');
      c.header('Pragma', 'no-cache');
      return c.json(token, 200);
    })
    .post('/kyc', async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const reply = receiveDittoSubmission(deps, raw, c.get('requestId'));
      c.header('Cache-Control', 'no-store');
      if (reply.kind === 'encrypted') {
        return c.body(reply.body, 200, { 'Content-Type': DITTO_ENCRYPTED_CONTENT_TYPE });
      }
      return c.json(reply.body, 200);
    });
}

function refusalBody(code: string, message: string, status: number, requestId: string) {
  return {
    result: false as const,
    reference_number: null,
    user_id: null,
    status_code:
      status in REFUSAL_CODE_BY_STATUS
        ? REFUSAL_CODE_BY_STATUS[status as keyof typeof REFUSAL_CODE_BY_STATUS]
        : status,
    status_message: message,
    code,
    message,
    requestId,
  };
}

const REFUSAL_CODE_BY_STATUS = {
  400: DITTO_REPLY_REFUSED_STATUS_CODES.malformed,
  401: DITTO_REPLY_REFUSED_STATUS_CODES.unauthorized,
  409: DITTO_REPLY_REFUSED_STATUS_CODES.conflict,
  413: DITTO_REPLY_REFUSED_STATUS_CODES.tooLarge,
  503: DITTO_REPLY_REFUSED_STATUS_CODES.unavailable,
} as const;
