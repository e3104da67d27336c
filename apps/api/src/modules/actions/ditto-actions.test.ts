import { randomUUID } from 'node:crypto';
import { verifyAuditChain } from '@backoffice/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKycPayload } from '../../../../sandbox/src/ditto/scenarios';
import { type DittoTestApi, startDittoTestApi } from '../../providers/ditto/test-support';
import { DEMO_USERS } from '../auth/service';

type Role = 'analyst' | 'analyst2' | 'manager' | 'admin';

let t: DittoTestApi;
const cookies = new Map<Role, string>();
beforeAll(async () => {
  t = await startDittoTestApi({ DEMO_MODE: 'true' });
});
afterAll(async () => {
  await t?.close();
});

const sql = <T>(query: string, ...params: unknown[]) =>
  t.api.deps.db.sqlite.prepare(query).all(...params) as T[];

async function cookieFor(role: Role) {
  const known = cookies.get(role);
  if (known) return known;
  const user = DEMO_USERS.find((u) => u.email.startsWith(`${role}@`))!;
  const response = await fetch(`${t.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 200 || !cookie) throw new Error(`sign-in as ${role} failed`);
  cookies.set(role, cookie);
  return cookie;
}

async function call(path: string, init: RequestInit & { as?: Role } = {}) {
  const { as = 'analyst', ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('cookie', await cookieFor(as));
  const response = await fetch(`${t.url}${path}`, { ...rest, headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A submission pushed the way Ditto's server does it: token, then the KYC body. */
async function submission(scenario: 'good_document' | 'face_mismatch' = 'good_document') {
  const token = await fetch(`${t.url}/ditto/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: t.clientId,
      client_secret: t.clientSecret,
    }).toString(),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  const requesterId = randomUUID();
  const pushed = await fetch(`${t.url}/ditto/kyc`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      apiversion: 'v2',
      authorization: `Bearer ${access_token}`,
    },
    body: JSON.stringify(buildKycPayload(scenario, { requesterId })),
  });
  expect(pushed.status).toBe(200);
  const [row] = sql<{ id: number }>(
    "SELECT id FROM cases WHERE provider = 'ditto' AND external_id = ?",
    requesterId,
  );
  return row!.id;
}

async function detail(id: number) {
  const response = await call(`/api/cases/${id}`);
  expect(response.status).toBe(200);
  return response.body;
}

async function act(
  id: number,
  body: Record<string, unknown>,
  options: { as?: Role; version?: number; key?: string } = {},
) {
  const version = options.version ?? (await detail(id)).version;
  return call(`/api/cases/${id}/actions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'if-match': String(version),
      'idempotency-key': options.key ?? randomUUID(),
    },
    body: JSON.stringify(body),
    as: options.as ?? 'analyst',
  });
}

const decide = (actionId: number, decision: string, as: Role) =>
  call(`/api/actions/${actionId}/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ decision }),
    as,
  });

const auditOf = (caseId: number, action: string) =>
  sql<{ actor_id: string; actor_role: string | null; before: string; after: string; reason: string | null }>(
    'SELECT actor_id, actor_role, before, after, reason FROM audit_log WHERE case_id = ? AND action = ? ORDER BY id',
    caseId,
    action,
  );
const outboxCount = () => sql<{ n: number }>('SELECT count(*) AS n FROM outbox')[0]!.n;
const caseRow = (id: number) =>
  sql<{ status: string; version: number; decided_at: number | null }>(
    'SELECT status, version, decided_at FROM cases WHERE id = ?',
    id,
  )[0]!;

