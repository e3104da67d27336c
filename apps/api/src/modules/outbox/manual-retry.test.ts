import { createTestClock } from '@backoffice/providers/test-clock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newDiditCase, requestAction, sqlOn } from '../../test/cases';
import { type Harness, startHarness, type TestRole } from '../../test/harness';
import { drainOutbox, MAX_ATTEMPTS } from './worker';

/*
 * A manager's retry of a failed action re-reads the provider before sending (docs/reliability.md R12): when the
 * earlier attempt had landed although we recorded a failure, nothing is sent twice.
 */

const clock = createTestClock();
const advance = (ms: number) => {
  clock.advance(ms);
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ kryptogo: true, now: clock.now });
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  await h.sandbox('/_sandbox/faults', undefined, 'DELETE');
  await h.kryptogo?.call('/_sandbox/kryptogo/faults', undefined, 'DELETE');
});

const sql = <T>(query: string, ...params: unknown[]) => sqlOn(h)<T>(query, ...params);

const act = (caseId: number, body: Record<string, unknown>, as: TestRole = 'analyst') =>
  requestAction(h, caseId, body, as);

const retry = (actionId: number) =>
  h.call(`/api/actions/${actionId}/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'retry' }),
    as: 'manager',
  });

const actionRow = (id: number) =>
  sql<{ status: string; attempts: number; last_error: string | null }>(
    'SELECT status, attempts, last_error FROM case_actions WHERE id = ?',
    id,
  )[0]!;
const auditOf = (caseId: number, action: string) =>
  sql<{ actor_id: string; reason: string | null; after: string }>(
    'SELECT actor_id, reason, after FROM audit_log WHERE case_id = ? AND action = ? ORDER BY id',
    caseId,
    action,
  );
const caseStatus = (id: number) =>
  sql<{ status: string }>('SELECT status FROM cases WHERE id = ?', id)[0]!.status;

async function until(condition: () => boolean, what: string) {
  // A deadline, not a count of polls: on a loaded machine the worker's pass can take seconds.
  const deadline = Date.now() + 15_000;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

const diditCase = () => newDiditCase(h);

const diditFault = (method: string, pathPrefix: string, spec: Record<string, unknown>) =>
  h.sandbox('/_sandbox/faults', { match: { method, pathPrefix }, times: 1, ...spec });

const reviewsOf = async (sessionId: string) =>
  (await h.sandbox(`/v3/sessions/${sessionId}/reviews/`)).body as {
    action: string;
    new_status: string | null;
    note: string | null;
  }[];

/**
 * Attempt 1 (its fault set before the action was requested, since the background worker may take the row
 * at once) reaches Didit but its answer is cut short: retry. Attempt 2's re-read is refused with a 404
 * (permanent): the action is failed although its effect is there.
 */
async function failAfterLanding(actionId: number, readPath: string) {
  await drainOutbox(h.api.deps);
  expect(actionRow(actionId).status).toBe('retrying');
  await diditFault('GET', readPath, { kind: 'status', status: 404 });
  advance(2_100);
  await drainOutbox(h.api.deps);
  expect(actionRow(actionId)).toMatchObject({ status: 'failed', attempts: 2 });
}

describe("a manager's retry re-reads the provider first", () => {
  it('Didit comment: the landed comment is not posted a second time', async () => {
    const { sessionId, id } = await diditCase();
    const reviewsPath = `/v3/sessions/${sessionId}/reviews/`;
    await diditFault('POST', reviewsPath, { kind: 'malformed_json' });
    const response = await act(id, { type: 'provider_comment', note: 'Called the customer back' });
    expect(response.status).toBe(202);
    const actionId = response.body.action.id as number;
    await failAfterLanding(actionId, reviewsPath);
    const reference = `back-office action #${actionId}`;
    const ours = async () => (await reviewsOf(sessionId)).filter((r) => r.note?.includes(reference));
    expect(await ours()).toHaveLength(1);

    const retried = await retry(actionId);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('pending');
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId).status).toBe('applied');
    expect(await ours()).toHaveLength(1);
    const applied = auditOf(id, 'case.action_applied');
    expect(applied).toHaveLength(1);
    expect(applied[0]!.reason).toContain('not sent again');
    expect(JSON.parse(applied[0]!.after)).toMatchObject({ via: 'reconciled' });
    expect(auditOf(id, 'case.action_retried')).toHaveLength(1);
  });

  it('Didit status change: a landed resubmission request is recorded, not sent again', async () => {
    const { sessionId, id } = await diditCase();
    const updatePath = `/v3/session/${sessionId}/update-status/`;
    await diditFault('PATCH', updatePath, { kind: 'malformed_json' });
    const response = await act(id, {
      type: 'request_resubmission',
      reasonCode: 'blurry_document',
      nodes: [{ nodeId: 'feature_ocr', feature: 'OCR' }],
    });
    expect(response.status).toBe(202);
    const actionId = response.body.action.id as number;
    await failAfterLanding(actionId, `/v3/session/${sessionId}/decision/`);
    // Didit's webhook tells us the session moved, which is what a manager would see before retrying.
    await h.sandbox('/_sandbox/didit/webhooks/flush', {});
    const resubmissions = async () =>
      (await reviewsOf(sessionId)).filter(
        (r) => r.action === 'status_change' && r.new_status === 'Resubmitted',
      );
    expect(await resubmissions()).toHaveLength(1);

    const retried = await retry(actionId);
    expect(retried.status).toBe(200);
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId)).toMatchObject({ status: 'applied', last_error: null });
    expect(await resubmissions()).toHaveLength(1);
    expect(auditOf(id, 'case.action_applied')[0]!.reason).toContain('not sent again');
  });

  it('KryptoGO decision: a landed acceptance is recorded, not sent again', async () => {
    const kgo = h.kryptogo!;
    const created = await kgo.call('/_sandbox/kryptogo/scenarios', {
      type: 'dd',
      scenario: 'pep',
      count: 1,
      callback_url: kgo.callbackUrl,
    });
    const taskId = created.body.ids[0] as number;
    const [row] = sql<{ id: number }>(
      "SELECT id FROM cases WHERE provider = 'kryptogo' AND external_id = ?",
      String(taskId),
    );
    const id = row!.id;
    // Attempt 1: KryptoGO records the acceptance, then the answer is lost (500).
    await kgo.call('/_sandbox/kryptogo/faults', {
      kind: 'server_error',
      path_prefix: `/task/${taskId}/accepted`,
      method: 'POST',
      phase: 'after',
    });
    const response = await act(id, { type: 'approve', reasonCode: 'false_positive_aml' });
    expect(response.status).toBe(202);
    const actionId = response.body.action.id as number;
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId).status).toBe('retrying');
    // KryptoGO's callback brings the decision onto the case.
    await until(() => caseStatus(id) === 'approved', 'the KryptoGO callback');

    // The last attempt of the budget cannot read the task (500): the worker gives up.
    h.api.deps.db.sqlite
      .prepare('UPDATE outbox SET attempts = ? WHERE action_id = ?')
      .run(MAX_ATTEMPTS - 1, actionId);
    await kgo.call('/_sandbox/kryptogo/faults', {
      kind: 'server_error',
      path_prefix: `/task/${taskId}`,
      method: 'GET',
      count: null,
    });
    advance(2_100);
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId).status).toBe('failed');
    expect(actionRow(actionId).last_error).toContain(`Gave up after ${MAX_ATTEMPTS} attempts`);
    await kgo.call('/_sandbox/kryptogo/faults', undefined, 'DELETE');

    const retried = await retry(actionId);
    expect(retried.status).toBe(200);
    await drainOutbox(h.api.deps);
    expect(actionRow(actionId).status).toBe('applied');
    const atKryptogo = (await kgo.call(`/task/${taskId}`)).body as { comment_logs: unknown[] };
    expect(atKryptogo.comment_logs).toHaveLength(1);
    expect(auditOf(id, 'case.action_applied')[0]!.reason).toContain('not sent again');
  });
});
