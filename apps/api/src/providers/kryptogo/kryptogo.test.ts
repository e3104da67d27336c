import { verifyAuditChain } from '@backoffice/db';
import type { KryptogoDdDetails } from '@backoffice/providers/kryptogo';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../env';
import { type Harness, type KryptogoHarness, startHarness } from '../../test/harness';
import { acceptDdTask, KryptogoDecisionConflict, setDdMetadata } from './actions';
import { receiveKryptogoCallback } from './callback-service';
import { ingestKryptogoState } from './ingest';
import { kryptogoCaseViewForRow } from './view';

let h: Harness;
let kgo: KryptogoHarness;
beforeAll(async () => {
  h = await startHarness({ kryptogo: true });
  kgo = h.kryptogo!;
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  await kgo.call('/_sandbox/kryptogo/faults', undefined, 'DELETE');
});

interface CaseSqlRow {
  id: number;
  kind: string;
  external_id: string;
  status: string;
  provider_status: string;
  risk_score: number | null;
  risk_band: string | null;
  warning_count: number;
  version: number;
  payload: string | null;
  subject_name: string | null;
}

function sql<T>(query: string, ...params: unknown[]): T[] {
  return h.api.deps.db.sqlite.prepare(query).all(...params) as T[];
}
const caseOf = (kind: string, externalId: string): CaseSqlRow | undefined =>
  sql<CaseSqlRow>(
    "SELECT * FROM cases WHERE provider = 'kryptogo' AND kind = ? AND external_id = ?",
    kind,
    externalId,
  )[0];
const auditOf = (caseId: number) =>
  sql<{ action: string; actor_type: string; actor_id: string; before: string | null; after: string | null }>(
    'SELECT action, actor_type, actor_id, before, after FROM audit_log WHERE case_id = ? ORDER BY id',
    caseId,
  );
const totals = () => ({
  cases: sql<{ n: number }>("SELECT count(*) AS n FROM cases WHERE provider = 'kryptogo'")[0]!.n,
  events: sql<{ n: number }>("SELECT count(*) AS n FROM provider_events WHERE provider = 'kryptogo'")[0]!.n,
  audit: sql<{ n: number }>('SELECT count(*) AS n FROM audit_log')[0]!.n,
});

async function scenario(body: Record<string, unknown>): Promise<number[]> {
  const created = await kgo.call('/_sandbox/kryptogo/scenarios', body);
  expect(created.status).toBe(200);
  return created.body.ids;
}
async function advance(seconds: number) {
  const answer = await kgo.call('/_sandbox/kryptogo/clock/advance', { seconds });
  expect(answer.status).toBe(200);
}
async function deliveries(taskType: 'dd' | 'idv', taskId: number) {
  const { body } = await kgo.call(`/_sandbox/kryptogo/deliveries?task_type=${taskType}&task_id=${taskId}`);
  return body.data as {
    attempts: { response_status: number | null }[];
    duplicate_of: number | null;
    replay_of: number | null;
  }[];
}
const postCallback = (body: string) =>
  h.call('/webhooks/kryptogo', {
    method: 'POST',
    as: null,
    headers: { 'content-type': 'application/json' },
    body,
  });

