import { randomBytes, randomUUID } from 'node:crypto';
import { CaseKind, Provider } from '@backoffice/contracts';
import { verifyAuditChain } from '@backoffice/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKycPayload } from '../../../../sandbox/src/ditto/scenarios';
import { reconcileDiditSession } from '../../providers/didit/reconcile';
import { reconcileKryptogo } from '../../providers/kryptogo/reconcile';
import { registeredProviders, requireAdapter } from '../../providers/registry';
import { newDiditCase, sqlOn } from '../../test/cases';
import { type Harness, type KryptogoHarness, startHarness, type TestRole } from '../../test/harness';
import { drainOutbox } from '../outbox/worker';

const DITTO_CLIENT_ID = 'ditto-idv-server';
const DITTO_CLIENT_SECRET = `secret_${randomBytes(16).toString('hex')}`;

let h: Harness;
let kgo: KryptogoHarness;
beforeAll(async () => {
  h = await startHarness({
    kryptogo: true,
    env: { DITTO_CLIENT_ID, DITTO_CLIENT_SECRET },
  });
  kgo = h.kryptogo!;
});
afterAll(async () => {
  await h?.close();
});

const sql = <T>(query: string, ...params: unknown[]) => sqlOn(h)<T>(query, ...params);

const newestCase = (provider: string, kind: string) =>
  sql<{ id: number }>(
    'SELECT id FROM cases WHERE provider = ? AND kind = ? ORDER BY id DESC LIMIT 1',
    provider,
    kind,
  )[0]?.id ?? -1;

/** A case of each (provider, kind) in "needs review", created the way the provider creates it. */
const NEW_CASE: Record<string, () => Promise<number>> = {
  'didit/kyc_session': async () => (await newDiditCase(h)).id,
  'kryptogo/dd_task': async () => {
    const created = await kgo.call('/_sandbox/kryptogo/scenarios', {
      type: 'dd',
      scenario: 'pep',
      count: 1,
      callback_url: kgo.callbackUrl,
    });
    expect(created.status).toBe(200);
    return newestCase('kryptogo', 'dd_task');
  },
  'kryptogo/kya_task': async () => {
    const screened = await h.call('/api/kryptogo/screenings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'kya', address: `0x${randomBytes(20).toString('hex')}` }),
    });
    expect(screened.status).toBeLessThan(300);
    return newestCase('kryptogo', 'kya_task');
  },
  'kryptogo/idv_task': async () => {
    const created = await kgo.call('/_sandbox/kryptogo/scenarios', {
      type: 'idv',
      scenario: 'review',
      count: 1,
      callback_url: kgo.callbackUrl,
    });
    expect(created.status).toBe(200);
    await kgo.call('/_sandbox/kryptogo/clock/advance', { seconds: 1 });
    return newestCase('kryptogo', 'idv_task');
  },
  'ditto/kyc_submission': async () => {
    const token = await fetch(`${h.apiUrl}/ditto/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DITTO_CLIENT_ID,
        client_secret: DITTO_CLIENT_SECRET,
      }).toString(),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const requesterId = randomUUID();
    const pushed = await fetch(`${h.apiUrl}/ditto/kyc`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        apiversion: 'v2',
        authorization: `Bearer ${access_token}`,
      },
      body: JSON.stringify(buildKycPayload('good_document', { requesterId })),
    });
    expect(pushed.status).toBe(200);
    return newestCase('ditto', 'kyc_submission');
  },
};

/** Every pair the product knows, from the provider registry. */
const PAIRS = Provider.options.flatMap((provider) =>
  Object.keys(requireAdapter(provider).decisionChannels).map((kind) => `${provider}/${kind}`),
);

async function detail(caseId: number, as: TestRole = 'analyst') {
  const response = await h.call(`/api/cases/${caseId}`, { as });
  expect(response.status).toBe(200);
  return response.body;
}

async function act(caseId: number, body: Record<string, unknown>, as: TestRole = 'analyst') {
  const { version } = await detail(caseId, as);
  return h.call(`/api/cases/${caseId}/actions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'if-match': String(version),
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify(body),
    as,
  });
}

/** What the dashboard keeps of an applied decision (drizzle/0021_decision_facts.sql). */
const decisionFactsOf = (actionId: number) =>
  sql<{ type: string; review_at: number | null; seen_status: string | null; ours_before: number }>(
    'SELECT type, review_at, seen_status, ours_before FROM decision_facts WHERE action_id = ?',
    actionId,
  );

