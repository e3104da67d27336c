import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';

let h: Harness;
let workflowId: string;

beforeAll(async () => {
  h = await startHarness();
  workflowId = (await h.sandbox('/_sandbox/didit')).body.default_workflow_id;
});
afterAll(async () => {
  await h?.close();
});

const patch = (id: string, body: unknown, as: 'admin' | 'manager' | 'analyst' = 'admin') =>
  h.call(`/api/workflows/${id}`, {
    as,
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const thresholdAudits = () =>
  h.api.deps.db.sqlite
    .prepare(`SELECT * FROM audit_log WHERE action = 'workflow.thresholds_changed' ORDER BY id`)
    .all() as { before: string; after: string; actor_role: string; external_id: string; provider: string }[];

/** Every workflow audit row (intent and outcome), oldest first. */
const auditRows = () =>
  h.api.deps.db.sqlite
    .prepare(`SELECT * FROM audit_log WHERE action LIKE 'workflow.%' ORDER BY id`)
    .all() as {
    id: number;
    action: string;
    before: string;
    after: string;
    reason: string | null;
    actor_role: string;
  }[];

describe('Didit workflow settings', () => {
  it('lists the workflows live from Didit', async () => {
    const list = await h.call('/api/workflows', { as: 'admin' });
    expect(list.status).toBe(200);
    const workflow = list.body.find((w: { workflowId: string }) => w.workflowId === workflowId);
    expect(workflow).toMatchObject({
      faceMatchDecline: expect.any(Number),
      faceMatchReview: expect.any(Number),
      features: { liveness: expect.any(Boolean), faceMatch: true },
    });
  });

  it('sends a threshold change to Didit, reads it back and audits old -> new', async () => {
    const before = (await h.sandbox(`/v3/workflows/${workflowId}/`)).body;
    const result = await patch(workflowId, {
      faceMatchReview: 82,
      amlDecline: 91,
      features: { ipAnalysis: true },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      faceMatchReview: 82,
      amlDecline: 91,
      features: { ipAnalysis: true },
    });

    const atDidit = (await h.sandbox(`/v3/workflows/${workflowId}/`)).body;
    expect(atDidit.face_match_score_review_threshold).toBe(82);
    expect(atDidit.aml_decline_threshold).toBe(91);
    expect(atDidit.is_ip_analysis_enabled).toBe(true);

    const [audit] = thresholdAudits().slice(-1);
    expect(audit).toMatchObject({ actor_role: 'admin', external_id: workflowId, provider: 'didit' });
    const [intent, applied] = auditRows().slice(-2);
    expect(intent).toMatchObject({ action: 'workflow.thresholds_change_requested', actor_role: 'admin' });
    expect(JSON.parse(intent!.after)).toEqual({
      workflowId,
      faceMatchReview: 82,
      amlDecline: 91,
      'features.ipAnalysis': true,
    });
    expect(JSON.parse(applied!.after)).toMatchObject({ intentId: intent!.id, outcome: 'applied' });
    expect(JSON.parse(audit!.before)).toMatchObject({
      workflowId,
      faceMatchReview: before.face_match_score_review_threshold,
      amlDecline: before.aml_decline_threshold,
      'features.ipAnalysis': before.is_ip_analysis_enabled,
    });
    expect(JSON.parse(audit!.after)).toMatchObject({
      workflowId,
      faceMatchReview: 82,
      amlDecline: 91,
      'features.ipAnalysis': true,
    });
  });

  it('does not call Didit or audit when nothing would change', async () => {
    const count = auditRows().length;
    const same = await patch(workflowId, { faceMatchReview: 82 });
    expect(same.status).toBe(200);
    expect(auditRows()).toHaveLength(count);
  });

  it('refuses a decline threshold above the current review threshold with 400, before calling Didit', async () => {
    const result = await patch(workflowId, { faceMatchDecline: 90 });
    expect(result.status).toBe(400);
    expect(result.body.code).toBe('invalid_request');
    expect((await patch(workflowId, { amlDecline: 101 })).status).toBe(400);
  });

  it('answers 404 for a workflow Didit does not have', async () => {
    const result = await patch('00000000-0000-4000-8000-000000000000', { amlDecline: 70 });
    expect(result.status).toBe(404);
  });

  it('audits the intent before calling Didit and the refusal after a 5xx, with Didit answering 502', async () => {
    const rows = auditRows().length;
    const fault = await h.sandbox('/_sandbox/faults', {
      match: { method: 'PATCH', pathPrefix: '/v3/workflows/' },
      kind: 'status',
      status: 500,
      times: 1,
    });
    expect(fault.status).toBe(201);
    const result = await patch(workflowId, { amlDecline: 85 });
    expect([502, 503]).toContain(result.status);
    expect(result.body.code).toBe('provider_unavailable');
    expect(result.body.message).toMatch(/Didit/);
    const [intent, outcome] = auditRows().slice(rows);
    expect(intent).toMatchObject({ action: 'workflow.thresholds_change_requested', actor_role: 'admin' });
    expect(JSON.parse(intent!.before)).toEqual({ workflowId, amlDecline: 91 });
    expect(JSON.parse(intent!.after)).toEqual({ workflowId, amlDecline: 85 });
    expect(outcome).toMatchObject({
      action: 'workflow.thresholds_change_refused',
      reason: result.body.message,
    });
    expect(JSON.parse(outcome!.after)).toEqual({ workflowId, intentId: intent!.id, outcome: 'refused' });
    expect(auditRows()).toHaveLength(rows + 2);
    expect((await h.sandbox(`/v3/workflows/${workflowId}/`)).body.aml_decline_threshold).toBe(91);
  });

  it("audits a 4xx refusal with Didit's message", async () => {
    const rows = auditRows().length;
    await h.sandbox('/_sandbox/faults', {
      match: { method: 'PATCH', pathPrefix: '/v3/workflows/' },
      kind: 'status',
      status: 400,
      times: 1,
    });
    const result = await patch(workflowId, { amlDecline: 86 });
    expect(result.status).toBe(400);
    expect(result.body.code).toBe('provider_rejected');
    expect(result.body.message).toContain('Didit said:');
    const [intent, outcome] = auditRows().slice(rows);
    expect(intent!.action).toBe('workflow.thresholds_change_requested');
    expect(outcome).toMatchObject({
      action: 'workflow.thresholds_change_refused',
      reason: result.body.message,
    });
    expect(JSON.parse(outcome!.after)).toMatchObject({ intentId: intent!.id, outcome: 'refused' });
  });

  it('audits an unknown outcome when Didit does not answer', async () => {
    const rows = auditRows().length;
    await h.sandbox('/_sandbox/faults', {
      match: { method: 'PATCH', pathPrefix: '/v3/workflows/' },
      kind: 'drop_connection',
      times: 1,
    });
    const result = await patch(workflowId, { amlDecline: 87 });
    expect(result.status).toBe(503);
    expect(result.body.code).toBe('provider_unavailable');
    const [intent, outcome] = auditRows().slice(rows);
    expect(intent!.action).toBe('workflow.thresholds_change_requested');
    expect(JSON.parse(intent!.after)).toEqual({ workflowId, amlDecline: 87 });
    expect(outcome).toMatchObject({
      action: 'workflow.thresholds_change_unknown',
      reason: result.body.message,
    });
    expect(JSON.parse(outcome!.after)).toEqual({ workflowId, intentId: intent!.id, outcome: 'unknown' });
    expect(auditRows()).toHaveLength(rows + 2);
  });

  it('turns an unreachable Didit on the list into 503, never 500', async () => {
    await h.sandbox('/_sandbox/faults', {
      match: { method: 'GET', pathPrefix: '/v3/workflows/' },
      kind: 'drop_connection',
      times: 1,
    });
    const result = await h.call('/api/workflows', { as: 'admin' });
    expect([502, 503]).toContain(result.status);
    expect(result.body.code).toBe('provider_unavailable');
  });

  it('is for admins only: analysts and managers are refused', async () => {
    for (const role of ['analyst', 'manager'] as const) {
      expect((await h.call('/api/workflows', { as: role })).status).toBe(403);
      expect((await patch(workflowId, { amlDecline: 50 }, role)).status).toBe(403);
    }
    expect((await h.sandbox(`/v3/workflows/${workflowId}/`)).body.aml_decline_threshold).toBe(91);
  });
});
