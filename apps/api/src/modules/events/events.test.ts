import { createTestClock } from '@backoffice/providers/test-clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';
import { DEMO_USERS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../auth/service';
import { SESSION_RECHECK_MS } from './routes';

let h: Harness;
const clock = createTestClock(Date.now());
beforeAll(async () => {
  h = await startHarness({ now: clock.now });
});
afterAll(async () => {
  await h?.close();
});

const demo = (role: string) => DEMO_USERS.find((u) => u.email.startsWith(`${role}@`))!;

async function signIn(role: string): Promise<string> {
  const user = demo(role);
  const response = await fetch(`${h.apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** An open event stream: its text so far, and a promise that settles when the server ends it. */
async function openStream(cookie: string) {
  const controller = new AbortController();
  const response = await fetch(`${h.apiUrl}/api/events`, { headers: { cookie }, signal: controller.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const state = { text: '', ended: false };
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      state.text += decoder.decode(value);
    }
    state.ended = true;
  })().catch(() => {});
  const until = async (predicate: () => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return predicate();
  };
  expect(await until(() => state.text.includes('event: ready'), 5_000)).toBe(true);
  return { state, ended, until, abort: () => controller.abort() };
}

const auditActions = () =>
  (
    h.api.deps.db.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]
  ).map((r) => r.action);

describe('the live-update stream ends with its session', () => {
  it('SSE stream ends on sign-out', async () => {
    const cookie = await signIn('analyst');
    const stream = await openStream(cookie);
    const out = await fetch(`${h.apiUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(out.status).toBe(204);
    expect(auditActions()).toContain('auth.signed_out');
    // Sign-out is pushed to the stream: it ends well before the periodic re-check.
    expect(await stream.until(() => stream.state.ended, SESSION_RECHECK_MS / 2)).toBe(true);
    expect(stream.state.text).toContain('event: session.ended');
  });

  it('a stream of another session of the same user stays open after one session signs out', async () => {
    const staying = await signIn('analyst');
    const leaving = await signIn('analyst');
    const stream = await openStream(staying);
    await fetch(`${h.apiUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: leaving, 'content-type': 'application/json' },
    });
    expect(await stream.until(() => stream.state.ended, 500)).toBe(false);
    stream.abort();
  });

  it('SSE stream ends when an admin disables the user', async () => {
    const cookie = await signIn('analyst2');
    const stream = await openStream(cookie);
    const users = await h.call('/api/users', { as: 'admin' });
    const target = (users.body as { id: string; email: string }[]).find(
      (u) => u.email === demo('analyst2').email,
    )!;
    const disabled = await h.call(`/api/users/${target.id}`, {
      as: 'admin',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disabled.status).toBe(200);
    const audit = h.api.deps.db.sqlite
      .prepare("SELECT after FROM audit_log WHERE action = 'user.updated' ORDER BY id DESC LIMIT 1")
      .get() as { after: string };
    expect(JSON.parse(audit.after)).toMatchObject({ userId: target.id, disabled: true, sessionsEnded: true });
    expect(await stream.until(() => stream.state.ended, SESSION_RECHECK_MS / 2)).toBe(true);
    expect(stream.state.text).toContain('event: session.ended');
  });

  it('SSE stream ends at idle expiry, and the stream itself does not keep the session alive', async () => {
    const cookie = await signIn('manager');
    const stream = await openStream(cookie);
    clock.advance(SESSION_IDLE_MS - 60_000);
    // Still inside the idle window across a re-check: the stream stays open.
    expect(await stream.until(() => stream.state.ended, SESSION_RECHECK_MS + 1_000)).toBe(false);
    h.api.deps.events.publishCaseChanged({ id: 101, status: 'approved', version: 2 });
    expect(await stream.until(() => stream.state.text.includes('"id":101'), 2_000)).toBe(true);
    clock.advance(120_000);
    // Expired: a change committed before the next re-check is not sent to this browser.
    h.api.deps.events.publishCaseChanged({ id: 102, status: 'approved', version: 2 });
    expect(await stream.until(() => stream.state.ended, SESSION_RECHECK_MS + 3_000)).toBe(true);
    expect(stream.state.text).not.toContain('"id":102');
    expect(stream.state.text).toContain('event: session.ended');
    expect((await fetch(`${h.apiUrl}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  }, 30_000);

  it('SSE stream ends at absolute expiry even while the session is in use', async () => {
    const cookie = await signIn('admin');
    const stream = await openStream(cookie);
    const started = clock.now();
    // Activity every 90 minutes keeps the idle window open until the absolute lifetime runs out.
    while (clock.now() + 90 * 60_000 < started + SESSION_ABSOLUTE_MS) {
      clock.advance(90 * 60_000);
      expect((await fetch(`${h.apiUrl}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    }
    expect(stream.state.ended).toBe(false);
    clock.set(started + SESSION_ABSOLUTE_MS + 1_000);
    expect(await stream.until(() => stream.state.ended, SESSION_RECHECK_MS + 3_000)).toBe(true);
    expect(stream.state.text).toContain('event: session.ended');
  }, 30_000);
});
