import { randomUUID } from 'node:crypto';
import { verifyAuditChain } from '@backoffice/db';
import { ddCaseStatus } from '@backoffice/providers/kryptogo';
import { createTestClock } from '@backoffice/providers/test-clock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestKryptogoState } from '../../providers/kryptogo/ingest';
import { KRYPTOGO_DD_AWAITING_REVIEW } from '../../providers/kryptogo/policy';
import { type Harness, type KryptogoHarness, startHarness, type TestRole } from '../../test/harness';
import { drainOutbox } from '../outbox/worker';

/** Wall time plus an offset the tests move forward, so backoff is tested without sleeping. */
const clock = createTestClock();
const advance = (ms: number) => {
  clock.advance(ms);
};

let h: Harness;
let kgo: KryptogoHarness;
beforeAll(async () => {
  h = await startHarness({ kryptogo: true, now: clock.now });
  kgo = h.kryptogo!;
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  await kgo.call('/_sandbox/kryptogo/faults', undefined, 'DELETE');
});

const sql = <T>(query: string, ...params: unknown[]) =>
  h.api.deps.db.sqlite.prepare(query).all(...params) as T[];

async function ddCase(scenario = 'pep') {
  const created = await kgo.call('/_sandbox/kryptogo/scenarios', {
    type: 'dd',
    scenario,
    count: 1,
    callback_url: kgo.callbackUrl,
  });
  expect(created.status).toBe(200);
  const taskId = created.body.ids[0] as number;
  const [row] = sql<{ id: number }>(
    "SELECT id FROM cases WHERE provider = 'kryptogo' AND kind = 'dd_task' AND external_id = ?",
    String(taskId),
  );
  return { taskId, id: row?.id ?? -1 };
}

async function detail(caseId: number, as: TestRole = 'analyst') {
  const response = await h.call(`/api/cases/${caseId}`, { as });
  expect(response.status).toBe(200);
  return response.body;
}