const caseStatus = (id: number) =>
  sql<{ status: string }>('SELECT status FROM cases WHERE id = ?', id)[0]?.status;
const auditOf = (caseId: number, action: string) =>
  sql<{ actor_id: string; before: string; after: string; reason: string | null }>(
    'SELECT actor_id, before, after, reason FROM audit_log WHERE case_id = ? AND action = ? ORDER BY id',
    caseId,
    action,
  );

/** Lets the outbox and the providers' answers (webhooks, re-reads) land. */
async function settle(caseId: number, final: string) {
  for (let attempt = 0; attempt < 50 && caseStatus(caseId) !== final; attempt++) {
    await drainOutbox(h.api.deps);
    await h.sandbox('/_sandbox/didit/webhooks/flush', {});
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('every case can be closed', () => {
  it('the registry covers every case kind, and every pair has a case factory here', () => {
    expect(
      registeredProviders()
        .map((adapter) => adapter.provider)
        .sort(),
    ).toEqual([...Provider.options].sort());
    const registered = new Set(
      Provider.options.flatMap((p) => Object.keys(requireAdapter(p).decisionChannels)),
    );
    expect([...registered].sort()).toEqual([...CaseKind.options].sort());
    expect(Object.keys(NEW_CASE).sort()).toEqual([...PAIRS].sort());
  });

  it.each(PAIRS)('%s: a case in review reaches a final state through the reviewer API', async (pair) => {
    const id = await NEW_CASE[pair]!();
    expect(caseStatus(id), pair).toBe('needs_review');
    const before = await detail(id);
    expect(before.allowedActions).toContain('approve');
    expect(before.allowedActions).toContain('escalate');
    const approved = await act(id, { type: 'approve', reasonCode: 'manual_review_cleared', note: 'ok' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(202);
    await settle(id, 'approved');
    expect(caseStatus(id)).toBe('approved');
    expect(auditOf(id, 'case.action_requested')).toHaveLength(1);
    // Applied by the outbox or here: either way the dashboard's facts of the decision are fixed with it.
    expect(decisionFactsOf(approved.body.action.id)).toEqual([
      { type: 'approve', review_at: expect.any(Number), seen_status: 'needs_review', ours_before: 0 },
    ]);
  });
});

describe('local decisions on KryptoGO KYA and IDV tasks', () => {
  it.each(['kryptogo/kya_task', 'kryptogo/idv_task'])(
    '%s: declined here with a reason, audited as local, nothing sent to KryptoGO',
    async (pair) => {
      const id = await NEW_CASE[pair]!();
      const outboxBefore = sql('SELECT id FROM outbox').length;
      const declined = await act(id, { type: 'decline', reasonCode: 'sanctions_match', note: 'listed' });
      expect(declined.status).toBe(202);
      expect(declined.body.action).toMatchObject({ type: 'decline', status: 'applied' });
      expect(declined.body.case.status).toBe('rejected');
      expect(sql('SELECT id FROM outbox')).toHaveLength(outboxBefore);
      const [applied] = auditOf(id, 'case.action_applied');
      expect(JSON.parse(applied!.after)).toMatchObject({ status: 'rejected', local: true, type: 'decline' });
      expect(JSON.parse(applied!.before)).toMatchObject({ status: 'needs_review' });
      expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
    },
  );

  it('reversing a local KYA decision needs a second person, as for any decision', async () => {
    const id = await NEW_CASE['kryptogo/kya_task']!();
    expect((await act(id, { type: 'approve', reasonCode: 'documents_verified' })).status).toBe(202);
    const reversal = await act(id, { type: 'decline', reasonCode: 'sanctions_match' });
    expect(reversal.status).toBe(202);
    expect(reversal.body.action.status).toBe('awaiting_approval');
    expect(caseStatus(id)).toBe('approved');
    const self = await h.call(`/api/actions/${reversal.body.action.id}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
      as: 'analyst',
    });
    expect(self.status).toBe(403);
    const second = await h.call(`/api/actions/${reversal.body.action.id}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
      as: 'manager',
    });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(caseStatus(id)).toBe('rejected');
    // Applied on the second person's approval: the dashboard counts it as a reversal of our own decision.
    expect(decisionFactsOf(reversal.body.action.id)).toEqual([
      { type: 'decline', review_at: expect.any(Number), seen_status: 'approved', ours_before: 1 },
    ]);
  });
});

describe('escalation', () => {
  it.each(PAIRS)(
    '%s: an analyst escalates with a reason; only a manager sends it back or decides it',
    async (pair) => {
      const id = await NEW_CASE[pair]!();
      expect((await act(id, { type: 'escalate' })).status).toBe(400);
      expect((await act(id, { type: 'escalate', reasonCode: 'documents_verified' })).status).toBe(400);
      const escalated = await act(id, { type: 'escalate', reasonCode: 'needs_manager_opinion', note: 'n' });
      expect(escalated.status, JSON.stringify(escalated.body)).toBe(202);
      expect(escalated.body.action).toMatchObject({ type: 'escalate', status: 'applied' });
      expect(caseStatus(id)).toBe('escalated');
      const [audit] = auditOf(id, 'case.action_applied');
      expect(JSON.parse(audit!.before)).toMatchObject({ status: 'needs_review' });
      expect(JSON.parse(audit!.after)).toMatchObject({ status: 'escalated', type: 'escalate' });

      // The managers' view is the queue filtered on the status, with its count.
      const queue = await h.call('/api/cases?status=escalated', { as: 'manager' });
      expect(queue.status).toBe(200);
      expect(JSON.stringify(queue.body)).toContain(`"id":${id}`);

      expect((await act(id, { type: 'escalate', reasonCode: 'needs_manager_opinion' })).status).toBe(409);
      expect((await act(id, { type: 'approve', reasonCode: 'manual_review_cleared' })).status).toBe(403);
      expect((await act(id, { type: 'return_to_queue' })).status).toBe(403);
      expect(caseStatus(id)).toBe('escalated');

      const back = await act(id, { type: 'return_to_queue', note: 'analyst can decide' }, 'manager');
      expect(back.status, JSON.stringify(back.body)).toBe(202);
      expect(caseStatus(id)).toBe('needs_review');
      expect(JSON.parse(auditOf(id, 'case.action_applied').at(-1)!.after)).toMatchObject({
        status: 'needs_review',
        type: 'return_to_queue',
      });

      expect((await act(id, { type: 'escalate', reasonCode: 'suspected_fraud' })).status).toBe(202);
      const decided = await act(id, { type: 'decline', reasonCode: 'sanctions_match' }, 'manager');
      expect(decided.status, JSON.stringify(decided.body)).toBe(202);
      await settle(id, 'rejected');
      expect(caseStatus(id)).toBe('rejected');
      expect((await act(id, { type: 'return_to_queue' }, 'manager')).status).toBe(409);
    },
  );
});

describe('a status that is ours alone survives a provider re-read', () => {
  it('an escalated Didit session stays escalated when reconciliation reads the same provider status', async () => {
    const id = await NEW_CASE['didit/kyc_session']!();
    const [{ external_id: sessionId }] = sql<{ external_id: string }>(
      'SELECT external_id FROM cases WHERE id = ?',
      id,
    ) as [{ external_id: string }];
    expect((await act(id, { type: 'escalate', reasonCode: 'needs_manager_opinion' })).status).toBe(202);
    await reconcileDiditSession(h.api.deps, sessionId, 'test-reread');
    expect(caseStatus(id)).toBe('escalated');
    // A real move at the provider still wins: the session is decided there.
    const decided = await act(id, { type: 'approve', reasonCode: 'manual_review_cleared' }, 'manager');
    expect(decided.status).toBe(202);
    await settle(id, 'approved');
    expect(caseStatus(id)).toBe('approved');
  });

  it('IDV tasks decided or escalated here keep their status when KryptoGO reconciliation re-reads them', async () => {
    // Reconciliation re-reads every IDV task KryptoGO has not audited, which includes the ones decided here.
    const approved = await NEW_CASE['kryptogo/idv_task']!();
    const escalated = await NEW_CASE['kryptogo/idv_task']!();
    expect((await act(approved, { type: 'approve', reasonCode: 'documents_verified' })).status).toBe(202);
    expect((await act(escalated, { type: 'escalate', reasonCode: 'suspected_fraud' })).status).toBe(202);
    await reconcileKryptogo(h.api.deps, 'test-reread');
    expect(caseStatus(approved)).toBe('approved');
    expect(caseStatus(escalated)).toBe('escalated');
  });
});