describe('Ditto ID decisions are local', () => {
  it('approves at once: applied action, approved case, new version, audit marked local, no outbox row', async () => {
    const id = await submission();
    const before = await detail(id);
    expect(before.status).toBe('needs_review');
    expect(before.allowedActions).toEqual(['approve', 'decline', 'escalate']);
    const outboxBefore = outboxCount();

    const response = await act(id, { type: 'approve', reasonCode: 'documents_verified', note: 'all good' });
    expect(response.status).toBe(202);
    expect(response.body.action).toMatchObject({ type: 'approve', status: 'applied', attempts: 0 });
    expect(response.body.action.resolvedAt).not.toBeNull();
    expect(response.body.case).toMatchObject({ status: 'approved', version: before.version + 1 });
    expect(outboxCount()).toBe(outboxBefore);
    expect(caseRow(id).decided_at).not.toBeNull();

    const applied = auditOf(id, 'case.action_applied');
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ actor_role: 'analyst', reason: 'documents_verified' });
    expect(JSON.parse(applied[0]!.before).status).toBe('needs_review');
    expect(JSON.parse(applied[0]!.after)).toMatchObject({
      status: 'approved',
      local: true,
      actionStatus: 'applied',
    });
    expect(auditOf(id, 'case.action_requested')).toHaveLength(1);

    const after = await detail(id);
    expect(after.allowedActions).toEqual(['decline']);
    expect(after.actions[0]).toMatchObject({ status: 'applied' });
    const again = await act(id, { type: 'approve', reasonCode: 'documents_verified' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('transition_not_allowed');
    expect(verifyAuditChain(t.api.deps.db).ok).toBe(true);
  });

  it('declines at once, and refuses provider-only actions', async () => {
    const id = await submission('face_mismatch');
    const declined = await act(id, { type: 'decline', reasonCode: 'face_mismatch' });
    expect(declined.status).toBe(202);
    expect(declined.body.case.status).toBe('rejected');
    expect(caseRow(id).status).toBe('rejected');
    expect(auditOf(id, 'case.action_applied')).toHaveLength(1);
    for (const body of [
      { type: 'provider_comment', note: 'hello' },
      { type: 'provider_metadata', entries: [{ key: 'a', value: 'b' }] },
      { type: 'blocklist', reasonCode: 'confirmed_fraud', face: true, document: false },
    ]) {
      const refused = await act(id, body);
      expect(refused.status, body.type).toBe(409);
      expect(refused.body.code).toBe('transition_not_allowed');
    }
  });

  it('a reversal waits for a second person; the approval applies it locally; self-approval is 403', async () => {
    const id = await submission();
    expect((await act(id, { type: 'approve', reasonCode: 'documents_verified' })).status).toBe(202);
    const reversal = await act(id, { type: 'decline', reasonCode: 'document_forged' }, { as: 'manager' });
    expect(reversal.status).toBe(202);
    const actionId = reversal.body.action.id as number;
    expect(reversal.body.action.status).toBe('awaiting_approval');
    expect(caseRow(id).status).toBe('approved');
    expect((await detail(id)).allowedActions).toEqual([]);

    expect((await decide(actionId, 'approve', 'manager')).body.code).toBe('self_approval');
    expect((await decide(actionId, 'approve', 'analyst')).status).toBe(403);
    const versionBefore = caseRow(id).version;
    const approved = await decide(actionId, 'approve', 'admin');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'applied', approvedBy: { name: expect.any(String) } });
    expect(caseRow(id)).toMatchObject({ status: 'rejected', version: versionBefore + 1 });
    expect((await decide(actionId, 'approve', 'admin')).status).toBe(409);

    expect(auditOf(id, 'case.action_approved')[0]).toMatchObject({ actor_role: 'admin' });
    const applied = auditOf(id, 'case.action_applied');
    expect(applied).toHaveLength(2);
    expect(applied[1]).toMatchObject({ actor_role: 'admin', reason: 'document_forged' });
    expect(JSON.parse(applied[1]!.after)).toMatchObject({ status: 'rejected', local: true });

    // A rejected reversal leaves the decision as it was.
    const back = await act(id, { type: 'approve', reasonCode: 'manual_review_cleared' });
    expect(back.body.action.status).toBe('awaiting_approval');
    expect((await decide(back.body.action.id, 'reject', 'manager')).body.status).toBe('rejected');
    expect(caseRow(id).status).toBe('rejected');
    expect(auditOf(id, 'case.action_rejected')).toHaveLength(1);
    expect(verifyAuditChain(t.api.deps.db).ok).toBe(true);
  });

  it('four-eyes along paths: no one who took part in a decision lets its reversal through, however often it flips', async () => {
    const id = await submission();
    // A manager approves; an analyst asks to decline: the manager may not be the second person.
    expect(
      (await act(id, { type: 'approve', reasonCode: 'documents_verified' }, { as: 'manager' })).status,
    ).toBe(202);
    const decline = await act(id, { type: 'decline', reasonCode: 'document_forged' });
    expect(decline.body.action.status).toBe('awaiting_approval');
    expect((await decide(decline.body.action.id, 'approve', 'manager')).status).toBe(403);
    expect((await decide(decline.body.action.id, 'approve', 'admin')).status).toBe(200);
    expect(caseRow(id).status).toBe('rejected');
    // Back to approved, asked by the second analyst: the analyst and the admin took part in the rejection.
    const back = await act(id, { type: 'approve', reasonCode: 'manual_review_cleared' }, { as: 'analyst2' });
    expect(back.body.action.status).toBe('awaiting_approval');
    expect((await decide(back.body.action.id, 'approve', 'admin')).status).toBe(403);
    expect((await decide(back.body.action.id, 'approve', 'manager')).status).toBe(200);
    expect(caseRow(id).status).toBe('approved');
    // Declining again reverses the manager's first approval and this one: the manager is out again.
    const again = await act(id, { type: 'decline', reasonCode: 'document_forged' }, { as: 'analyst2' });
    expect(again.body.action.status).toBe('awaiting_approval');
    expect((await decide(again.body.action.id, 'approve', 'manager')).status).toBe(403);
    expect(caseRow(id).status).toBe('approved');
  });

  it('replays the same Idempotency-Key, refuses a stale version, and needs a session', async () => {
    const id = await submission();
    const version = (await detail(id)).version;
    const key = randomUUID();
    const body = { type: 'decline', reasonCode: 'other', note: 'checked by phone' };
    const first = await act(id, body, { key, version });
    const again = await act(id, body, { key, version });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect((await act(id, { ...body, note: 'else' }, { key, version })).status).toBe(422);
    expect(auditOf(id, 'case.action_applied')).toHaveLength(1);
    expect(sql('SELECT id FROM case_actions WHERE case_id = ?', id)).toHaveLength(1);

    const stale = await act(id, { type: 'approve', reasonCode: 'documents_verified' }, { version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');

    const anonymous = await fetch(`${t.url}/api/cases/${id}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-match': '1', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ type: 'approve', reasonCode: 'documents_verified' }),
    });
    expect(anonymous.status).toBe(401);
  });
});
