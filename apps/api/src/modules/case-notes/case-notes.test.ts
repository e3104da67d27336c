import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';

let h: Harness;
let caseId: number;
beforeAll(async () => {
  h = await startHarness();
  const created = await h.sandbox('/_sandbox/didit/sessions', { scenario: 'review_low_face_match' });
  await h.sandbox('/_sandbox/didit/webhooks/flush', {});
  const row = h.api.deps.db.sqlite
    .prepare('SELECT id FROM cases WHERE external_id = ?')
    .get(created.body.sessions[0].session_id) as { id: number };
  caseId = row.id;
});
afterAll(async () => {
  await h?.close();
});

const auditOf = (action: string) =>
  h.api.deps.db.sqlite
    .prepare('SELECT actor_role, before, after FROM audit_log WHERE case_id = ? AND action = ? ORDER BY id')
    .all(caseId, action) as { actor_role: string; before: string | null; after: string }[];

const send = (path: string, method: string, body: unknown, as: 'analyst' | 'manager' = 'analyst') =>
  h.call(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), as });

describe('local case notes', () => {
  it('adds a comment, audited without its text', async () => {
    const response = await send(`/api/cases/${caseId}/comments`, 'POST', {
      body: 'Checked with Jane Doe by phone',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      body: 'Checked with Jane Doe by phone',
      author: { name: expect.any(String) },
    });
    const [row] = auditOf('case.comment_added');
    expect(row?.actor_role).toBe('analyst');
    expect(JSON.stringify(row)).not.toContain('Jane');
    const detail = await h.call(`/api/cases/${caseId}`);
    expect(detail.body.comments[0].body).toBe('Checked with Jane Doe by phone');
  });

  it('sets and removes metadata keys', async () => {
    const set = await send(`/api/cases/${caseId}/metadata`, 'PUT', {
      entries: [
        { key: 'ticket', value: 'OPS-12' },
        { key: 'channel', value: 'web' },
      ],
    });
    expect(set.status).toBe(200);
    expect(set.body.map((e: { key: string }) => e.key)).toEqual(['channel', 'ticket']);
    const removed = await send(`/api/cases/${caseId}/metadata`, 'PUT', {
      entries: [{ key: 'channel', value: null }],
    });
    expect(removed.body.map((e: { key: string }) => e.key)).toEqual(['ticket']);
    const rows = auditOf('case.metadata_changed');
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows[1]!.after)).toEqual({ set: [], removed: ['channel'] });
    expect(JSON.stringify(rows)).not.toContain('OPS-12');
    const bad = await send(`/api/cases/${caseId}/metadata`, 'PUT', {
      entries: [{ key: 'no spaces', value: 'x' }],
    });
    expect(bad.status).toBe(400);
  });

  it('assigns to an active user and refuses an unknown one', async () => {
    const users = await h.call('/api/users/assignable');
    expect(users.status).toBe(200);
    const target = users.body[0] as { id: string; name: string };
    const assigned = await send(`/api/cases/${caseId}/assignee`, 'PUT', { assigneeId: target.id });
    expect(assigned.status).toBe(200);
    expect((await h.call(`/api/cases/${caseId}`)).body.assignee).toEqual(target);
    expect(JSON.parse(auditOf('case.assigned')[0]!.after)).toEqual({ assigneeId: target.id });
    const unknown = await send(`/api/cases/${caseId}/assignee`, 'PUT', { assigneeId: 'nobody' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('invalid_assignee');
    expect((await send(`/api/cases/${caseId}/assignee`, 'PUT', { assigneeId: null })).status).toBe(200);
  });

  it('audits PDF report downloads and media views (R17)', async () => {
    const report = await fetch(`${h.apiUrl}/api/cases/${caseId}/report.pdf`, {
      headers: { cookie: await h.cookieFor('analyst') },
    });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await report.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    expect(auditOf('case.report_downloaded')).toHaveLength(1);
    const media = await fetch(`${h.apiUrl}/api/cases/${caseId}/media/front_image`, {
      headers: { cookie: await h.cookieFor('analyst') },
    });
    expect(media.status).toBe(200);
    expect(JSON.parse(auditOf('case.media_viewed')[0]!.after)).toEqual({ mediaKey: 'front_image' });
  });

  it('reads and changes the four-eyes policy (admins only), audited old to new', async () => {
    const current = await h.call('/api/settings/four-eyes');
    expect(current.body).toEqual({ actions: ['blocklist'], reversals: true, riskScoreAtLeast: null });
    const next = { actions: ['blocklist', 'decline'], reversals: true, riskScoreAtLeast: 75 };
    expect((await send('/api/settings/four-eyes', 'PUT', next, 'manager')).status).toBe(403);
    const changed = await h.call('/api/settings/four-eyes', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(next),
      as: 'admin',
    });
    expect(changed.status).toBe(200);
    expect((await h.call('/api/settings/four-eyes')).body).toEqual(next);
    const row = h.api.deps.db.sqlite
      .prepare("SELECT before, after FROM audit_log WHERE action = 'settings.four_eyes_changed'")
      .get() as { before: string; after: string };
    expect(JSON.parse(row.before).riskScoreAtLeast).toBeNull();
    expect(JSON.parse(row.after).riskScoreAtLeast).toBe(75);
  });
});
