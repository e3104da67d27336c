import { OpenAPIHono } from '@hono/zod-openapi';
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

/** The signed-in user of a route whose access is not `public` (the gate has already checked it). */
export function currentUser(c: { get(key: 'user'): SignedInUser | null }): SignedInUser {
  const user = c.get('user');
  if (!user) throw new AppError(401, 'not_signed_in', 'Sign in to continue.');
  return user;
}
