import type { Context } from 'hono';
import { generateCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { peerIsTrustedProxy } from '../../platform/client-address';
import type { AppDeps } from '../../platform/deps';
import { setHeaderAfterHandler } from '../../platform/response-headers';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S } from './account-throttle';

export const SESSION_COOKIE = 'bo_session';

/**
 * `Secure` whenever the browser reached us over TLS: the configured public URL is https, the request
 * itself is, or a trusted proxy says so (`X-Forwarded-Proto`, believed from trusted proxies only).
 */
export function cookiesAreSecure(c: Context, deps: AppDeps): boolean {
  if (deps.env.PUBLIC_BASE_URL?.startsWith('https:')) return true;
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (!peerIsTrustedProxy(c, deps.trustedProxies)) return false;
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https';
}

/** Sets the session cookie so that it lives as long as the server-side session. */
export function setSessionCookie(c: Context, deps: AppDeps, token: string, expiresAt: number): void {
  setCookie(c, SESSION_COOKIE, token, sessionCookieOptions(c, deps, expiresAt));
}

/** Moves the cookie's expiry with the session's, from the gate, after the handler has answered. */
export function refreshSessionCookie(c: Context, deps: AppDeps, token: string, expiresAt: number): void {
  const cookie = generateCookie(SESSION_COOKIE, token, sessionCookieOptions(c, deps, expiresAt));
  setHeaderAfterHandler(c, 'Set-Cookie', cookie, { append: true });
}

function sessionCookieOptions(c: Context, deps: AppDeps, expiresAt: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'Lax',
    secure: cookiesAreSecure(c, deps),
    path: '/',
    maxAge: Math.max(0, Math.floor((expiresAt - deps.now()) / 1000)),
  };
}

/** Only the sign-in route reads the device cookie, so only it receives it. */
export function setDeviceCookie(c: Context, deps: AppDeps, value: string): void {
  setCookie(c, DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: cookiesAreSecure(c, deps),
    path: '/api/auth/login',
    maxAge: DEVICE_COOKIE_MAX_AGE_S,
  });
}
