import { LoginRequest, Me } from '@backoffice/contracts';
import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { rateLimiter } from 'hono-rate-limiter';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { createRouter, currentUser, errorResponses, jsonContent } from '../../platform/openapi';
import { connectionAddress, requestContext, SESSION_COOKIE } from './middleware';
import { hashToken, SESSION_IDLE_MS, signIn, signOut, toMe } from './service';

/** Attempts per connection address per window; enough for typos, far too few for guessing. */
export const LOGIN_ATTEMPTS_PER_WINDOW = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

const MeSchema = Me.meta({ id: 'Me' });

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['Auth'],
  summary: 'Sign in with e-mail and password; sets a new HttpOnly session cookie',
  request: { body: { content: { 'application/json': { schema: LoginRequest } }, required: true } },
  responses: {
    200: jsonContent(MeSchema, 'Signed in'),
    400: errorResponses[400],
    401: errorResponses[401],
    429: errorResponses[429],
  },
});
const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['Auth'],
  summary: 'Sign out: ends the session on the server',
  responses: { 204: { description: 'Signed out' }, 401: errorResponses[401] },
});
const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['Auth'],
  summary: 'The signed-in user and their permissions',
  responses: { 200: jsonContent(MeSchema, 'The signed-in user'), 401: errorResponses[401] },
});

export function authRoutes(deps: AppDeps) {
  const router = createRouter();
  router.use(
    '/auth/login',
    rateLimiter({
      windowMs: LOGIN_WINDOW_MS,
      limit: LOGIN_ATTEMPTS_PER_WINDOW,
      standardHeaders: 'draft-6',
      // Only failed attempts count: a team signing in from one office address is not throttled.
      skipSuccessfulRequests: true,
      keyGenerator: (c) => connectionAddress(c) ?? 'unknown',
      handler: (c) => {
        c.header('Retry-After', String(Math.ceil(LOGIN_WINDOW_MS / 1000)));
        throw new AppError(
          429,
          'too_many_attempts',
          'Too many sign-in attempts. Wait a few minutes and try again.',
        );
      },
    }),
  );
  return router
    .openapi(loginRoute, async (c) => {
      const { email, password } = c.req.valid('json');
      const previous = getCookie(c, SESSION_COOKIE);
      const { token, user } = await signIn(
        deps,
        email,
        password,
        previous ? hashToken(previous) : null,
        requestContext(c),
      );
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: new URL(c.req.url).protocol === 'https:',
        path: '/',
        maxAge: Math.floor(SESSION_IDLE_MS / 1000),
      });
      return c.json(toMe(user), 200);
    })
    .openapi(logoutRoute, (c) => {
      signOut(deps, currentUser(c), requestContext(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .openapi(meRoute, (c) => c.json(toMe(currentUser(c)), 200));
}
