import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDiditCase, requestAction, sqlOn } from '../../test/cases';
import { type Harness, startHarness, type TestRole } from '../../test/harness';
import { drainOutbox } from '../outbox/worker';

/*
 * Drift (docs/reliability.md, "Drift"): a provider state that diverges from our own decision is flagged with
 * both values and never applied until a manager resolves it.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ kryptogo: true });
});
afterAll(async () => {
  await h?.close();
});

const sql = <T>(query: string, ...params: unknown[]) => sqlOn(h)<T>(query, ...params);

async function settle() {
  await drainOutbox(h.api.deps);
  await h.sandbox('/_sandbox/didit/webhooks/flush', {});
}

const json = (body: unknown, as: TestRole, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
  as,
});

const reconcile = () => h.call('/api/reconcile', json({}, 'manager'));

const caseRow = (id: number) =>
  sql<{ status: string; provider_status: string; flag: string | null; version: number }>(
    'SELECT status, provider_status, flag, version FROM cases WHERE id = ?',
    id,
  )[0]!;

const auditOf = (caseId: number, action: string) =>
  sql<{ actor_id: string; actor_type: string; before: string | null; after: string | null }>(
    'SELECT actor_id, actor_type, before, after FROM audit_log WHERE case_id = ? AND action = ? ORDER BY id',
    caseId,
    action,
  );

const driftsOf = (caseId: number) =>
  sql<{ id: number; status: string; seen_count: number; source: string }>(
    'SELECT id, status, seen_count, source FROM case_drifts WHERE case_id = ? ORDER BY id',
    caseId,
  );

async function listed(caseId: number) {
  const list = await h.call('/api/drift?status=all', { as: 'manager' });
  expect(list.status).toBe(200);
  return (list.body.items as { caseId: number }[]).filter((item) => item.caseId === caseId) as any[];
}

const resolve = (id: number, resolution: string, as: TestRole = 'manager') =>
  h.call(`/api/drift/${id}/resolve`, json({ resolution }, as, { 'idempotency-key': randomUUID() }));
const decide = (id: number, decision: 'approve' | 'reject', as: TestRole) =>
  h.call(`/api/drift/${id}/decision`, json({ decision }, as));

/** A Didit case an analyst approved here, the approval delivered to the sandbox. */
async function approvedDiditCase() {
  const created = await newDiditCase(h);
  const approved = await requestAction(h, created.id, { type: 'approve', reasonCode: 'other' }, 'analyst');
  expect(approved.status).toBe(202);
  await settle();
  expect(caseRow(created.id)).toMatchObject({ status: 'approved', provider_status: 'Approved' });
  return created;
}

const consoleEdit = (sessionId: string, status: string, webhook: boolean) =>
  h.sandbox(`/_sandbox/didit/sessions/${sessionId}/console-edit`, { status, webhook });

