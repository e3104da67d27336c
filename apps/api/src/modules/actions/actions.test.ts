import { randomUUID } from 'node:crypto';
import { verifyAuditChain } from '@backoffice/db';
import { createTestClock } from '@backoffice/providers/test-clock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type TestRole } from '../../test/harness';
import { drainOutbox, LEASE_MS } from '../outbox/worker';

/** Wall time plus an offset the tests move forward, so backoff is tested without sleeping. */
const clock = createTestClock();
const advance = (ms: number) => {
  clock.advance(ms);
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: clock.now });
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  await h.sandbox('/_sandbox/faults', undefined, 'DELETE');
});

const sql = <T>(query: string, ...params: unknown[]) =>
  h.api.deps.db.sqlite.prepare(query).all(...params) as T[];

async function newCase(scenario = 'review_low_face_match') {
  const created = await h.sandbox('/_sandbox/didit/sessions', { scenario });
  expect(created.status).toBe(201);
  const sessionId = created.body.sessions[0].session_id as string;
  await h.sandbox('/_sandbox/didit/webhooks/flush', {});
  const [row] = sql<{ id: number; version: number; provider_status: string }>(
    'SELECT id, version, provider_status FROM cases WHERE external_id = ?',
    sessionId,
  );
  expect(row).toBeDefined();
  return { sessionId, id: row!.id };
}

async function detail(caseId: number, as: TestRole = 'analyst') {
  const response = await h.call(`/api/cases/${caseId}`, { as });
  expect(response.status).toBe(200);
  return response.body;
}

async function act(
  caseId: number,
  body: Record<string, unknown>,
  options: { as?: TestRole; version?: number | null; key?: string | null } = {},
) {
  const version = options.version === undefined ? (await detail(caseId)).version : options.version;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (version !== null) headers['if-match'] = String(version);
  const key = options.key === undefined ? randomUUID() : options.key;
  if (key !== null) headers['idempotency-key'] = key;
  return h.call(`/api/cases/${caseId}/actions`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    as: options.as ?? 'analyst',
  });
}