describe('KryptoGO callbacks from the sandbox', () => {
  it('creates a DD case from the re-fetched task: normalized status, risk band, fields', async () => {
    const [taskId] = await scenario({ type: 'dd', scenario: 'pep', count: 1, callback_url: kgo.callbackUrl });
    const row = caseOf('dd_task', String(taskId));
    expect(row).toMatchObject({
      status: 'needs_review',
      provider_status: 'awaiting review',
      risk_score: 80,
      risk_band: 'high',
    });
    expect(row!.subject_name).toContain('Pep Subject');
    expect(auditOf(row!.id)).toMatchObject([
      { action: 'case.created', actor_type: 'provider', actor_id: 'kryptogo' },
    ]);
    const sent = await deliveries('dd', taskId!);
    expect(sent.flatMap((d) => d.attempts.map((a) => a.response_status))).toEqual([200]);

    const view = kryptogoCaseViewForRow(h.api.deps.db, {
      kind: 'dd_task',
      payload: row!.payload,
    });
    expect(view).toMatchObject({
      type: 'kryptogo_dd',
      taskId,
      auditStatus: 'pending',
      potentialRisk: 80,
      riskBand: 'high',
    });
    if (view?.type !== 'kryptogo_dd') throw new Error('expected a DD view');
    expect(view.sources.find((s) => s.source === 1)?.hits).toBeGreaterThan(0);
    expect(view.sources).toHaveLength(5);
    expect(view.consoleUrl).toBe(`https://app.kryptogo.com/compliance/audit/${taskId}`);
  });

  it('follows a DD task from searching (pending) to results (needs_review) as the sandbox clock moves', async () => {
    const [taskId] = await scenario({
      type: 'dd',
      scenario: 'pending',
      count: 1,
      callback_url: kgo.callbackUrl,
    });
    expect(caseOf('dd_task', String(taskId))).toBeUndefined(); // no callback yet
    await advance(120);
    const row = caseOf('dd_task', String(taskId));
    expect(row).toMatchObject({ status: 'needs_review', risk_band: 'low' });
  });

  it('creates IDV cases with the mapped state, and the DD task an accepted IDV created', async () => {
    const [reviewId] = await scenario({
      type: 'idv',
      scenario: 'review',
      count: 1,
      callback_url: kgo.callbackUrl,
    });
    await advance(1);
    const review = caseOf('idv_task', `idv-${reviewId}`);
    expect(review).toMatchObject({ status: 'needs_review', provider_status: 'review' });
    expect(review!.warning_count).toBeGreaterThan(0);
    const view = kryptogoCaseViewForRow(h.api.deps.db, {
      kind: 'idv_task',
      payload: review!.payload,
    });
    if (view?.type !== 'kryptogo_idv') throw new Error('expected an IDV view');
    expect(view.fields.some((field) => field.mismatch)).toBe(true);
    expect(view.reviewReasons.length).toBeGreaterThan(0);

    const [acceptId] = await scenario({
      type: 'idv',
      scenario: 'accept',
      count: 1,
      callback_url: kgo.callbackUrl,
      auto_create_dd_task: true,
    });
    await advance(1);
    const accepted = caseOf('idv_task', `idv-${acceptId}`);
    expect(accepted).toMatchObject({ status: 'approved' });
    const acceptedView = kryptogoCaseViewForRow(h.api.deps.db, {
      kind: 'idv_task',
      payload: accepted!.payload,
    });
    if (acceptedView?.type !== 'kryptogo_idv') throw new Error('expected an IDV view');
    expect(acceptedView.fields.every((field) => !field.mismatch)).toBe(true);
    const [linked] = acceptedView.linkedDdTasks;
    expect(linked?.caseId).toBe(caseOf('dd_task', String(linked!.taskId))!.id);
  });

  it('applies duplicate callbacks once', async () => {
    await kgo.call('/_sandbox/kryptogo/faults', { kind: 'duplicate_callbacks', count: 1 });
    const [taskId] = await scenario({
      type: 'dd',
      scenario: 'news',
      count: 1,
      callback_url: kgo.callbackUrl,
    });
    const sent = await deliveries('dd', taskId!);
    expect(sent).toHaveLength(2);
    expect(sent.every((d) => d.attempts[0]?.response_status === 200)).toBe(true);
    const row = caseOf('dd_task', String(taskId))!;
    expect(row.version).toBe(1);
    expect(auditOf(row.id)).toHaveLength(1);
  });

  it('applies the same callback delivered 20 times in parallel exactly once', async () => {
    const [taskId] = await scenario({ type: 'dd', scenario: 'verdict', count: 1 });
    const body = JSON.stringify({ task_id: taskId, progress: 100 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => postCallback(body)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const row = caseOf('dd_task', String(taskId))!;
    expect(row.version).toBe(1);
    expect(auditOf(row.id)).toHaveLength(1);
    const events = sql<{ n: number }>(
      "SELECT count(*) AS n FROM provider_events WHERE provider = 'kryptogo' AND external_id = ?",
      String(taskId),
    )[0]!.n;
    expect(events).toBe(1);
  });

  it('never moves an audited task backwards when an old callback is replayed after the decision', async () => {
    const [taskId] = await scenario({
      type: 'dd',
      scenario: 'clean',
      count: 1,
      callback_url: kgo.callbackUrl,
    });
    await kgo.call('/_sandbox/kryptogo/faults', { kind: 'out_of_order_callbacks', count: 1 });
    const decided = await kgo.call(`/task/${taskId}/accepted`, { accepted: true, comment: 'cleared' });
    expect(decided.status).toBe(200);
    await advance(0);
    const sent = await deliveries('dd', taskId!);
    expect(sent.some((d) => d.replay_of !== null)).toBe(true);
    const row = caseOf('dd_task', String(taskId))!;
    expect(row).toMatchObject({ status: 'approved', provider_status: 'accepted', version: 2 });
    expect(auditOf(row.id).map((a) => a.action)).toEqual(['case.created', 'case.status_changed']);

    // An older read (still awaiting review) racing in later is refused as stale.
    const older = JSON.parse(row.payload!) as KryptogoDdDetails;
    const stale = ingestKryptogoState(
      h.api.deps,
      { kind: 'dd_task', details: { ...older, audit_status: 0, comment_logs: [] } },
      { kind: 'reconcile', requestId: 'test' },
    );
    expect(stale.outcome).toBe('stale');
    expect(caseOf('dd_task', String(taskId))).toMatchObject({ status: 'approved', version: 2 });
  });
});

describe('untrusted callbacks', () => {
  it('a forged callback changes only what the API re-fetch says', async () => {
    // A task still searching, created without a callback URL so only the forger calls us.
    const [taskId] = await scenario({ type: 'dd', scenario: 'pending', count: 1 });
    const forged = JSON.stringify({
      task_id: taskId,
      progress: 100,
      target: { name: 'Someone Else' },
      potential_risk: 0,
      audit_status: 1,
      audit_time: 1_700_000_000,
    });
    const answer = await postCallback(forged);
    expect(answer).toMatchObject({ status: 200, body: {} });
    const row = caseOf('dd_task', String(taskId))!;
    expect(row).toMatchObject({ status: 'pending', risk_score: null });
    expect(row.subject_name).toContain('Pending Subject');
  });

  it('a callback naming a task our key cannot read stores nothing', async () => {
    const before = totals();
    const answer = await postCallback(JSON.stringify({ task_id: 987_654_321, progress: 100 }));
    expect(answer).toMatchObject({ status: 200, body: {} });
    const idv = await postCallback(JSON.stringify({ idv_task_id: 987_654_321, state: 0 }));
    expect(idv.status).toBe(200);
    expect(totals()).toEqual(before);
    expect(h.logs.join('')).toContain('nothing stored');
  });

  it('refuses malformed bodies with 400', async () => {
    for (const body of [
      'not json',
      '[]',
      '{}',
      '{"task_id":"12"}',
      '{"task_id":-4}',
      '{"task_id":1e300}',
      '{"idv_task_id":0}',
    ]) {
      const answer = await postCallback(body);
      expect(answer.status, body).toBe(400);
    }
  });

  it('answers 413 to an oversized body', async () => {
    const answer = await postCallback(JSON.stringify({ task_id: 1, pad: 'x'.repeat(300 * 1024) }));
    expect(answer.status).toBe(413);
  });

  it('answers 503 when the re-fetch fails, changes nothing, and reconciliation catches up', async () => {
    const [taskId] = await scenario({ type: 'dd', scenario: 'sanction', count: 1 });
    await kgo.call('/_sandbox/kryptogo/faults', {
      kind: 'server_error',
      count: 1,
      path_prefix: `/task/${taskId}`,
      method: 'GET',
      status: 502,
    });
    const before = totals();
    const answer = await postCallback(JSON.stringify({ task_id: taskId, progress: 100 }));
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('provider_unavailable');
    expect(totals()).toEqual(before);

    const reconciled = await h.call('/api/reconcile', {
      method: 'POST',
      as: 'manager',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(reconciled.status).toBe(200);
    const result = reconciled.body.find((r: { provider: string }) => r.provider === 'kryptogo');
    expect(result.errors).toBe(0);
    expect(result.changed).toBeGreaterThanOrEqual(1);
    expect(caseOf('dd_task', String(taskId))).toMatchObject({
      status: 'needs_review',
      risk_band: 'very_high',
    });

    // A second run changes nothing (open IDV cases are always re-read: console audits send no callback).
    const again = await h.call('/api/reconcile', {
      method: 'POST',
      as: 'manager',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(again.body.find((r: { provider: string }) => r.provider === 'kryptogo')).toMatchObject({
      changed: 0,
      errors: 0,
    });
  });

  it('gets only 4xx for fuzzed bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string({ maxLength: 500 }),
          fc
            .record({ task_id: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)) })
            .map((v) => JSON.stringify(v)),
          fc.record({ idv_task_id: fc.anything() }).map((v) => JSON.stringify(v)),
          fc.constant('{"__proto__":{"polluted":true},"task_id":1}'),
          fc.constant(`${'['.repeat(3000)}${']'.repeat(3000)}`),
        ),
        async (body) => {
          const answer = await postCallback(body);
          expect(answer.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });
});

describe('POST /api/kryptogo/screenings', () => {
  const screen = (body: unknown, as: 'analyst' | 'manager' | null = 'analyst') =>
    h.call('/api/kryptogo/screenings', {
      method: 'POST',
      as,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('starts a DD screening, audits the reviewer, and the callback completes the case', async () => {
    const answer = await screen({ type: 'dd_person', name: 'Canary Qzxwv Sanction', citizenship: 'TWN' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ kind: 'dd_task', status: 'pending' });
    const caseId = answer.body.caseId as number;
    const trail = auditOf(caseId);
    expect(trail.map((a) => a.action)).toEqual(['case.created', 'kryptogo.screening_started']);
    expect(trail.every((a) => a.actor_type === 'user')).toBe(true);
    expect(JSON.stringify(trail)).not.toContain('Qzxwv');

    await advance(120);
    const row = caseOf('dd_task', answer.body.externalId)!;
    expect(row).toMatchObject({
      id: caseId,
      status: 'needs_review',
      risk_score: 100,
      risk_band: 'very_high',
    });
    const details = JSON.parse(row.payload!) as KryptogoDdDetails;
    expect(details.callback_url).toBe(kgo.callbackUrl);

    // No name, anywhere in what the API logged.
    expect(h.logs.join('')).not.toContain('Qzxwv');
  });

  it('starts a company screening with the KYB search setting', async () => {
    const answer = await screen({ type: 'dd_company', companyName: 'Qzxwv Trading Ltd', country: 'TWN' });
    expect(answer.status).toBe(201);
    const details = JSON.parse(caseOf('dd_task', answer.body.externalId)!.payload!) as KryptogoDdDetails;
    expect(details.search_setting?.id).toBe(2);
  });

  it('runs a KYA check and opens a case for review at once', async () => {
    const answer = await screen({ type: 'kya', address: `0x${'ab'.repeat(20)}` }, 'manager');
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ kind: 'kya_task', status: 'needs_review' });
    const row = caseOf('kya_task', answer.body.externalId)!;
    expect(row.risk_score).not.toBeNull();
    const view = kryptogoCaseViewForRow(h.api.deps.db, {
      kind: 'kya_task',
      payload: row.payload,
    });
    expect(view).toMatchObject({ type: 'kryptogo_kya', address: `0x${'ab'.repeat(20)}`, chain: 'eth' });
    expect(auditOf(row.id).map((a) => a.action)).toEqual(['case.created', 'kryptogo.screening_started']);
  });

  it('refuses the signed-out, invalid bodies and non-JSON', async () => {
    expect((await screen({ type: 'kya', address: `0x${'ab'.repeat(20)}` }, null)).status).toBe(401);
    expect((await screen({ type: 'kya', address: 'not-an-address' })).status).toBe(400);
    expect((await screen({ type: 'dd_person', name: '' })).status).toBe(400);
    expect((await screen({ type: 'dd_person', name: 'A', extra: 1 })).status).toBe(400);
    const form = await h.call('/api/kryptogo/screenings', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'type=kya',
    });
    expect(form.status).toBe(415);
  });

  it('answers 503 without a case when KryptoGO fails', async () => {
    await kgo.call('/_sandbox/kryptogo/faults', {
      kind: 'server_error',
      count: 1,
      path_prefix: '/kya',
      status: 503,
    });
    const before = totals();
    const answer = await screen({ type: 'kya', address: `0x${'cd'.repeat(20)}` });
    expect(answer.status).toBe(503);
    expect(totals()).toEqual(before);
  });
});

describe('provider calls for the outbox', () => {
  it('accepts a DD task once; a retry is already applied; the opposite decision is a conflict', async () => {
    const [taskId] = await scenario({ type: 'dd', scenario: 'verdict', count: 1 });
    const first = await acceptDdTask(h.api.deps, taskId!, false, 'verdict confirmed');
    expect(first.outcome).toBe('sent');
    expect(first.details.audit_status).toBe(2);
    const retry = await acceptDdTask(h.api.deps, taskId!, false, 'verdict confirmed');
    expect(retry.outcome).toBe('already_applied');
    await expect(acceptDdTask(h.api.deps, taskId!, true, 'changed my mind')).rejects.toBeInstanceOf(
      KryptogoDecisionConflict,
    );
  });

  it('sets metadata without appending it twice on a retry', async () => {
    const [taskId] = await scenario({ type: 'dd', scenario: 'clean', count: 1 });
    const entries = [{ key: 'back_office_case', value: '42' }];
    expect((await setDdMetadata(h.api.deps, taskId!, entries)).outcome).toBe('sent');
    expect((await setDdMetadata(h.api.deps, taskId!, entries)).outcome).toBe('already_applied');
    const summary = await kgo.call(`/task/${taskId}/summary`);
    expect(summary.body.metadata).toEqual(entries);
  });
});

describe('configuration', () => {
  it('is off without KRYPTOGO_BASE_URL and KRYPTOGO_API_KEY, and refuses half of them', () => {
    const base = {
      DIDIT_BASE_URL: 'http://127.0.0.1:1',
      DIDIT_API_KEY: 'key',
      DIDIT_WEBHOOK_SECRETS: 'secret-secret',
    };
    expect(loadEnv(base).KRYPTOGO_BASE_URL).toBeUndefined();
    expect(() => loadEnv({ ...base, KRYPTOGO_BASE_URL: 'http://127.0.0.1:2' })).toThrow(/set both/);
    expect(
      loadEnv({ ...base, KRYPTOGO_BASE_URL: '', KRYPTOGO_API_KEY: '' }).KRYPTOGO_API_KEY,
    ).toBeUndefined();
  });

  it('answers callbacks with 503 while KryptoGO is not configured', async () => {
    const body = new TextEncoder().encode(JSON.stringify({ task_id: 1 }));
    await expect(
      receiveKryptogoCallback({ ...h.api.deps, kryptogo: null }, body, 'test'),
    ).rejects.toMatchObject({ status: 503, code: 'provider_not_configured' });
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = await h.call('/api/openapi.json', { as: null });
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/webhooks/kryptogo', '/api/kryptogo/screenings']),
    );
  });
});
