import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';
import { updateStaffUser } from './service';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const json = (method: string, body: unknown) => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const lastAudit = (action: string) =>
  h.api.deps.db.sqlite
    .prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1')
    .get(action) as { before: string | null; after: string; actor_role: string } | undefined;

async function signIn(email: string, password: string): Promise<string> {
  const response = await fetch(`${h.apiUrl}/api/auth/login`, json('POST', { email, password }));
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}
const meStatus = (cookie: string) =>
  fetch(`${h.apiUrl}/api/auth/me`, { headers: { cookie } }).then((r) => r.status);

describe('user admin', () => {
  it('lists, creates (audited, no password) and refuses a duplicate e-mail with 409', async () => {
    const created = await h.call('/api/users', {
      as: 'admin',
      ...json('POST', {
        email: 'New.Analyst@Example.com',
        name: 'New Analyst',
        role: 'analyst',
        password: 'correct horse battery',
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'new.analyst@example.com',
      role: 'analyst',
      disabled: false,
      lastLoginAt: null,
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    const audit = lastAudit('user.created')!;
    expect(audit.actor_role).toBe('admin');
    expect(audit.after).not.toContain('correct horse');

    const duplicate = await h.call('/api/users', {
      as: 'admin',
      ...json('POST', {
        email: 'new.analyst@example.com',
        name: 'Again',
        role: 'analyst',
        password: 'another long password',
      }),
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('user_exists');

    const list = await h.call('/api/users', { as: 'admin' });
    expect(list.status).toBe(200);
    expect(list.body.map((u: { email: string }) => u.email)).toContain('new.analyst@example.com');
  });

  it('refuses a short password and an empty change with 400', async () => {
    const short = await h.call('/api/users', {
      as: 'admin',
      ...json('POST', { email: 'x@example.com', name: 'X', role: 'analyst', password: 'short' }),
    });
    expect(short.status).toBe(400);
    const users = (await h.call('/api/users', { as: 'admin' })).body;
    expect((await h.call(`/api/users/${users[0].id}`, { as: 'admin', ...json('PATCH', {}) })).status).toBe(
      400,
    );
    expect(
      (await h.call('/api/users/no-such-user', { as: 'admin', ...json('PATCH', { name: 'Y' }) })).status,
    ).toBe(404);
  });

  it('disabling a user ends their sessions at once and is audited before -> after', async () => {
    const email = 'to.disable@example.com';
    const password = 'a perfectly long password';
    const created = await h.call('/api/users', {
      as: 'admin',
      ...json('POST', { email, name: 'To Disable', role: 'manager', password }),
    });
    const cookie = await signIn(email, password);
    expect(await meStatus(cookie)).toBe(200);

    const disabled = await h.call(`/api/users/${created.body.id}`, {
      as: 'admin',
      ...json('PATCH', { disabled: true, role: 'analyst' }),
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ disabled: true, role: 'analyst' });
    expect(await meStatus(cookie)).toBe(401);
    const audit = lastAudit('user.updated')!;
    expect(JSON.parse(audit.before!)).toEqual({ userId: created.body.id, role: 'manager', disabled: false });
    expect(JSON.parse(audit.after)).toMatchObject({
      userId: created.body.id,
      role: 'analyst',
      disabled: true,
      sessionsEnded: true,
    });
    const refused = await fetch(`${h.apiUrl}/api/auth/login`, json('POST', { email, password }));
    expect(refused.status).toBe(401);
  });

  it('a new password ends the user’s sessions and never reaches the audit log', async () => {
    const email = 'to.reset@example.com';
    const created = await h.call('/api/users', {
      as: 'admin',
      ...json('POST', { email, name: 'To Reset', role: 'analyst', password: 'the first long password' }),
    });
    const cookie = await signIn(email, 'the first long password');
    const reset = await h.call(`/api/users/${created.body.id}`, {
      as: 'admin',
      ...json('PATCH', { password: 'the second long password' }),
    });
    expect(reset.status).toBe(200);
    expect(await meStatus(cookie)).toBe(401);
    expect(await meStatus(await signIn(email, 'the second long password'))).toBe(200);
    const audit = lastAudit('user.updated')!;
    expect(JSON.parse(audit.after)).toMatchObject({ passwordChanged: true, sessionsEnded: true });
    expect(audit.after).not.toContain('second long');
  });

  it('an admin cannot disable or demote themselves; the last active admin cannot be removed (409)', async () => {
    const me = (await h.call('/api/auth/me', { as: 'admin' })).body;
    for (const change of [{ disabled: true }, { role: 'manager' }]) {
      const self = await h.call(`/api/users/${me.id}`, { as: 'admin', ...json('PATCH', change) });
      expect(self.status).toBe(409);
      expect(self.body.code).toBe('cannot_lock_out_self');
    }

    // A second admin tries to demote the demo admin, who is then the last other active admin.
    const email = 'second.admin@example.com';
    const password = 'second admin long password';
    const second = await h.call('/api/users', {
      as: 'admin',
      ...json('POST', { email, name: 'Second Admin', role: 'admin', password }),
    });
    const secondCookie = await signIn(email, password);
    const demote = (id: string, cookie: string) =>
      fetch(`${h.apiUrl}/api/users/${id}`, {
        ...json('PATCH', { role: 'manager' }),
        headers: { cookie, 'content-type': 'application/json' },
      });
    expect((await demote(me.id, secondCookie)).status).toBe(200); // two active admins: allowed
    // Now the second admin is the only active admin; disabling them is refused whoever asks.
    const adminCookie = await h.cookieFor('admin');
    expect(await meStatus(adminCookie)).toBe(200);
    const viaFormer = await demote(second.body.id, adminCookie);
    expect(viaFormer.status).toBe(403); // the demo admin is a manager now
    const last = await demote(second.body.id, secondCookie);
    expect(last.status).toBe(409);
    expect(((await last.json()) as { code: string }).code).toBe('cannot_lock_out_self');

    // Restore the demo admin (second admin acts), then the last-admin rule is checked on someone else.
    expect(
      (
        await fetch(`${h.apiUrl}/api/users/${me.id}`, {
          ...json('PATCH', { role: 'admin' }),
          headers: { cookie: secondCookie, 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(200);
    const disableSecond = await h.call(`/api/users/${second.body.id}`, {
      as: 'admin',
      ...json('PATCH', { disabled: true }),
    });
    expect(disableSecond.status).toBe(200);
  });

  it('refuses to remove the last active admin even when two admins demote each other at once (409)', async () => {
    // Only the demo admin is an active admin now. A request from the (now disabled) second admin that passed
    // the access gate just before being disabled reaches the service with a stale actor: the check inside
    // the write transaction still refuses it.
    const users = (await h.call('/api/users', { as: 'admin' })).body as {
      id: string;
      email: string;
      role: string;
      disabled: boolean;
    }[];
    const active = users.filter((u) => u.role === 'admin' && !u.disabled);
    expect(active).toHaveLength(1);
    const staleSecond = users.find((u) => u.email === 'second.admin@example.com')!;
    const attempt = updateStaffUser(
      h.api.deps,
      {
        user: {
          id: staleSecond.id,
          email: staleSecond.email,
          name: 'Second Admin',
          role: 'admin',
          sessionTokenHash: 'stale',
        },
        context: { requestId: 'test', ip: null, userAgent: null },
      },
      active[0]!.id,
      { role: 'manager' },
    );
    await expect(attempt).rejects.toMatchObject({ status: 409, code: 'last_admin' });
    expect((await h.call('/api/auth/me', { as: 'admin' })).body.role).toBe('admin');
  });

  it('is for admins only', async () => {
    expect((await h.call('/api/users', { as: 'manager' })).status).toBe(403);
    expect((await h.call('/api/users', { as: 'analyst' })).status).toBe(403);
    const post = await h.call('/api/users', {
      as: 'manager',
      ...json('POST', { email: 'm@example.com', name: 'M', role: 'admin', password: 'long enough password' }),
    });
    expect(post.status).toBe(403);
  });
});