async function decide(actionId: number, decision: string, as: TestRole) {
  return h.call(`/api/actions/${actionId}/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ decision }),
    as,
  });
}

const reviewsOf = async (sessionId: string) =>
  (await h.sandbox(`/v3/sessions/${sessionId}/reviews/`)).body as {
    action: string;
    new_status: string | null;
    note: string;
  }[];
const statusChanges = async (sessionId: string, to: string) =>
  (await reviewsOf(sessionId)).filter((r) => r.action === 'status_change' && r.new_status === to);
const providerStatus = async (sessionId: string) =>
  (await h.sandbox(`/v3/session/${sessionId}/decision/`)).body.status as string;
const actionRow = (id: number) =>
  sql<{ status: string; attempts: number; last_error: string | null }>(
    'SELECT status, attempts, last_error FROM case_actions WHERE id = ?',
    id,
  )[0]!;
const auditOf = (caseId: number, action: string) =>
  sql<{
    actor_id: string;
    actor_role: string | null;
    before: string;
    after: string;
    reason: string | null;
    request_id: string | null;
  }>(
    'SELECT actor_id, actor_role, before, after, reason, request_id FROM audit_log WHERE case_id = ? AND action = ? ORDER BY id',
    caseId,
    action,
  );
const fault = (sessionId: string, spec: Record<string, unknown>) =>
  h.sandbox('/_sandbox/faults', {
    match: { pathPrefix: `/v3/session/${sessionId}/update-status/` },
    ...spec,
  });

describe('reviewer actions through the outbox', () => {
  it('lists the seeded reason codes', async () => {
    const response = await h.call('/api/reason-codes');
    expect(response.status).toBe(200);
    expect(response.body.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['documents_verified', 'document_forged', 'blurry_document', 'confirmed_fraud']),
    );
  });

  it('approves a case in review: 202, one provider call, applied, case approved, audited', async () => {
    const { sessionId, id } = await newCase();
    const before = await detail(id);
    expect(before.allowedActions).toEqual(
      expect.arrayContaining(['approve', 'decline', 'request_resubmission', 'blocklist', 'provider_comment']),
    );
    const response = await act(id, { type: 'approve', reasonCode: 'manual_review_cleared', note: 'face ok' });
    expect(response.status).toBe(202);
    expect(response.body.action).toMatchObject({
      type: 'approve',
      status: 'pending',
      reasonLabel: 'Manual review cleared',
    });
    expect(response.body.case.version).toBe(before.version + 1);
    await drainOutbox(h.api.deps);
    expect(actionRow(response.body.action.id)).toMatchObject({ status: 'applied', attempts: 1 });
    expect(await statusChanges(sessionId, 'Approved')).toHaveLength(1);
    expect((await statusChanges(sessionId, 'Approved'))[0]!.note).toContain(
      'Manual review cleared — face ok',
    );
    await h.sandbox('/_sandbox/didit/webhooks/flush', {});
    const after = await detail(id);
    expect(after).toMatchObject({ status: 'approved', providerStatus: 'Approved' });
    expect(after.actions[0]).toMatchObject({ status: 'applied', requestedBy: { name: expect.any(String) } });
    const requested = auditOf(id, 'case.action_requested');
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatchObject({ actor_role: 'analyst', reason: 'manual_review_cleared' });
    // The note stays on the action row; the audit row has its length only.
    expect(JSON.parse(requested[0]!.after)).toMatchObject({ noteLength: 'face ok'.length });
    expect(requested[0]!.request_id).toBeTruthy();
    expect(auditOf(id, 'case.action_applied')).toHaveLength(1);
    // Our transaction 2 and the provider's webhook race; whichever lands first moves the case, once.
    const movedToApproved = [
      ...auditOf(id, 'case.status_changed'),
      ...auditOf(id, 'case.action_applied'),
    ].filter((r) => JSON.parse(r.after).status === 'approved' && JSON.parse(r.before).status !== 'approved');
    expect(movedToApproved).toHaveLength(1);
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });

  it('declines, requests resubmission, comments and blocklists, each reaching the sandbox once', async () => {
    const declined = await newCase();
    expect((await act(declined.id, { type: 'decline', reasonCode: 'face_mismatch' })).status).toBe(202);
    const resubmitted = await newCase();
    const resubmit = await act(resubmitted.id, {
      type: 'request_resubmission',
      reasonCode: 'blurry_document',
      nodes: [{ nodeId: 'feature_ocr', feature: 'OCR' }],
    });
    expect(resubmit.status).toBe(202);
    const commented = await newCase();
    const comment = await act(commented.id, { type: 'provider_comment', note: 'Called the customer' });
    expect(comment.status).toBe(202);
    await drainOutbox(h.api.deps);
    expect(await statusChanges(declined.sessionId, 'Declined')).toHaveLength(1);
    expect(await statusChanges(resubmitted.sessionId, 'Resubmitted')).toHaveLength(1);
    const notes = (await reviewsOf(commented.sessionId)).filter((r) =>
      r.note?.includes('Called the customer'),
    );
    expect(notes).toHaveLength(1);
    expect(actionRow(comment.body.action.id).status).toBe('applied');

    // Blocklisting needs a second person by default.
    const blocklist = await act(declined.id, {
      type: 'blocklist',
      reasonCode: 'confirmed_fraud',
      face: true,
      document: false,
    });
    expect(blocklist.status).toBe(202);
    expect(blocklist.body.action.status).toBe('awaiting_approval');
    await drainOutbox(h.api.deps);
    expect(
      (await h.sandbox('/v3/blocklist/')).body.filter(
        (e: { session_id: string }) => e.session_id === declined.sessionId,
      ),
    ).toHaveLength(0);
    expect((await decide(blocklist.body.action.id, 'approve', 'manager')).status).toBe(200);
    await drainOutbox(h.api.deps);
    const entries = (await h.sandbox('/v3/blocklist/')).body.filter(
      (e: { session_id: string }) => e.session_id === declined.sessionId,
    );
    expect(entries.map((e: { item_type: string }) => e.item_type)).toEqual(['face']);
    expect(actionRow(blocklist.body.action.id).status).toBe('applied');
    expect(auditOf(declined.id, 'case.action_approved')[0]).toMatchObject({ actor_role: 'manager' });
  });

  it('refuses what the transition table forbids before any provider call', async () => {
    const { sessionId, id } = await newCase('approve');
    const reviewsBefore = (await reviewsOf(sessionId)).length;
    const noop = await act(id, { type: 'approve', reasonCode: 'documents_verified' });
    expect(noop.status).toBe(409);
    expect(noop.body.code).toBe('transition_not_allowed');
    expect((await detail(id)).allowedActions).not.toContain('approve');
    const wrongReason = await act(id, { type: 'decline', reasonCode: 'documents_verified' });
    expect(wrongReason.status).toBe(400);
    expect(wrongReason.body.code).toBe('invalid_reason_code');
    await drainOutbox(h.api.deps);
    expect((await reviewsOf(sessionId)).length).toBe(reviewsBefore);
    expect(auditOf(id, 'case.action_requested')).toHaveLength(0);
    expect(sql('SELECT id FROM case_actions WHERE case_id = ?', id)).toHaveLength(0);
  });

  it('requires If-Match and an Idempotency-Key', async () => {
    const { id } = await newCase();
    const noVersion = await act(id, { type: 'approve', reasonCode: 'documents_verified' }, { version: null });
    expect(noVersion.status).toBe(428);
    const noKey = await act(id, { type: 'approve', reasonCode: 'documents_verified' }, { key: null });
    expect(noKey.status).toBe(400);
    expect(noKey.body.code).toBe('idempotency_key_required');
  });

  it('replays the stored response for the same key and refuses a changed body with 422', async () => {
    const { sessionId, id } = await newCase();
    const version = (await detail(id)).version;
    const key = randomUUID();
    const body = { type: 'decline', reasonCode: 'liveness_failed' };
    const first = await act(id, body, { key, version });
    const again = await act(id, body, { key, version });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    const changed = await act(id, { ...body, note: 'different' }, { key, version });
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('idempotency_key_reused');
    await drainOutbox(h.api.deps);
    expect(await statusChanges(sessionId, 'Declined')).toHaveLength(1);
    expect(auditOf(id, 'case.action_requested')).toHaveLength(1);
  });

  it('lets exactly one of two racing reviewers win', async () => {
    const { sessionId, id } = await newCase();
    const version = (await detail(id)).version;
    const [a, b] = await Promise.all([
      act(id, { type: 'approve', reasonCode: 'documents_verified' }, { version }),
      act(id, { type: 'decline', reasonCode: 'face_mismatch' }, { version, as: 'analyst2' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.code).toBe('stale_version');
    expect(loser.body.message).toMatch(/you saw version \d+, it is now version \d+/);
    await drainOutbox(h.api.deps);
    const changes = (await reviewsOf(sessionId)).filter(
      (r) => r.action === 'status_change' && r.new_status !== 'In Review',
    );
    expect(changes.filter((r) => r.new_status === 'Approved' || r.new_status === 'Declined')).toHaveLength(1);
  });

  it('four-eyes: reversing a decision needs another person; self-approval is 403; analysts cannot approve', async () => {
    const { sessionId, id } = await newCase('approve');
    const reversal = await act(id, { type: 'decline', reasonCode: 'sanctions_match' }, { as: 'manager' });
    expect(reversal.status).toBe(202);
    const actionId = reversal.body.action.id;
    expect(reversal.body.action.status).toBe('awaiting_approval');
    expect((await decide(actionId, 'approve', 'manager')).body.code).toBe('self_approval');
    expect((await decide(actionId, 'approve', 'analyst')).status).toBe(403);
    const inbox = await h.call('/api/actions?status=awaiting_approval', { as: 'admin' });
    expect(inbox.body.map((a: { id: number }) => a.id)).toContain(actionId);
    const approved = await decide(actionId, 'approve', 'admin');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'pending', approvedBy: { name: expect.any(String) } });
    expect((await decide(actionId, 'approve', 'admin')).status).toBe(409);
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId).status).toBe('applied');
    expect(await providerStatus(sessionId)).toBe('Declined');

    const rejectedCase = await newCase('approve');
    const second = await act(rejectedCase.id, { type: 'decline', reasonCode: 'other' });
    const rejected = await decide(second.body.action.id, 'reject', 'manager');
    expect(rejected.body.status).toBe('rejected');
    await drainOutbox(h.api.deps);
    expect(await providerStatus(rejectedCase.sessionId)).toBe('Approved');
    expect(auditOf(rejectedCase.id, 'case.action_rejected')).toHaveLength(1);
  });
});

describe('outbox retries and reconciliation', () => {
  it('retries a 5xx with backoff and applies once', async () => {
    const { sessionId, id } = await newCase();
    await fault(sessionId, { kind: 'status', status: 503, times: 1 });
    const response = await act(id, { type: 'approve', reasonCode: 'documents_verified' });
    await drainOutbox(h.api.deps);
    const actionId = response.body.action.id;
    expect(actionRow(actionId)).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(actionRow(actionId).last_error).toContain('HTTP 503');
    expect((await detail(id)).actions[0].status).toBe('retrying');
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId).attempts).toBe(1); // not due yet
    advance(2_100);
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId)).toMatchObject({ status: 'applied', attempts: 2 });
    expect(await statusChanges(sessionId, 'Approved')).toHaveLength(1);
    expect(auditOf(id, 'case.action_retry_scheduled')).toHaveLength(1);
  });

  it('honours Retry-After on a 429', async () => {
    const { sessionId, id } = await newCase();
    await fault(sessionId, { kind: 'rate_limit', retryAfterSeconds: 20, times: 1 });
    const response = await act(id, { type: 'decline', reasonCode: 'document_forged' });
    await drainOutbox(h.api.deps);
    const actionId = response.body.action.id;
    expect(actionRow(actionId).status).toBe('retrying');
    advance(10_000);
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId)).toMatchObject({ status: 'retrying', attempts: 1 });
    advance(10_500);
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId).status).toBe('applied');
    expect(await statusChanges(sessionId, 'Declined')).toHaveLength(1);
  });

  it('survives dropped connections', async () => {
    const { sessionId, id } = await newCase();
    await fault(sessionId, { kind: 'drop_connection', times: 2 });
    const response = await act(id, { type: 'approve', reasonCode: 'documents_verified' });
    await drainOutbox(h.api.deps);
    advance(2_100);
    await drainOutbox(h.api.deps);
    expect(actionRow(response.body.action.id)).toMatchObject({ status: 'retrying', attempts: 2 });
    advance(4_100);
    await drainOutbox(h.api.deps);
    expect(actionRow(response.body.action.id)).toMatchObject({ status: 'applied', attempts: 3 });
    expect(await statusChanges(sessionId, 'Approved')).toHaveLength(1);
  });

  it('does not repeat a call that landed after the client timed out (re-read before retry)', async () => {
    const { sessionId, id } = await newCase();
    // Longer than the client's 3 s deadline: the sandbox applies the change after we gave up waiting.
    await fault(sessionId, { kind: 'latency', ms: 3_400, times: 1 });
    const response = await act(id, { type: 'approve', reasonCode: 'documents_verified' });
    await drainOutbox(h.api.deps);
    const actionId = response.body.action.id;
    expect(actionRow(actionId).status).toBe('retrying');
    expect(actionRow(actionId).last_error).toContain('timeout');
    for (let i = 0; i < 40 && (await providerStatus(sessionId)) !== 'Approved'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    advance(2_100);
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId)).toMatchObject({ status: 'applied', attempts: 2 });
    expect(await statusChanges(sessionId, 'Approved')).toHaveLength(1);
    expect(auditOf(id, 'case.action_applied')[0]!.reason).toContain('not sent again');
  });

  it('re-delivers a row whose worker died mid-call, without calling twice', async () => {
    const { sessionId, id } = await newCase();
    const response = await act(id, { type: 'approve', reasonCode: 'documents_verified' });
    await drainOutbox(h.api.deps);
    const actionId = response.body.action.id;
    // Simulate a crash after the call landed but before transaction 2.
    h.api.deps.db.sqlite
      .prepare("UPDATE outbox SET status = 'in_flight', locked_until = ? WHERE action_id = ?")
      .run(clock.now() + 1_000, actionId);
    h.api.deps.db.sqlite.prepare("UPDATE case_actions SET status = 'pending' WHERE id = ?").run(actionId);
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId).status).toBe('pending'); // leased
    advance(LEASE_MS);
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId).status).toBe('applied');
    expect(await statusChanges(sessionId, 'Approved')).toHaveLength(1);
  });

  it('stops on a permanent 4xx; a manager retries one and abandons another', async () => {
    const first = await newCase();
    await fault(first.sessionId, { kind: 'status', status: 400, times: 1 });
    const failing = await act(first.id, { type: 'approve', reasonCode: 'documents_verified' });
    await drainOutbox(h.api.deps);
    const actionId = failing.body.action.id;
    expect(actionRow(actionId)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(auditOf(first.id, 'case.action_failed')).toHaveLength(1);
    const inbox = await h.call('/api/actions?status=failed', { as: 'manager' });
    expect(inbox.body.map((a: { id: number }) => a.id)).toContain(actionId);
    expect((await decide(actionId, 'retry', 'analyst')).status).toBe(403);
    expect((await decide(actionId, 'retry', 'manager')).body.status).toBe('pending');
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId).status).toBe('applied');
    expect(await statusChanges(first.sessionId, 'Approved')).toHaveLength(1);
    expect(auditOf(first.id, 'case.action_retried')).toHaveLength(1);

    const second = await newCase();
    await fault(second.sessionId, { kind: 'status', status: 404, times: 1 });
    const other = await act(second.id, { type: 'decline', reasonCode: 'face_mismatch' });
    await drainOutbox(h.api.deps);
    expect((await decide(other.body.action.id, 'abandon', 'manager')).body.status).toBe('abandoned');
    expect((await decide(other.body.action.id, 'abandon', 'manager')).status).toBe(409);
    expect(await providerStatus(second.sessionId)).toBe('In Review');
    expect(auditOf(second.id, 'case.action_abandoned')).toHaveLength(1);
    // With the decision abandoned, the case can be decided again.
    expect((await detail(second.id)).allowedActions).toContain('decline');
  });
});
