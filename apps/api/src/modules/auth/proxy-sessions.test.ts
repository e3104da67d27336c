import { randomUUID } from 'node:crypto';
import { createTestClock } from '@backoffice/providers/test-clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';
import { ACCOUNT_BACKOFF_BASE_MS, ACCOUNT_FREE_FAILURES, DEVICE_COOKIE } from './account-throttle';
import { LOGIN_ATTEMPTS_PER_WINDOW } from './routes';
import { DEMO_USERS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './service';

const demo = (role: string) => DEMO_USERS.find((u) => u.email.startsWith(`${role}@`))!;
const unknownEmail = () => `nobody-${randomUUID()}@demo.local`;

function client(h: Harness) {
  return async function login(
    email: string,
    password: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: any; cookies: string[]; retryAfter: string | null }> {
    const response = await fetch(`${h.apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password }),
    });
    return {
      status: response.status,
      body: await response.json().catch(() => null),
      cookies: response.headers.getSetCookie(),
      retryAfter: response.headers.get('retry-after'),
    };
  };
}

const lastAudit = (h: Harness, action: string) =>
  h.api.deps.db.sqlite
    .prepare('SELECT ip, reason FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1')
    .get(action) as { ip: string | null; reason: string | null } | undefined;

const sessionCookie = (cookies: string[]) => cookies.find((c) => c.startsWith('bo_session='));
const cookieValue = (cookies: string[], name: string) =>
  cookies.find((c) => c.startsWith(`${name}=`))?.split(';')[0];
const maxAge = (cookie: string | undefined) => Number(/Max-Age=(\d+)/i.exec(cookie ?? '')?.[1]);

describe('behind a trusted proxy (TRUSTED_PROXIES=loopback)', () => {
  let h: Harness;
  const clock = createTestClock(Date.now());
  let login: ReturnType<typeof client>;
  beforeAll(async () => {
    h = await startHarness({ now: clock.now, env: { TRUSTED_PROXIES: 'loopback' } });
    login = client(h);
  });
  afterAll(async () => {
    await h?.close();
  });
  const via = (address: string) => ({ 'x-forwarded-for': address });

  it('ten failures through the proxy from one client do not lock out another client behind the same proxy', async () => {
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i++) {
      expect((await login(unknownEmail(), 'wrong-password', via('203.0.113.7'))).status).toBe(401);
    }
    expect((await login(unknownEmail(), 'wrong-password', via('203.0.113.7'))).status).toBe(429);
    const analyst = demo('analyst');
    const other = await login(analyst.email, analyst.password, via('203.0.113.8'));
    expect(other.status).toBe(200);
    // The audit row records the client, not the proxy.
    expect(lastAudit(h, 'auth.signed_in')?.ip).toBe('203.0.113.8');
  });

  it('reads X-Forwarded-For from the right: addresses a client adds on the left do not reset its count', async () => {
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i++) {
      const spoofed = `198.51.100.${i + 1}, 203.0.113.9`;
      expect((await login(unknownEmail(), 'wrong-password', via(spoofed))).status).toBe(401);
    }
    const next = await login(unknownEmail(), 'wrong-password', via('198.51.100.200, 203.0.113.9'));
    expect(next.status).toBe(429);
    expect(lastAudit(h, 'auth.sign_in_failed')?.ip).toBe('203.0.113.9');
  });

  it('IPv6 addresses in one /64 share a bucket', async () => {
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i++) {
      const address = `2001:db8:1:2::${(i + 1).toString(16)}`;
      expect((await login(unknownEmail(), 'wrong-password', via(address))).status).toBe(401);
    }
    expect((await login(unknownEmail(), 'wrong-password', via('2001:db8:1:2:ffff:1:2:3'))).status).toBe(429);
    // The neighbouring /64 is another subscriber.
    expect((await login(unknownEmail(), 'wrong-password', via('2001:db8:1:3::1'))).status).toBe(401);
  });

  it('a per-account throttle slows guesses from many addresses, and answers the same for an unknown account', async () => {
    const manager = demo('manager');
    const ghost = unknownEmail();
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      expect((await login(manager.email, `guess-${i}`, via(`192.0.2.${i + 1}`))).status).toBe(401);
      expect((await login(ghost, `guess-${i}`, via(`192.0.2.${i + 101}`))).status).toBe(401);
    }
    // Even the right password from a fresh address waits: during the wait no password is checked.
    const held = await login(manager.email, manager.password, via('192.0.2.50'));
    const heldGhost = await login(ghost, 'anything-at-all', via('192.0.2.150'));
    expect(held.status).toBe(429);
    expect(held.retryAfter).toBe(String(ACCOUNT_BACKOFF_BASE_MS / 1000));
    // No account enumeration: the same status, code, message and wait for an account that does not exist.
    expect(heldGhost.status).toBe(held.status);
    expect(heldGhost.retryAfter).toBe(held.retryAfter);
    expect(heldGhost.body.code).toBe(held.body.code);
    expect(heldGhost.body.message).toBe(held.body.message);
    expect(lastAudit(h, 'auth.sign_in_failed')?.reason).toBe('account throttled');

    // Refused attempts do not lengthen the wait: once it is over, the right password works.
    clock.advance(ACCOUNT_BACKOFF_BASE_MS);
    expect((await login(manager.email, manager.password, via('192.0.2.51'))).status).toBe(200);
  });

  it('the backoff doubles after each further failure', async () => {
    const admin = demo('admin');
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      expect((await login(admin.email, `guess-${i}`, via(`192.0.2.${i + 1}`))).status).toBe(401);
    }
    clock.advance(ACCOUNT_BACKOFF_BASE_MS);
    expect((await login(admin.email, 'guess-more', via('192.0.2.60'))).status).toBe(401);
    const held = await login(admin.email, admin.password, via('192.0.2.61'));
    expect(held.status).toBe(429);
    expect(held.retryAfter).toBe(String((2 * ACCOUNT_BACKOFF_BASE_MS) / 1000));
    clock.advance(2 * ACCOUNT_BACKOFF_BASE_MS);
    expect((await login(admin.email, admin.password, via('192.0.2.62'))).status).toBe(200);
  });

  it('guesses sent in parallel cannot all slip past the per-account check', async () => {
    const target = unknownEmail();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(target, `parallel-${i}`, via(`198.18.0.${i + 1}`))),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(ACCOUNT_FREE_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - ACCOUNT_FREE_FAILURES);
  });

  it('an attacker cannot lock the real user out of a browser they signed in with before', async () => {
    const analyst = demo('analyst2');
    const first = await login(analyst.email, analyst.password, via('198.51.100.77'));
    expect(first.status).toBe(200);
    const device = cookieValue(first.cookies, DEVICE_COOKIE)!;
    expect(device).toBeDefined();
    expect(first.cookies.find((c) => c.startsWith(`${DEVICE_COOKIE}=`))).toMatch(/HttpOnly/i);
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      expect((await login(analyst.email, `guess-${i}`, via(`192.0.2.${i + 200}`))).status).toBe(401);
    }
    expect((await login(analyst.email, analyst.password, via('192.0.2.210'))).status).toBe(429);
    // The real user's browser presents its device cookie: the account's backoff does not apply to it.
    const own = await login(analyst.email, analyst.password, { ...via('198.51.100.77'), cookie: device });
    expect(own.status).toBe(200);
    // The device cookie is bound to its account: it exempts nobody else.
    const manager = demo('manager');
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      await login(manager.email, `guess-${i}`, via(`192.0.2.${i + 220}`));
    }
    const borrowed = await login(manager.email, manager.password, { ...via('192.0.2.230'), cookie: device });
    expect(borrowed.status).toBe(429);
    // And the attacker, without it, is still held back.
    expect((await login(analyst.email, analyst.password, via('192.0.2.211'))).status).toBe(429);
  });

  it('the cookie is Secure when the trusted proxy says the request came over https', async () => {
    const analyst = demo('analyst');
    clock.advance(60 * 60_000); // past every backoff above
    const https = await login(analyst.email, analyst.password, {
      ...via('203.0.113.20'),
      'x-forwarded-proto': 'https',
    });
    expect(https.status).toBe(200);
    expect(sessionCookie(https.cookies)).toMatch(/;\s*Secure/i);
    const plain = await login(analyst.email, analyst.password, via('203.0.113.21'));
    expect(sessionCookie(plain.cookies)).not.toMatch(/;\s*Secure/i);
  });
});

describe('from a peer that is not a trusted proxy (TRUSTED_PROXIES=10.0.0.1)', () => {
  let h: Harness;
  let login: ReturnType<typeof client>;
  beforeAll(async () => {
    h = await startHarness({ env: { TRUSTED_PROXIES: '10.0.0.1' } });
    login = client(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('XFF from an untrusted peer is ignored', async () => {
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_WINDOW; i++) {
      const forged = { 'x-forwarded-for': `203.0.113.${i + 1}` };
      expect((await login(unknownEmail(), 'wrong-password', forged)).status).toBe(401);
    }
    expect(lastAudit(h, 'auth.sign_in_failed')?.ip).toBe('127.0.0.1');
    const forged = { 'x-forwarded-for': '203.0.113.99' };
    expect((await login(unknownEmail(), 'wrong-password', forged)).status).toBe(429);
  });

  it('X-Forwarded-Proto from an untrusted peer does not make the cookie Secure', async () => {
    // Another harness: the limiter above has used up this address's attempts.
    const fresh = await startHarness({ env: { TRUSTED_PROXIES: '10.0.0.1' } });
    try {
      const analyst = demo('analyst');
      const result = await client(fresh)(analyst.email, analyst.password, { 'x-forwarded-proto': 'https' });
      expect(result.status).toBe(200);
      expect(sessionCookie(result.cookies)).not.toMatch(/;\s*Secure/i);
    } finally {
      await fresh.close();
    }
  });
});

describe('with an https public URL (PUBLIC_BASE_URL=https://…)', () => {
  let h: Harness;
  const clock = createTestClock(Date.now());
  beforeAll(async () => {
    h = await startHarness({ now: clock.now, env: { PUBLIC_BASE_URL: 'https://backoffice.example.com' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('cookie is Secure when the public URL is https', async () => {
    const analyst = demo('analyst');
    const result = await client(h)(analyst.email, analyst.password);
    expect(result.status).toBe(200);
    expect(sessionCookie(result.cookies)).toMatch(/;\s*Secure/i);
    expect(result.cookies.find((c) => c.startsWith(`${DEVICE_COOKIE}=`))).toMatch(/;\s*Secure/i);
  });

  it("the cookie's expiry moves forward on activity", async () => {
    const manager = demo('manager');
    const signedIn = await client(h)(manager.email, manager.password);
    expect(signedIn.status).toBe(200);
    const first = sessionCookie(signedIn.cookies)!;
    expect(maxAge(first)).toBe(SESSION_IDLE_MS / 1000);
    const cookie = first.split(';')[0]!;
    const me = () => fetch(`${h.apiUrl}/api/auth/me`, { headers: { cookie } });

    clock.advance(90 * 60_000);
    const active = await me();
    expect(active.status).toBe(200);
    const refreshed = sessionCookie(active.headers.getSetCookie());
    // The same session, with a fresh Max-Age, Secure like the first.
    expect(refreshed?.split(';')[0]).toBe(cookie);
    expect(maxAge(refreshed)).toBe(SESSION_IDLE_MS / 1000);
    expect(refreshed).toMatch(/HttpOnly/i);
    expect(refreshed).toMatch(/;\s*Secure/i);

    // Past the first cookie's lifetime, still signed in.
    clock.advance(90 * 60_000);
    expect((await me()).status).toBe(200);
  });

  it('the refreshed cookie never outlives the absolute lifetime', async () => {
    const admin = demo('admin');
    const signedIn = await client(h)(admin.email, admin.password);
    const cookie = sessionCookie(signedIn.cookies)!.split(';')[0]!;
    const started = clock.now();
    let last: string | undefined;
    while (clock.now() + 90 * 60_000 < started + SESSION_ABSOLUTE_MS) {
      clock.advance(90 * 60_000);
      const response = await fetch(`${h.apiUrl}/api/auth/me`, { headers: { cookie } });
      expect(response.status).toBe(200);
      last = sessionCookie(response.headers.getSetCookie());
    }
    expect(maxAge(last)).toBe((started + SESSION_ABSOLUTE_MS - clock.now()) / 1000);
  });

  it('sign-out still deletes the cookie (the refresh does not put it back)', async () => {
    const analyst = demo('analyst2');
    const signedIn = await client(h)(analyst.email, analyst.password);
    const cookie = sessionCookie(signedIn.cookies)!.split(';')[0]!;
    clock.advance(5 * 60_000);
    const out = await fetch(`${h.apiUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(out.status).toBe(204);
    const sessionCookies = out.headers.getSetCookie().filter((c) => c.startsWith('bo_session='));
    expect(sessionCookies).toHaveLength(1);
    expect(maxAge(sessionCookies[0])).toBe(0);
  });
});
