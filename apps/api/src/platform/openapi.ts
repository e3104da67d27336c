import { ApiError } from '@backoffice/contracts';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { SignedInUser } from '../modules/auth/service';
import { AppError } from './errors';
import type { RequestLogFields } from './request-log';

export type AppEnv = {
  Variables: {
    requestId: string;
    user: SignedInUser | null;
    /** Set by platform/client-address.ts; read it through `clientAddress(c)`. */
    clientAddress: string | null;
    /** Set through `addRequestLogFields` (platform/request-log.ts); written on the request's log line. */
    requestLogFields?: RequestLogFields;
  };
};

/** Every router is an OpenAPIHono whose validation failures become the one ApiError shape (400). */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.') || '(body)',
          message: issue.message,
        }));
        throw new AppError(400, 'invalid_request', 'The request is not valid.', issues);
      }
    },
  });
}

export const ApiErrorSchema = ApiError.meta({ id: 'ApiError' });

const errorContent = { 'application/json': { schema: ApiErrorSchema } };

/** An answer with the ApiError body, for a status or a reason the shared `errorResponses` do not word. */
export const errorResponse = <const D extends string>(description: D) => ({
  description,
  content: errorContent,
});

export const errorResponses = {
  400: errorResponse('Invalid request'),
  401: errorResponse('Not signed in, or the credentials are wrong'),
  403: errorResponse('The role does not allow this'),
  404: errorResponse('Not found'),
  409: errorResponse('Conflict with the current state'),
  422: errorResponse('Cannot be processed'),
  429: errorResponse('Too many requests'),
} as const;

/** The shared error answers of the given statuses, for a route that can only be refused in those ways. */
export const refusals = <const S extends keyof typeof errorResponses>(...statuses: S[]) =>
  Object.fromEntries(statuses.map((status) => [status, errorResponses[status]])) as Pick<
    typeof errorResponses,
    S
  >;

export const jsonContent = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body with its schema. */
export const jsonBody = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

/** The `:id` of a route whose resource has a positive integer id. */
export const IdParam = z.object({ id: z.coerce.number().int().positive() });

/** An If-Match value: a case version (`parseIfMatch` answers 428 where it is required). */
export const IfMatchValue = z.string().max(40).optional();

/** An Idempotency-Key value (`idempotencyKeyOf` answers 400 where it is required). */
export const IdempotencyKeyValue = z.string().max(200).optional();

/** The optional If-Match header. */
export const IfMatchHeader = z.object({ 'if-match': IfMatchValue });

/** The optional Idempotency-Key header. */
export const IdempotencyKeyHeader = z.object({ 'idempotency-key': IdempotencyKeyValue });

/** The signed-in user of a route whose access is not `public` (the gate has already checked it). */
export function currentUser(c: { get(key: 'user'): SignedInUser | null }): SignedInUser {
  const user = c.get('user');
  if (!user) throw new AppError(401, 'not_signed_in', 'Sign in to continue.');
  return user;
}