describe('drift: Didit', () => {
  it('a console edit found by reconciliation is flagged with both values and the case keeps our decision', async () => {
    const { id, sessionId } = await approvedDiditCase();
    const edited = await consoleEdit(sessionId, 'Declined', false);
    expect(edited.status).toBe(200);

    expect((await reconcile()).status).toBe(200);
    expect(caseRow(id)).toMatchObject({ status: 'approved', provider_status: 'Approved', flag: 'drift' });
    const [drift] = await listed(id);
    expect(drift).toMatchObject({
      status: 'open',
      source: 'reconcile',
      ours: { status: 'approved', providerStatus: 'Approved' },
      theirs: { status: 'rejected', providerStatus: 'Declined' },
      seenCount: 1,
    });
    const [detected] = auditOf(id, 'case.drift_detected');
    expect(detected).toMatchObject({ actor_type: 'system', actor_id: 'reconciliation' });
    expect(JSON.parse(detected!.after!)).toMatchObject({
      driftId: drift.id,
      ours: { status: 'approved', providerStatus: 'Approved' },
      theirs: { status: 'rejected', providerStatus: 'Declined' },
    });

    // Reconciling again sees the same divergence: one drift, one audit row, only its sighting counted.
    expect((await reconcile()).status).toBe(200);
    expect(driftsOf(id)).toEqual([expect.objectContaining({ status: 'open', seen_count: 2 })]);
    expect(auditOf(id, 'case.drift_detected')).toHaveLength(1);
    expect(caseRow(id).status).toBe('approved');

    const dashboard = await h.call('/api/dashboard?from=2026-01-01&to=2026-01-02', { as: 'manager' });
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.drift).toEqual({ unresolved: 1, awaitingApproval: 0 });
  });

  it('only managers and admins see and resolve drift', async () => {
    expect((await h.call('/api/drift', { as: 'analyst' })).status).toBe(403);
    expect((await h.call('/api/drift', { as: 'admin' })).status).toBe(200);
    const any = sql<{ id: number }>("SELECT id FROM case_drifts WHERE status = 'open' LIMIT 1")[0]!;
    expect((await resolve(any.id, 'accept_provider', 'analyst')).status).toBe(403);
    expect((await decide(any.id, 'approve', 'analyst')).status).toBe(403);
  });

  it('accepting the provider reverses our approval, so it waits for a second manager, then the case takes it', async () => {
    const { id, sessionId } = await approvedDiditCase();
    await consoleEdit(sessionId, 'Declined', false);
    await reconcile();
    const [drift] = driftsOf(id);

    const requested = await resolve(drift!.id, 'accept_provider', 'manager');
    expect(requested.status).toBe(200);
    expect(requested.body).toMatchObject({ status: 'awaiting_approval', resolution: 'accept_provider' });
    expect(caseRow(id).status).toBe('approved');
    expect(auditOf(id, 'case.drift_resolution_requested')).toHaveLength(1);

    const own = await decide(drift!.id, 'approve', 'manager');
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('self_approval');

    const approved = await decide(drift!.id, 'approve', 'admin');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'resolved', resolution: 'accept_provider' });
    expect(caseRow(id)).toMatchObject({ status: 'rejected', provider_status: 'Declined', flag: null });
    const [resolved] = auditOf(id, 'case.drift_resolved');
    expect(resolved).toMatchObject({ actor_type: 'user' });
    expect(JSON.parse(resolved!.after!)).toMatchObject({ driftId: drift!.id, resolution: 'accept_provider' });
    const statusChanged = auditOf(id, 'case.status_changed').at(-1)!;
    expect(JSON.parse(statusChanged.after!)).toMatchObject({
      status: 'rejected',
      providerStatus: 'Declined',
    });

    // Resolved once: a second attempt is refused, and the next read is no drift (the case holds the state).
    expect((await decide(drift!.id, 'approve', 'admin')).status).toBe(409);
    await reconcile();
    expect(driftsOf(id)).toHaveLength(1);
  });

  it('a rejected resolution leaves the drift open and the case as it was', async () => {
    const { id, sessionId } = await approvedDiditCase();
    await consoleEdit(sessionId, 'Declined', false);
    await reconcile();
    const [drift] = driftsOf(id);
    expect((await resolve(drift!.id, 'accept_provider', 'admin')).body.status).toBe('awaiting_approval');
    const rejected = await decide(drift!.id, 'reject', 'manager');
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('open');
    expect(caseRow(id)).toMatchObject({ status: 'approved', flag: 'drift' });
    expect(auditOf(id, 'case.drift_resolution_rejected')).toHaveLength(1);
  });

  it('a webhook with a diverging state creates a drift; pushing ours goes through the outbox and clears it', async () => {
    const { id, sessionId } = await approvedDiditCase();
    await consoleEdit(sessionId, 'Declined', true);
    await h.sandbox('/_sandbox/didit/webhooks/flush', {});
    expect(caseRow(id)).toMatchObject({ status: 'approved', flag: 'drift' });
    const [drift] = driftsOf(id);
    expect(drift).toMatchObject({ status: 'open', source: 'webhook' });
    expect(auditOf(id, 'case.drift_detected')[0]).toMatchObject({
      actor_type: 'provider',
      actor_id: 'didit',
    });

    const pushed = await resolve(drift!.id, 'push_ours', 'manager');
    expect(pushed.status).toBe(200);
    expect(pushed.body).toMatchObject({ status: 'resolved', resolution: 'push_ours' });
    const actionId = pushed.body.actionId as number;
    expect(sql('SELECT operation FROM outbox WHERE action_id = ?', actionId)).toEqual([
      { operation: 'didit.update_status' },
    ]);
    expect(caseRow(id)).toMatchObject({ status: 'approved', flag: null });
    expect(JSON.parse(auditOf(id, 'case.drift_resolved')[0]!.after!)).toMatchObject({
      resolution: 'push_ours',
      actionId,
    });

    await settle();
    expect(sql('SELECT status FROM case_actions WHERE id = ?', actionId)).toEqual([{ status: 'applied' }]);
    const decision = await h.sandbox(`/v3/session/${sessionId}/decision/`);
    expect(decision.body.status).toBe('Approved');
    await reconcile();
    expect(caseRow(id)).toMatchObject({ status: 'approved', provider_status: 'Approved', flag: null });
    expect(driftsOf(id).map((row) => row.status)).toEqual(['resolved']);
  });

  it('a provider decision on a case still in review is a normal update, not drift', async () => {
    const { id, sessionId } = await newDiditCase(h);
    expect(caseRow(id).status).toBe('needs_review');
    await consoleEdit(sessionId, 'Approved', false);
    await reconcile();
    expect(caseRow(id)).toMatchObject({ status: 'approved', provider_status: 'Approved', flag: null });
    expect(driftsOf(id)).toEqual([]);
  });

  it('the provider coming back to our decision closes the drift by itself', async () => {
    const { id, sessionId } = await approvedDiditCase();
    await consoleEdit(sessionId, 'Declined', false);
    await reconcile();
    await consoleEdit(sessionId, 'Approved', false);
    await reconcile();
    expect(caseRow(id)).toMatchObject({ status: 'approved', flag: null });
    expect(sql('SELECT status, resolution FROM case_drifts WHERE case_id = ?', id)).toEqual([
      { status: 'resolved', resolution: 'provider_matches' },
    ]);
  });
});