async function act(
  caseId: number,
  body: Record<string, unknown>,
  options: { as?: TestRole; version?: number; key?: string } = {},
) {
  const version = options.version ?? (await detail(caseId)).version;
  return h.call(`/api/cases/${caseId}/actions`, {
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

const decide = (actionId: number, decision: string, as: TestRole) =>
  h.call(`/api/actions/${actionId}/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ decision }),
    as,
  });

/** D2 as KryptoGO holds it: the proof of what reached the provider. */
async function task(taskId: number) {
  const answer = await kgo.call(`/task/${taskId}`);
  expect(answer.status).toBe(200);
  return answer.body as {
    audit_status: number;
    comment: string;
    comment_logs: { comment: string; accepted: boolean }[];
    metadata: Record<string, string>;
  };
}
async function summaryMetadata(taskId: number) {
  return (await kgo.call(`/task/${taskId}/summary`)).body.metadata as { key: string; value: string }[];
}
const fault = (path: string, spec: Record<string, unknown>) =>
  kgo.call('/_sandbox/kryptogo/faults', { path_prefix: path, method: 'POST', ...spec });

const actionRow = (id: number) =>
  sql<{ status: string; attempts: number; last_error: string | null }>(
    'SELECT status, attempts, last_error FROM case_actions WHERE id = ?',
    id,
  )[0]!;
const outboxRows = (actionId: number) =>
  sql<{ provider: string; operation: string; status: string }>(
    'SELECT provider, operation, status FROM outbox WHERE action_id = ?',
    actionId,
  );
const auditOf = (caseId: number, action: string) =>
  sql<{ actor_id: string; actor_role: string | null; before: string; after: string; reason: string | null }>(
    'SELECT actor_id, actor_role, before, after, reason FROM audit_log WHERE case_id = ? AND action = ? ORDER BY id',
    caseId,
    action,
  );
const caseRow = (id: number) =>
  sql<{ status: string; provider_status: string; version: number }>(
    'SELECT status, provider_status, version FROM cases WHERE id = ?',
    id,
  )[0]!;

describe('KryptoGO DD task decisions through the outbox', () => {
  it('pins the policy to the mapping: a complete, unaudited task is "awaiting review"', () => {
    expect(ddCaseStatus({ task_id: 1, audit_status: 0, completed_time: 1 } as never)).toEqual({
      status: 'needs_review',
      providerStatus: KRYPTOGO_DD_AWAITING_REVIEW,
    });
  });

  it('accepts a task once with the reason as comment, records the re-read task on the case, audits every step', async () => {
    const { taskId, id } = await ddCase('pep');
    const before = await detail(id);
    expect(before).toMatchObject({ status: 'needs_review', providerStatus: 'awaiting review' });
    expect(before.allowedActions).toEqual(['approve', 'decline', 'provider_metadata', 'escalate']);

    const response = await act(id, { type: 'approve', reasonCode: 'false_positive_aml', note: 'namesake' });
    expect(response.status).toBe(202);
    const actionId = response.body.action.id as number;
    expect(response.body.action).toMatchObject({ type: 'approve', status: 'pending' });
    // The background worker may already hold it; provider and operation are what matter here.
    expect(outboxRows(actionId)).toMatchObject([{ provider: 'kryptogo', operation: 'kryptogo.dd_accepted' }]);

    await drainOutbox(h.api.deps);
    expect(actionRow(actionId)).toMatchObject({ status: 'applied', attempts: 1 });
    const atKryptogo = await task(taskId);
    expect(atKryptogo.audit_status).toBe(1);
    expect(atKryptogo.comment).toBe(
      `AML hit is a false positive — namesake (back-office action #${actionId})`,
    );
    expect(atKryptogo.comment_logs).toHaveLength(1);
    expect(caseRow(id)).toMatchObject({ status: 'approved', provider_status: 'accepted' });

    const requested = auditOf(id, 'case.action_requested');
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatchObject({ actor_role: 'analyst', reason: 'false_positive_aml' });
    const applied = auditOf(id, 'case.action_applied');
    expect(applied).toHaveLength(1);
    expect(applied[0]!.actor_id).toBe('outbox');
    // Our transaction 2 and KryptoGO's callback race; whichever lands first moves the case, once.
    const moved = auditOf(id, 'case.status_changed').filter((r) => JSON.parse(r.after).status === 'approved');
    expect(moved).toHaveLength(1);
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });

  it('refuses a second decision with 409 before any call once the task is audited', async () => {
    const { taskId, id } = await ddCase('sanction');
    expect((await act(id, { type: 'decline', reasonCode: 'sanctions_match' })).status).toBe(202);
    await drainOutbox(h.api.deps);
    expect((await task(taskId)).audit_status).toBe(2);
    const detailAfter = await detail(id);
    expect(detailAfter.status).toBe('rejected');
    expect(detailAfter.allowedActions).toEqual(['provider_metadata']);
    for (const type of ['approve', 'decline'] as const) {
      const again = await act(id, { type, reasonCode: 'other', note: 'changed my mind' }, { as: 'manager' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('transition_not_allowed');
      expect(again.body.message).toContain('never changes an audited decision');
    }
    await drainOutbox(h.api.deps);
    expect((await task(taskId)).comment_logs).toHaveLength(1);
    expect(auditOf(id, 'case.action_requested')).toHaveLength(1);
  });

  it('offers no decision while the search is running, but metadata', async () => {
    const { taskId } = await ddCase('pending');
    // The sandbox calls back only once results exist; record the running task as reconciliation would.
    const details = await kgo.call(`/task/${taskId}`);
    const recorded = ingestKryptogoState(
      h.api.deps,
      { kind: 'dd_task', details: details.body },
      { kind: 'reconcile', requestId: 'test-running-task' },
    );
    const id = recorded.caseId!;
    expect(caseRow(id).status).toBe('pending');
    expect((await detail(id)).allowedActions).toEqual(['provider_metadata']);
    const early = await act(id, { type: 'approve', reasonCode: 'documents_verified' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('transition_not_allowed');
    expect(early.body.message).toContain('search is complete');
    expect(sql('SELECT id FROM case_actions WHERE case_id = ?', id)).toHaveLength(0);
  });

  it('retries a 5xx and a 429 (honouring Retry-After) and reaches KryptoGO once', async () => {
    const first = await ddCase('verdict');
    await fault(`/task/${first.taskId}/accepted`, { kind: 'server_error', status: 503 });
    const a = await act(first.id, { type: 'approve', reasonCode: 'manual_review_cleared' });
    await drainOutbox(h.api.deps);
    const aId = a.body.action.id as number;
    expect(actionRow(aId)).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(actionRow(aId).last_error).toContain('503');
    expect((await detail(first.id)).actions[0].status).toBe('retrying');
    expect(auditOf(first.id, 'case.action_retry_scheduled')).toHaveLength(1);
    advance(2_100);
    await drainOutbox(h.api.deps);
    expect(actionRow(aId)).toMatchObject({ status: 'applied', attempts: 2 });
    expect((await task(first.taskId)).comment_logs).toHaveLength(1);

    const second = await ddCase('news');
    await fault(`/task/${second.taskId}/accepted`, { kind: 'rate_limit', retry_after_seconds: 20 });
    const b = await act(second.id, { type: 'decline', reasonCode: 'pep_unacceptable_risk' });
    await drainOutbox(h.api.deps);
    const bId = b.body.action.id as number;
    expect(actionRow(bId).status).toBe('retrying');
    advance(10_000);
    await drainOutbox(h.api.deps);
    expect(actionRow(bId)).toMatchObject({ status: 'retrying', attempts: 1 });
    advance(10_500);
    await drainOutbox(h.api.deps);
    expect(actionRow(bId)).toMatchObject({ status: 'applied', attempts: 2 });
    const atKryptogo = await task(second.taskId);
    expect(atKryptogo).toMatchObject({ audit_status: 2 });
    expect(atKryptogo.comment_logs).toHaveLength(1);
  });

  it('does not send again when the answer was lost after KryptoGO processed it (re-read proves it landed)', async () => {
    for (const kind of ['server_error', 'drop_connection'] as const) {
      const { taskId, id } = await ddCase('pep');
      await fault(`/task/${taskId}/accepted`, { kind, phase: 'after', status: 502 });
      const response = await act(id, { type: 'approve', reasonCode: 'false_positive_aml' });
      const actionId = response.body.action.id as number;
      await drainOutbox(h.api.deps);
      expect(actionRow(actionId).status).toBe('retrying');
      // It landed although we were told otherwise.
      expect((await task(taskId)).audit_status).toBe(1);
      advance(5_000);
      await drainOutbox(h.api.deps);
      expect(actionRow(actionId)).toMatchObject({ status: 'applied', attempts: 2 });
      expect((await task(taskId)).comment_logs).toHaveLength(1);
      const applied = auditOf(id, 'case.action_applied');
      expect(applied).toHaveLength(1);
      expect(applied[0]!.reason).toContain('not sent again: the task is already accepted');
      expect(caseRow(id).status).toBe('approved');
    }
  });

  it('fails visibly when the task was decided differently in the KryptoGO console, and shows that decision', async () => {
    const { taskId, id } = await ddCase('clean');
    const response = await act(id, { type: 'approve', reasonCode: 'documents_verified' });
    const actionId = response.body.action.id as number;
    const console = await kgo.call(`/task/${taskId}/accepted`, {
      comment: 'rejected in console',
      accepted: false,
    });
    expect(console.status).toBe(200);
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId).status).toBe('failed');
    expect(actionRow(actionId).last_error).toContain('already rejected');
    expect(auditOf(id, 'case.action_failed')).toHaveLength(1);
    expect(caseRow(id).status).toBe('rejected');
    expect((await task(taskId)).comment_logs).toHaveLength(1);
    // A manager's retry is refused before any call: the task is final.
    const retry = await decide(actionId, 'retry', 'manager');
    expect(retry.status).toBe(409);
    expect(retry.body.code).toBe('transition_not_allowed');
  });

  it('four-eyes on high risk: waits for a second person, then goes through the outbox', async () => {
    const put = (body: unknown) =>
      h.call('/api/settings/four-eyes', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        as: 'admin',
      });
    expect((await put({ actions: ['blocklist'], reversals: true, riskScoreAtLeast: 75 })).status).toBe(200);
    try {
      const { taskId, id } = await ddCase('pep'); // potential_risk 80
      const response = await act(id, { type: 'decline', reasonCode: 'pep_unacceptable_risk' });
      expect(response.status).toBe(202);
      const actionId = response.body.action.id as number;
      expect(response.body.action.status).toBe('awaiting_approval');
      expect(outboxRows(actionId)).toHaveLength(0);
      // An open decision blocks a second one until it is settled.
      expect((await detail(id)).allowedActions).toEqual(['provider_metadata']);
      const second = await act(id, { type: 'approve', reasonCode: 'false_positive_aml' }, { as: 'analyst2' });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('transition_not_allowed');
      await drainOutbox(h.api.deps);
      expect((await task(taskId)).audit_status).toBe(0);
      expect((await decide(actionId, 'approve', 'analyst')).status).toBe(403);
      expect((await decide(actionId, 'approve', 'analyst2')).status).toBe(403);
      const approved = await decide(actionId, 'approve', 'manager');
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('pending');
      await drainOutbox(h.api.deps);
      expect(actionRow(actionId).status).toBe('applied');
      expect((await task(taskId)).audit_status).toBe(2);
      expect(auditOf(id, 'case.action_approved')[0]).toMatchObject({ actor_role: 'manager' });
    } finally {
      await put({ actions: ['blocklist'], reversals: true, riskScoreAtLeast: null });
    }
  });

  it('replays the same Idempotency-Key without a second action or call', async () => {
    const { taskId, id } = await ddCase('verdict');
    const version = (await detail(id)).version;
    const key = randomUUID();
    const body = { type: 'decline', reasonCode: 'other', note: 'court record' };
    const first = await act(id, body, { key, version });
    const again = await act(id, body, { key, version });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect((await act(id, { ...body, note: 'else' }, { key, version })).status).toBe(422);
    await drainOutbox(h.api.deps);
    expect((await task(taskId)).comment_logs).toHaveLength(1);
    expect(sql('SELECT id FROM case_actions WHERE case_id = ?', id)).toHaveLength(1);
    expect(auditOf(id, 'case.action_requested')).toHaveLength(1);
  });
});

describe('KryptoGO DD task metadata through the outbox', () => {
  it('appends the entries once, even when the answer is lost and the call retried', async () => {
    const { taskId, id } = await ddCase('clean');
    const entries = [
      { key: 'back_office.case', value: String(id) },
      { key: 'risk-review', value: 'done' },
    ];
    await fault(`/task/${taskId}/metadata`, { kind: 'server_error', phase: 'after' });
    const response = await act(id, { type: 'provider_metadata', entries });
    expect(response.status).toBe(202);
    const actionId = response.body.action.id as number;
    expect(response.body.action).toMatchObject({ type: 'provider_metadata', params: { entries } });
    expect(outboxRows(actionId)[0]).toMatchObject({ operation: 'kryptogo.dd_metadata' });
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId).status).toBe('retrying');
    advance(5_000);
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId)).toMatchObject({ status: 'applied', attempts: 2 });
    expect(await summaryMetadata(taskId)).toEqual(entries);
    expect(auditOf(id, 'case.action_applied')[0]!.reason).toContain('already holds these metadata entries');
    // Values are free text: the audit row has keys and lengths, the action row the values.
    expect(JSON.parse(auditOf(id, 'case.action_requested')[0]!.after).entries).toEqual(
      entries.map((entry) => ({ key: entry.key, valueLength: entry.value.length })),
    );
    // Metadata changes no decision: the task can still be decided.
    expect((await detail(id)).allowedActions).toEqual([
      'approve',
      'decline',
      'provider_metadata',
      'escalate',
    ]);
  });

  it('validates the entries at the boundary', async () => {
    const { id } = await ddCase('clean');
    const bad = [
      { type: 'provider_metadata', entries: [] },
      { type: 'provider_metadata', entries: [{ key: 'a', value: null }] },
      { type: 'provider_metadata', entries: [{ key: 'has space', value: 'x' }] },
      { type: 'provider_metadata', entries: [{ key: 'a', value: 'x'.repeat(1001) }] },
      {
        type: 'provider_metadata',
        entries: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
      },
      {
        type: 'provider_metadata',
        entries: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
      },
    ];
    for (const body of bad) expect((await act(id, body)).status, JSON.stringify(body)).toBe(400);
    expect(sql('SELECT id FROM case_actions WHERE case_id = ?', id)).toHaveLength(0);
  });
});

