import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const put = (code: string, body: unknown, as: 'admin' | 'manager' | 'analyst' = 'admin') =>
  h.call(`/api/reason-codes/${code}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    as,
  });

const lastAudit = () =>
  h.api.deps.db.sqlite
    .prepare('SELECT action, actor_type, before, after FROM audit_log ORDER BY id DESC LIMIT 1')
    .get() as {
    action: string;
    actor_type: string;
    before: string | null;
    after: string;
  };

describe('reason codes are configurable by an admin', () => {
  it('creates, rewords and retires a reason, each change audited', async () => {
    const created = await put('source_of_funds_unclear', {
      label: 'Source of funds unclear',
      appliesTo: ['decline'],
      active: true,
    });
    expect(created.status).toBe(200);
    expect(lastAudit()).toMatchObject({
      action: 'settings.reason_code_created',
      actor_type: 'user',
      before: null,
    });

    const reworded = await put('source_of_funds_unclear', {
      label: 'Source of funds not evidenced',
      appliesTo: ['decline', 'request_resubmission'],
      active: true,
    });
    expect(reworded.body).toMatchObject({ label: 'Source of funds not evidenced' });
    const audit = lastAudit();
    expect(audit.action).toBe('settings.reason_code_changed');
    expect(JSON.parse(audit.before!)).toMatchObject({ label: 'Source of funds unclear' });

    await put('source_of_funds_unclear', {
      label: 'Source of funds not evidenced',
      appliesTo: ['decline'],
      active: false,
    });
    const list = await h.call('/api/reason-codes');
    expect(list.body.find((r: any) => r.code === 'source_of_funds_unclear')).toMatchObject({ active: false });
  });

  it('refuses bad codes and bodies with 400, and non-admins with 403', async () => {
    expect((await put('Not A Code', { label: 'x', appliesTo: ['decline'], active: true })).status).toBe(400);
    expect((await put('ok_code', { label: '', appliesTo: [], active: true })).status).toBe(400);
    expect(
      (await put('ok_code', { label: 'x', appliesTo: ['decline'], active: true }, 'manager')).status,
    ).toBe(403);
  });

  it('a retired reason can no longer be chosen for a decision', async () => {
    await put('retired_reason', { label: 'Retired', appliesTo: ['decline'], active: false });
    const created = await h.sandbox('/_sandbox/didit/sessions', { scenario: 'review_low_face_match' });
    const sessionId = created.body.sessions[0].session_id;
    const queue = await h.call(`/api/cases?status=needs_review&q=${sessionId}`);
    const target = queue.body.items[0];
    const refused = await h.call(`/api/cases/${target.id}/actions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'if-match': String(target.version),
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ type: 'decline', reasonCode: 'retired_reason' }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('invalid_reason_code');
  });
});
