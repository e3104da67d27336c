import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDiditCase, sqlOn } from '../../test/cases';
import { type Harness, startHarness } from '../../test/harness';
import { drainOutbox } from '../outbox/worker';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const sql = <T>(query: string, ...params: unknown[]) => sqlOn(h)<T>(query, ...params);

async function detail(id: number) {
  const response = await h.call(`/api/cases/${id}`);
  expect(response.status).toBe(200);
  return response.body;
}

async function resubmit(id: number, nodes: { nodeId: string; feature: string }[]) {
  const { version } = await detail(id);
  return h.call(`/api/cases/${id}/actions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'if-match': String(version),
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({ type: 'request_resubmission', reasonCode: 'blurry_document', nodes }),
  });
}

const requestedAudits = (id: number) =>
  sql<{ after: string }>(
    "SELECT after FROM audit_log WHERE case_id = ? AND action = 'case.action_requested' ORDER BY id",
    id,
  );

describe('Didit case with every report type (sandbox scenario all_reports)', () => {
  it('shows every report of every type, repeated nodes included, each with its node id', async () => {
    const { id } = await newDiditCase(h, 'all_reports');
    const view = (await detail(id)).view;
    const byType = Object.fromEntries(
      view.reports.map((group: { type: string; reports: { nodeId: string }[] }) => [
        group.type,
        group.reports.map((report) => report.nodeId),
      ]),
    );
    expect(byType).toMatchObject({
      id_verifications: ['feature_ocr', 'feature_ocr_2'],
      face_matches: ['feature_face_match', 'feature_face_match_2'],
      nfc_verifications: ['feature_nfc'],
      liveness_checks: ['feature_liveness'],
      poa_verifications: ['feature_proof_of_address'],
      phone_verifications: ['feature_phone_verification'],
      email_verifications: ['feature_email_verification'],
      aml_screenings: ['feature_aml'],
      ip_analyses: ['feature_ip_analysis'],
      database_validations: ['feature_database_validation'],
      biometric_authentications: ['feature_biometric_authentication'],
    });
    const secondMatch = view.reports
      .find((group: { type: string }) => group.type === 'face_matches')
      .reports.find((report: { nodeId: string }) => report.nodeId === 'feature_face_match_2');
    expect(secondMatch.warnings[0].additionalData).toEqual([
      { label: 'Score', value: '71.4' },
      { label: 'Threshold', value: '75' },
    ]);
    // Resubmission offers what ran, in-review nodes before approved ones.
    const nodeIds = view.nodes.map((node: { nodeId: string }) => node.nodeId);
    expect(nodeIds).toContain('feature_ocr_2');
    expect(view.nodes[0].status).toBe('In Review');
  });

  it('refuses to resubmit a node the session did not run (400, nothing queued or audited)', async () => {
    const { id } = await newDiditCase(h, 'all_reports');
    const before = await detail(id);
    const response = await resubmit(id, [{ nodeId: 'feature_selfie_video', feature: 'LIVENESS' }]);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('unknown_node');
    expect(response.body.message).toContain('feature_selfie_video');
    const wrongFeature = await resubmit(id, [{ nodeId: 'feature_ocr_2', feature: 'LIVENESS' }]);
    expect(wrongFeature.status).toBe(400);
    expect(wrongFeature.body.code).toBe('unknown_node');
    expect(sql('SELECT id FROM case_actions WHERE case_id = ?', id)).toHaveLength(0);
    expect(requestedAudits(id)).toHaveLength(0);
    expect((await detail(id)).version).toBe(before.version);
  });

  it('accepts the nodes the session ran, a repeated node included, and reaches the sandbox', async () => {
    const { id, sessionId } = await newDiditCase(h, 'all_reports');
    const response = await resubmit(id, [
      { nodeId: 'feature_ocr_2', feature: 'OCR' },
      { nodeId: 'feature_face_match_2', feature: 'FACE_MATCH' },
    ]);
    expect(response.status).toBe(202);
    const audits = requestedAudits(id);
    expect(audits).toHaveLength(1);
    await drainOutbox(h.api.deps);
    const session = await h.sandbox(`/v3/session/${sessionId}/decision/`, undefined, 'GET');
    expect(session.body.status).toBe('Resubmitted');
  });
});