describe('drift: KryptoGO DD tasks', () => {
  it('a console audit after our acceptance is a drift; ours cannot be pushed (KryptoGO keeps an audit), theirs can be accepted', async () => {
    const kgo = h.kryptogo!;
    const created = await kgo.call('/_sandbox/kryptogo/scenarios', {
      type: 'dd',
      scenario: 'pep',
      count: 1,
      callback_url: kgo.callbackUrl,
    });
    const taskId = created.body.ids[0] as number;
    await reconcile();
    const [row] = sql<{ id: number }>(
      "SELECT id FROM cases WHERE provider = 'kryptogo' AND kind = 'dd_task' AND external_id = ?",
      String(taskId),
    );
    const id = row!.id;
    expect(caseRow(id).status).toBe('needs_review');
    const accepted = await requestAction(h, id, { type: 'approve', reasonCode: 'other' }, 'analyst');
    expect(accepted.status).toBe(202);
    await drainOutbox(h.api.deps);
    expect(caseRow(id).status).toBe('approved');

    // Later than our acceptance, as a console edit is.
    await kgo.call('/_sandbox/kryptogo/clock/advance', { seconds: 120 });
    const edit = await kgo.call(`/_sandbox/kryptogo/dd/${taskId}/console-audit`, {
      accepted: false,
      callback: false,
    });
    expect(edit.status).toBe(200);
    await reconcile();
    expect(caseRow(id)).toMatchObject({ status: 'approved', flag: 'drift' });
    const [drift] = await listed(id);
    expect(drift).toMatchObject({
      ours: { status: 'approved' },
      theirs: { status: 'rejected' },
      pushRefusal: expect.stringContaining('KryptoGO never changes an audited decision'),
    });

    const push = await resolve(drift.id, 'push_ours', 'manager');
    expect(push.status).toBe(409);
    expect(push.body.code).toBe('transition_not_allowed');

    expect((await resolve(drift.id, 'accept_provider', 'manager')).body.status).toBe('awaiting_approval');
    expect((await decide(drift.id, 'approve', 'admin')).body.status).toBe('resolved');
    expect(caseRow(id)).toMatchObject({ status: 'rejected', flag: null });
  });

  it('a console audit against our local IDV decision is a drift; there is nothing to push, theirs can be accepted', async () => {
    const kgo = h.kryptogo!;
    const created = await kgo.call('/_sandbox/kryptogo/scenarios', {
      type: 'idv',
      scenario: 'review',
      count: 1,
      callback_url: kgo.callbackUrl,
    });
    const idvId = created.body.ids[0] as number;
    await kgo.call('/_sandbox/kryptogo/clock/advance', { seconds: 1 });
    await reconcile();
    const [row] = sql<{ id: number }>(
      "SELECT id FROM cases WHERE provider = 'kryptogo' AND kind = 'idv_task' AND external_id = ?",
      `idv-${idvId}`,
    );
    const id = row!.id;
    expect(caseRow(id).status).toBe('needs_review');
    const approved = await requestAction(h, id, { type: 'approve', reasonCode: 'other' }, 'analyst');
    expect(approved.status).toBe(202);
    expect(caseRow(id).status).toBe('approved');

    await kgo.call('/_sandbox/kryptogo/clock/advance', { seconds: 60 });
    expect((await kgo.call(`/_sandbox/kryptogo/idv/${idvId}/audit`, { accepted: false })).status).toBe(200);
    await reconcile();
    expect(caseRow(id)).toMatchObject({ status: 'approved', flag: 'drift' });
    const [drift] = await listed(id);
    expect(drift).toMatchObject({
      ours: { status: 'approved' },
      theirs: { status: 'rejected' },
      pushRefusal: expect.stringContaining('decided here alone'),
    });
    expect((await resolve(drift.id, 'push_ours')).status).toBe(409);
    expect((await resolve(drift.id, 'accept_provider')).body.status).toBe('awaiting_approval');
    expect((await decide(drift.id, 'approve', 'admin')).body.status).toBe('resolved');
    expect(caseRow(id)).toMatchObject({ status: 'rejected', flag: null });
  });
});

// Last: it leaves its drift open, and the tests above count the open ones.
describe('drift: the case flag', () => {
  it('a drift flag is not cleared through the case flag route: only resolving the drift clears it', async () => {
    const { id, sessionId } = await approvedDiditCase();
    expect((await consoleEdit(sessionId, 'Declined', false)).status).toBe(200);
    expect((await reconcile()).status).toBe(200);
    const flagged = sql<{ version: number; flag: string | null }>(
      'SELECT version, flag FROM cases WHERE id = ?',
      id,
    )[0]!;
    expect(flagged.flag).toBe('drift');
    const cleared = await h.call(`/api/cases/${id}/flag/clear`, {
      method: 'POST',
      as: 'manager',
      headers: { 'content-type': 'application/json', 'if-match': String(flagged.version) },
      body: JSON.stringify({ reason: 'decision_confirmed' }),
    });
    expect(cleared.status).toBe(409);
    expect(cleared.body.code).toBe('flag_resolved_elsewhere');
    expect(caseRow(id)).toMatchObject({ flag: 'drift' });
    expect(auditOf(id, 'case.flag_cleared')).toHaveLength(0);
    expect((await listed(id))[0]).toMatchObject({ status: 'open' });
  });
});
