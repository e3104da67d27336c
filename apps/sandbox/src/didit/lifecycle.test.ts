import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScenarioSession, startTestSandbox, type TestSandbox } from './test-support.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ abandonAfterSeconds: 3600 });
});
afterAll(() => sandbox.close());

interface Warning {
  risk: string;
  log_type: string;
  feature: string;
  node_id: string;
}
interface Report {
  status: string;
  warnings: Warning[];
  score?: number;
}
interface Decision {
  status: string;
  features: string[];
  id_verifications: Array<Report & Record<string, unknown>>;
  liveness_checks: Array<Report & { method: string }>;
  face_matches: Report[];
  aml_screenings: Array<Report & { total_hits: number; hits: Array<Record<string, unknown>> }>;
  ip_analyses: Array<Report & Record<string, unknown>>;
  reviews: unknown[];
}

async function decisionFor(scenario: string, extra: Record<string, unknown> = {}) {
  const session = await createScenarioSession(sandbox, { scenario, ...extra });
  const decision = await sandbox.json<Decision>('GET', `/v3/session/${session.session_id}/decision/`);
  return { session, decision };
}

const risks = (report: Report | undefined) =>
  report?.warnings.map((warning) => [warning.risk, warning.log_type]);

describe('scenario outcomes', () => {
  it('approve: every feature approved with realistic data', async () => {
    const { session, decision } = await decisionFor('approve', { vendor_data: 'user-approve' });
    expect(session.status).toBe('Approved');
    expect(decision.features).toEqual(['ID_VERIFICATION', 'LIVENESS', 'FACE_MATCH', 'AML', 'IP_ANALYSIS']);
    const id = decision.id_verifications[0]!;
    expect(id).toMatchObject({ status: 'Approved', node_id: 'feature_ocr' });
    expect(id.full_name).toBe(`${id.first_name} ${id.last_name}`);
    expect(id.date_of_birth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(id.issuing_state).toMatch(/^[A-Z]{3}$/);
    expect(String(id.expiration_date) > '2026-06-01').toBe(true);
    expect(decision.liveness_checks[0]!.score).toBeGreaterThanOrEqual(88);
    expect(decision.liveness_checks[0]!.method).toBe('PASSIVE');
    expect(decision.face_matches[0]!.score).toBeGreaterThanOrEqual(86);
    expect(decision.ip_analyses[0]).toMatchObject({ status: 'Approved', is_vpn_or_tor: false });
  });

  it('is deterministic per person and honours expected_details with diacritics', async () => {
    const expected = { first_name: 'José', last_name: 'Müller-Ünlü', date_of_birth: '1990-04-12' };
    const one = await decisionFor('approve', { vendor_data: 'same-person', expected_details: expected });
    const two = await decisionFor('approve', { vendor_data: 'same-person', expected_details: expected });
    expect(one.decision.id_verifications[0]!.full_name).toBe('José Müller-Ünlü');
    expect(one.decision.id_verifications[0]!.document_number).toBe(
      two.decision.id_verifications[0]!.document_number,
    );
    expect(one.decision.face_matches[0]!.score).toBe(two.decision.face_matches[0]!.score);
    expect(one.session.status).toBe('Approved');
  });

  it('decline_expired_doc', async () => {
    const { session, decision } = await decisionFor('decline_expired_doc');
    expect(session.status).toBe('Declined');
    expect(risks(decision.id_verifications[0])).toEqual([['DOCUMENT_EXPIRED', 'error']]);
    expect(String(decision.id_verifications[0]!.expiration_date) < '2026-06-01').toBe(true);
  });

  it('review_low_face_match: between the decline (50) and review (70) thresholds', async () => {
    const { session, decision } = await decisionFor('review_low_face_match');
    expect(session.status).toBe('In Review');
    const faceMatch = decision.face_matches[0]!;
    expect(faceMatch.score).toBeGreaterThanOrEqual(50);
    expect(faceMatch.score).toBeLessThan(70);
    expect(risks(faceMatch)).toEqual([['LOW_FACE_MATCH_SIMILARITY', 'warning']]);
    expect(faceMatch.warnings[0]).toMatchObject({ feature: 'FACE_MATCH', node_id: 'feature_face_match' });
  });

  it('decline_liveness_attack', async () => {
    const { session, decision } = await decisionFor('decline_liveness_attack');
    expect(session.status).toBe('Declined');
    expect(risks(decision.liveness_checks[0])).toEqual([
      ['LIVENESS_FACE_ATTACK', 'error'],
      ['LOW_LIVENESS_SCORE', 'error'],
    ]);
    expect(risks(decision.face_matches[0])).toEqual([['LOW_FACE_MATCH_SIMILARITY', 'error']]);
  });

  it('review_aml_pep: an unreviewed PEP hit with score details', async () => {
    const { session, decision } = await decisionFor('review_aml_pep');
    expect(session.status).toBe('In Review');
    const aml = decision.aml_screenings[0]!;
    expect(aml).toMatchObject({ status: 'In Review', total_hits: 1, score: 85 });
    expect(risks(aml)).toEqual([['POSSIBLE_MATCH_FOUND', 'warning']]);
    expect(aml.hits[0]).toMatchObject({
      datasets: ['PEP'],
      review_status: 'Unreviewed',
      match_score: 97,
      risk_score: 85,
      score: 0.97,
      score_breakdown: expect.objectContaining({ name_weight: 60, dob_weight: 25, country_weight: 15 }),
    });
    expect((aml.hits[0]!.properties as Record<string, unknown>).position).toHaveLength(1);
  });

  it('decline_aml_sanctions and decline_blocklisted', async () => {
    const sanctions = await decisionFor('decline_aml_sanctions');
    expect(sanctions.session.status).toBe('Declined');
    expect(risks(sanctions.decision.aml_screenings[0])).toEqual([['POSSIBLE_MATCH_FOUND', 'error']]);
    const blocklisted = await decisionFor('decline_blocklisted');
    expect(blocklisted.session.status).toBe('Declined');
    expect(risks(blocklisted.decision.liveness_checks[0])).toEqual([['FACE_IN_BLOCKLIST', 'error']]);
  });

  it('review_ip_mismatch and review_data_mismatch', async () => {
    const ip = await decisionFor('review_ip_mismatch');
    expect(ip.session.status).toBe('In Review');
    expect(ip.decision.ip_analyses[0]).toMatchObject({ is_vpn_or_tor: true, ip_country_code: 'NL' });
    const data = await decisionFor('review_data_mismatch', {
      expected_details: { first_name: 'Nobody', last_name: 'Expected', date_of_birth: '1900-01-01' },
    });
    expect(data.session.status).toBe('In Review');
    expect(risks(data.decision.id_verifications[0])).toEqual([
      ['FULL_NAME_MISMATCH_WITH_PROVIDED', 'warning'],
      ['DOB_MISMATCH_WITH_PROVIDED', 'warning'],
    ]);
  });

  it('scenario chosen by metadata.sim_scenario or a vendor_data suffix through the public API', async () => {
    const viaMetadata = await sandbox.json<{ session_id: string }>('POST', '/v3/session/', {
      workflow_id: (await sandbox.json<{ default_workflow_id: string }>('GET', '/_sandbox/didit'))
        .default_workflow_id,
      metadata: JSON.stringify({ sim_scenario: 'decline_expired_doc' }),
    });
    await sandbox.json('POST', `/_sandbox/didit/sessions/${viaMetadata.session_id}/advance`, {
      to: 'completed',
    });
    expect(
      (await sandbox.json<Decision>('GET', `/v3/session/${viaMetadata.session_id}/decision/`)).status,
    ).toBe('Declined');
    const viaSuffix = await sandbox.json<{ session_id: string }>('POST', '/v3/session/', {
      workflow_id: (await sandbox.json<{ default_workflow_id: string }>('GET', '/_sandbox/didit'))
        .default_workflow_id,
      vendor_data: 'user-9:review_aml_pep',
    });
    await sandbox.json('POST', `/_sandbox/didit/sessions/${viaSuffix.session_id}/advance`, {
      to: 'completed',
    });
    expect(
      (await sandbox.json<Decision>('GET', `/v3/session/${viaSuffix.session_id}/decision/`)).status,
    ).toBe('In Review');
  });
});

describe('workflow thresholds drive the verdict', () => {
  it('a face-match score that needs review passes once the review threshold is lowered', async () => {
    const workflow = await sandbox.json<{ uuid: string }>('POST', '/v3/workflows/', {
      workflow_label: 'Lenient',
      features: [{ feature: 'OCR' }, { feature: 'LIVENESS' }, { feature: 'FACE_MATCH' }],
    });
    const before = await decisionFor('review_low_face_match', {
      workflow_id: workflow.uuid,
      vendor_data: 'thr',
    });
    expect(before.session.status).toBe('In Review');
    expect(before.decision.features).toEqual(['ID_VERIFICATION', 'LIVENESS', 'FACE_MATCH']);
    expect(before.decision.aml_screenings).toEqual([]);
    await sandbox.json('PATCH', `/v3/workflows/${workflow.uuid}/`, {
      face_match_score_decline_threshold: 30,
      face_match_score_review_threshold: 40,
    });
    const after = await decisionFor('review_low_face_match', {
      workflow_id: workflow.uuid,
      vendor_data: 'thr',
    });
    expect(after.session.status).toBe('Approved');
    await sandbox.json('PATCH', `/v3/workflows/${workflow.uuid}/`, {
      face_match_score_decline_threshold: 99,
      face_match_score_review_threshold: 100,
    });
    expect((await decisionFor('approve', { workflow_id: workflow.uuid })).session.status).toBe('Declined');
  });
});

describe('time-driven lifecycle', () => {
  it('expires a never-opened session after 7 days and abandons an idle one', async () => {
    const idle = await createScenarioSession(sandbox, { scenario: 'approve', until: 'created' });
    const started = await createScenarioSession(sandbox, { scenario: 'in_progress' });
    expect(started.status).toBe('In Progress');
    await sandbox.json('POST', '/_sandbox/clock/advance', { seconds: 3600 });
    const status = async (id: string) =>
      (await sandbox.json<Decision>('GET', `/v3/session/${id}/decision/`)).status;
    expect(await status(started.session_id)).toBe('Abandoned');
    expect(await status(idle.session_id)).toBe('Not Started');
    await sandbox.json('POST', '/_sandbox/clock/advance', { seconds: 7 * 24 * 3600 });
    expect(await status(idle.session_id)).toBe('Expired');
    const abandonedWebhook = sandbox.receiver.received
      .map((item) => JSON.parse(item.body))
      .find((body) => body.session_id === started.session_id && body.status === 'Abandoned');
    expect(abandonedWebhook).toHaveProperty('decision');
  });

  it('a resubmitted session goes back through In Progress and keeps its approved steps', async () => {
    const session = await createScenarioSession(sandbox, { scenario: 'decline_expired_doc' });
    await sandbox.json('PATCH', `/v3/session/${session.session_id}/update-status/`, {
      new_status: 'Resubmitted',
      nodes_to_resubmit: [{ node_id: 'feature_ocr', feature: 'OCR' }],
    });
    const before = await sandbox.json<Decision>('GET', `/v3/session/${session.session_id}/decision/`);
    const advanced = await sandbox.json<{ status: string }>(
      'POST',
      `/_sandbox/didit/sessions/${session.session_id}/advance`,
      { to: 'completed' },
    );
    expect(advanced.status).toBe('Approved');
    const after = await sandbox.json<Decision>('GET', `/v3/session/${session.session_id}/decision/`);
    expect(after.id_verifications[0]!.warnings).toEqual([]);
    expect(after.face_matches[0]!.score).toBe(before.face_matches[0]!.score);
    const conflict = await sandbox.call('POST', `/_sandbox/didit/sessions/${session.session_id}/advance`, {
      to: 'expired',
    });
    expect(conflict.status).toBe(409);
  });
});

describe('operational logs', () => {
  it('never contain names, dates of birth or document numbers', async () => {
    const lines: string[] = [];
    const logged = await startTestSandbox({ log: (line) => lines.push(line) });
    try {
      const session = await createScenarioSession(logged, {
        scenario: 'review_aml_pep',
        vendor_data: 'pii-canary',
        expected_details: { first_name: 'Canary', last_name: 'Ünlü-Testperson', date_of_birth: '1977-07-07' },
      });
      await logged.json('PATCH', `/v3/session/${session.session_id}/update-status/`, {
        new_status: 'Approved',
      });
      await logged.call('GET', `/v3/session/${session.session_id}/generate-pdf/`);
      const decision = await logged.json<Decision>('GET', `/v3/session/${session.session_id}/decision/`);
      const output = lines.join('\n');
      expect(lines.length).toBeGreaterThan(3);
      for (const secret of [
        'Canary',
        'Ünlü',
        '1977-07-07',
        String(decision.id_verifications[0]!.document_number),
      ]) {
        expect(output).not.toContain(secret);
      }
    } finally {
      await logged.close();
    }
  });
});
