import { roleHas } from '@backoffice/contracts';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { matchedRoutes } from 'hono/route';
import { accessFor } from '../../platform/access';
import { clientAddress, clientBucket } from '../../platform/client-address';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { type AppEnv, currentUser } from '../../platform/openapi';
import { refreshSessionCookie, SESSION_COOKIE } from './cookies';
import { type RequestContext, resolveSession } from './service';

export { SESSION_COOKIE };

/**
 * @deprecated Use `clientBucket` (throttle keys) or `clientAddress` (records) from platform/client-address:
 * both follow TRUSTED_PROXIES. Kept as the throttle key for callers written before them.
 */
export const connectionAddress = (c: Context): string => clientBucket(c);

export function requestContext(c: Context<AppEnv>): RequestContext {
  return {
    requestId: c.get('requestId'),
    ip: clientAddress(c),
    userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null,
  };
}

/** Who acts and from where, as a use case takes it: the signed-in user and the request context. */
export const requestActor = (c: Context<AppEnv>) => ({ user: currentUser(c), context: requestContext(c) });

/** Route prefixes the gate guards; everything else is the SPA's static files. */
const SERVER_ROUTE_PREFIXES = ['/api/', '/webhooks/', '/ditto/'];
const isServerRoute = (path: string) => SERVER_ROUTE_PREFIXES.some((prefix) => path.startsWith(prefix));

/**
 * The gate in front of every API and webhook route: finds the matched handler's entry in ROUTE_ACCESS
 * and refuses what it does not allow. A route that is not in the table is refused to everyone.
 */
export function accessGate(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? resolveSession(deps, token) : null;
    c.set('user', session?.user ?? null);
    if (token && session?.slidTo) {
      const slidTo = session.slidTo;
      // The cookie's Max-Age moves with the server's idle expiry, else an active user is signed out
      // by the browser when the first Max-Age runs out. Not when the handler set its own (sign-in, -out).
      const refresh = async () => {
        const own = c.res.headers.getSetCookie().some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
        if (!own) refreshSessionCookie(c, deps, token, slidTo);
      };
      return gated(c, next).then(refresh);
    }
    return gated(c, next);
  };

  async function gated(c: Parameters<MiddlewareHandler<AppEnv>>[0], next: () => Promise<void>) {
    // Middlewares match as ALL; the SPA's catch-all also matches but only serves non-API paths.
    const handler = matchedRoutes(c).find((route) => route.method !== 'ALL' && isServerRoute(route.path));
    // No declared handler under a server prefix: refused here, so nothing mounted later (a middleware,
    // an `all` route, the SPA's static files) can answer it unchecked.
    if (!handler) throw new AppError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`);
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const access = accessFor(method, handler.path);
    if (access === undefined) {
      deps.logger.error({ method, path: handler.path }, 'route has no declared access; refused');
      throw new AppError(403, 'forbidden', 'This route is not available.');
    }
    if (access === 'public') return next();
    const user = c.get('user');
    if (!user) throw new AppError(401, 'not_signed_in', 'Sign in to continue.');
    if (access !== 'signed_in' && !roleHas(user.role, access)) {
      throw new AppError(403, 'forbidden', `Your role (${user.role}) does not allow this.`);
    }
    return next();
  }
}
