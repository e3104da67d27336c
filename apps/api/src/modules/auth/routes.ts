import { deleteCookie, getCookie } from 'hono/cookie';
import { clientBucket } from '../../platform/client-address';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { failureThrottle } from '../../platform/failure-throttle';
import { createRouter, currentUser } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { AccountThrottle, DEVICE_COOKIE } from './account-throttle';
import { SESSION_COOKIE, setDeviceCookie, setSessionCookie } from './cookies';
import { requestContext } from './middleware';
import { auditThrottledSignIn, hashToken, signIn, signOut, toMe } from './service';

/** Failed attempts per client (IPv4 address or IPv6 /64) per window; enough for typos, far too few for guessing. */
export const LOGIN_ATTEMPTS_PER_WINDOW = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export function authRoutes(deps: AppDeps) {
  const router = createRouter();
  const accountThrottle = new AccountThrottle(deps.now);
  router.use(
    '/auth/login',
    // Only failed attempts count: a team signing in from one office address is not throttled.
    failureThrottle({
      windowMs: LOGIN_WINDOW_MS,
      limit: LOGIN_ATTEMPTS_PER_WINDOW,
      key: (c) => clientBucket(c),
      refusal: () =>
        new AppError(
          429,
          'too_many_attempts',
          'Too many sign-in attempts. Wait a few minutes and try again.',
        ),
    }),
  );
  return router
    .openapi(apiRoute('login'), async (c) => {
      const { email, password } = c.req.valid('json');
      const account = email.toLowerCase();
      const device = accountThrottle.deviceFor(account, getCookie(c, DEVICE_COOKIE));
      // A browser that signed in to this account before answers only for its own failures.
      const key = device !== null && accountThrottle.waitMs(device) === 0 ? device : account;
      const waitMs = accountThrottle.waitMs(key);
      if (waitMs > 0) {
        auditThrottledSignIn(deps, account, requestContext(c));
        const seconds = Math.ceil(waitMs / 1000);
        c.header('Retry-After', String(seconds));
        throw new AppError(
          429,
          'too_many_attempts',
          `Too many failed sign-ins for this account. Try again in ${formatWait(seconds)}, or from a browser you have signed in with before.`,
        );
      }
      // Counted before the password is checked (and cleared on success), so guesses sent in parallel
      // cannot all pass the check above while the slow hash runs.
      accountThrottle.recordFailure(key);
      const previous = getCookie(c, SESSION_COOKIE);
      let signedIn: Awaited<ReturnType<typeof signIn>>;
      try {
        signedIn = await signIn(
          deps,
          email,
          password,
          previous ? hashToken(previous) : null,
          requestContext(c),
        );
      } catch (error) {
        // A wrong password through the device exemption still counts against the account.
        if (key !== account && error instanceof AppError && error.code === 'invalid_credentials') {
          accountThrottle.recordFailure(account);
        }
        throw error;
      }
      // A sign-in through the device exemption leaves the account's backoff as it is: otherwise every
      // sign-in of the real user would hand an attacker a fresh round of free guesses.
      accountThrottle.reset(key);
      setSessionCookie(c, deps, signedIn.token, signedIn.expiresAt);
      setDeviceCookie(c, deps, accountThrottle.issueDevice(account));
      return c.json(toMe(signedIn.user), 200);
    })
    .openapi(apiRoute('logout'), (c) => {
      signOut(deps, currentUser(c), requestContext(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .openapi(apiRoute('me'), (c) => c.json(toMe(currentUser(c)), 200));
}

function formatWait(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
