import { ROLE_PERMISSIONS, type Role } from '@backoffice/contracts';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS } from '../../platform/access';
import { AppError } from '../../platform/errors';
import type { AppEnv } from '../../platform/openapi';
import { type Harness, startHarness } from '../../test/harness';
import { accessGate } from './middleware';
import { deleteExpiredSessions } from './repo';
import { DEMO_USERS } from './service';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const demo = (role: string) => DEMO_USERS.find((u) => u.email.startsWith(`${role}@`))!;

async function login(email: string, password: string, cookie?: string) {
  const response = await fetch(`${h.apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ email, password }),
  });
  return {
    status: response.status,
    setCookie: response.headers.get('set-cookie'),
    body: await response.json().catch(() => null),
  };
}

const auditActions = () =>
  (
    h.api.deps.db.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]
  ).map((r) => r.action);

describe('sign-in', () => {
  it('sets an HttpOnly SameSite session cookie and audits the sign-in', async () => {
    const analyst = demo('analyst');
    const result = await login(analyst.email, analyst.password);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      email: analyst.email,
      role: 'analyst',
      permissions: expect.arrayContaining(['cases:decide']),
    });
    expect(result.setCookie).toMatch(/HttpOnly/i);
    expect(result.setCookie).toMatch(/SameSite=Lax/i);
    expect(auditActions()).toContain('auth.signed_in');
    const stored = h.api.deps.db.sqlite
      .prepare('SELECT password_hash FROM users WHERE email = ?')
      .get(analyst.email) as { password_hash: string };
    expect(stored.password_hash.startsWith('$argon2id$')).toBe(true);
  });

  it('refuses a wrong password and an unknown account with the same 401', async () => {
    const wrong = await login(demo('analyst').email, 'not-the-password');
    const unknown = await login('nobody@demo.local', 'whatever-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((wrong.body as { message: string }).message).toBe((unknown.body as { message: string }).message);
    expect(auditActions().filter((a) => a === 'auth.sign_in_failed').length).toBeGreaterThanOrEqual(2);
  });

  it('rotates the session at sign-in and ends it on the server at sign-out', async () => {
    const manager = demo('manager');
    const first = (await login(manager.email, manager.password)).setCookie!.split(';')[0]!;
    const second = (await login(manager.email, manager.password, first)).setCookie!.split(';')[0]!;
    expect(second).not.toBe(first);
    const me = (cookie: string) =>
      fetch(`${h.apiUrl}/api/auth/me`, { headers: { cookie } }).then((r) => r.status);
    expect(await me(first)).toBe(401);
    expect(await me(second)).toBe(200);
    const out = await fetch(`${h.apiUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: second, 'content-type': 'application/json' },
    });
    expect(out.status).toBe(204);
    expect(await me(second)).toBe(401);
    expect(auditActions()).toContain('auth.signed_out');
  });

  it('answers a malformed sign-in body with 400', async () => {
    const response = await h.call('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":"not-an-email"}',
      as: null,
    });
    expect(response.status).toBe(400);
  });
});

describe('role × route matrix', () => {
  const samplePath = (path: string) =>
    path.replace(':id', '1').replace(':key', 'front_image').replace(':file', 'swagger-ui.css');
  const roles: (Role | null)[] = [null, 'analyst', 'manager', 'admin'];
  const entries = Object.entries(ROUTE_ACCESS) as [string, string][];

  for (const [route, access] of entries) {
    for (const role of roles) {
      const allowed =
        access === 'public' ||
        (role !== null && (access === 'signed_in' || ROLE_PERMISSIONS[role].includes(access as never)));
      it(`${route} as ${role ?? 'anonymous'} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const [method, path] = route.split(' ') as [string, string];
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (role) {
          // Sign-out ends the session it is sent with, so it gets a session of its own.
          if (route === 'POST /api/auth/logout') {
            const user = demo(role);
            headers.cookie = (await login(user.email, user.password)).setCookie!.split(';')[0]!;
          } else {
            headers.cookie = await h.cookieFor(role);
          }
        }
        const controller = new AbortController();
        const response = await fetch(`${h.apiUrl}${samplePath(path)}`, {
          method,
          headers,
          signal: controller.signal,
          ...(method === 'GET' ? {} : { body: '{}' }),
        });
        const body: any = response.headers.get('content-type')?.includes('json')
          ? await response.json()
          : null;
        controller.abort(); // the event stream never ends on its own
        // The gate's own refusals carry these codes; a handler may still refuse a bad body (e.g. an unsigned webhook).
        if (allowed) {
          expect(['not_signed_in', 'forbidden']).not.toContain(body?.code);
        } else {
          expect(response.status).toBe(role === null ? 401 : 403);
          expect(body.code).toBe(role === null ? 'not_signed_in' : 'forbidden');
        }
      });
    }
  }
});

describe('deny by default', () => {
  it('refuses a route that is not in the access table, even to an admin', async () => {
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('requestId', 'test');
      await next();
    });
    app.use('*', accessGate(h.api.deps));
    app.get('/api/undeclared', (c) => c.text('should not run'));
    app.onError((error, c) => c.text(error.message, error instanceof AppError ? error.status : 500));
    const response = await app.request('/api/undeclared', {
      headers: { cookie: await h.cookieFor('admin') },
    });
    expect(response.status).toBe(403);
  });
});

describe('session housekeeping', () => {
  it('purges expired sessions and keeps live ones', () => {
    const db = h.api.deps.db;
    const now = Date.now();
    const insert = db.sqlite.prepare(
      'INSERT INTO user_sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
    );
    insert.run('expired-token-hash', 'someone', now - 10_000, now - 1, now - 10_000);
    insert.run('live-token-hash', 'someone', now, now + 60_000, now);
    deleteExpiredSessions(db, now);
    const left = db.sqlite
      .prepare("SELECT token_hash FROM user_sessions WHERE user_id = 'someone' ORDER BY token_hash")
      .all();
    expect(left).toEqual([{ token_hash: 'live-token-hash' }]);
  });
});

describe('login rate limit', () => {
  it('answers 429 with Retry-After after too many attempts from one connection', async () => {
    let last = { status: 0 } as Awaited<ReturnType<typeof login>>;
    // A different (unknown) account each time: the per-account backoff must not be what answers here.
    for (let i = 0; i < 12; i++) last = await login(`nobody-${i}@demo.local`, `wrong-${i}`);
    expect(last.status).toBe(429);
  });
});