describe('KryptoGO IDV and KYA cases', () => {
  it('offer local decisions and escalation only: KryptoGO has no decision endpoint for them', async () => {
    const screened = await h.call('/api/kryptogo/screenings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'kya', address: `0x${'ab'.repeat(20)}` }),
    });
    expect(screened.status).toBeLessThan(300);
    const [kya] = sql<{ id: number }>(
      "SELECT id FROM cases WHERE provider = 'kryptogo' AND kind = 'kya_task' ORDER BY id DESC LIMIT 1",
    );
    const created = await kgo.call('/_sandbox/kryptogo/scenarios', {
      type: 'idv',
      scenario: 'review',
      count: 1,
      callback_url: kgo.callbackUrl,
    });
    expect(created.status).toBe(200);
    await kgo.call('/_sandbox/kryptogo/clock/advance', { seconds: 1 });
    const [idv] = sql<{ id: number }>(
      "SELECT id FROM cases WHERE provider = 'kryptogo' AND kind = 'idv_task' ORDER BY id DESC LIMIT 1",
    );
    for (const row of [kya, idv]) {
      expect(row).toBeDefined();
      expect((await detail(row!.id)).allowedActions).toEqual(['approve', 'decline', 'escalate']);
      const refused = await act(row!.id, { type: 'provider_comment', note: 'to KryptoGO' });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('no provider to send provider_comment to');
      expect(sql('SELECT id FROM case_actions WHERE case_id = ?', row!.id)).toHaveLength(0);
    }
  });
});
