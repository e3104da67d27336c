import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionStatus } from './model.js';
import { createScenarioSession, startTestSandbox, type TestSandbox } from './test-support.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

/** A session in the wanted status, reached through the same paths a real session takes. */
async function sessionIn(status: SessionStatus): Promise<string> {
  const scenarioFor: Partial<Record<SessionStatus, [string, string]>> = {
    'Not Started': ['approve', 'created'],
    'In Progress': ['in_progress', 'completed'],
    'In Review': ['review_aml_pep', 'completed'],
    Approved: ['approve', 'completed'],
    Declined: ['decline_expired_doc', 'completed'],
    Expired: ['expire', 'completed'],
    Abandoned: ['abandon', 'completed'],
  };
  const preset = scenarioFor[status];
  if (preset) {
    const created = await createScenarioSession(sandbox, { scenario: preset[0], until: preset[1] });
    expect(created.status).toBe(status);
    return created.session_id;
  }
  const review = await createScenarioSession(sandbox, { scenario: 'review_aml_pep' });
  if (status === 'Kyc Expired') {
    await updateStatus(review.session_id, { new_status: 'Approved' });
    await sandbox.json('POST', `/_sandbox/didit/sessions/${review.session_id}/advance`, {
      to: 'kyc_expired',
    });
  } else if (status === 'Resubmitted') {
    await updateStatus(review.session_id, { new_status: 'Resubmitted', nodes_to_resubmit: ['feature_ocr'] });
  } else {
    // Awaiting User only exists for KYB sessions, which the sandbox does not simulate: set it directly.
    sandbox.didit.sandbox.findSession(review.session_id).status = status;
  }
  return review.session_id;
}

function updateStatus(sessionId: string, body: unknown) {
  return sandbox.call('PATCH', `/v3/session/${sessionId}/update-status/`, body);
}

async function webhooksFor(sessionId: string): Promise<number> {
  await sandbox.json('POST', '/_sandbox/didit/webhooks/flush');
  return sandbox.receiver.received.filter((item) => JSON.parse(item.body).session_id === sessionId).length;
}

const RESUBMIT = {
  new_status: 'Resubmitted',
  nodes_to_resubmit: [{ node_id: 'feature_ocr', feature: 'OCR' }],
};
type Expectation = 'changes' | 'no-op' | 400;

/** docs/providers/didit.md §1.4, row by row. */
const TABLE: Array<[SessionStatus, Expectation, Expectation, Expectation]> = [
  ['Not Started', 400, 400, 400],
  ['In Progress', 400, 400, 400],
  ['Expired', 400, 400, 400],
  ['Awaiting User', 400, 400, 400],
  ['In Review', 'changes', 'changes', 'changes'],
  ['Approved', 'no-op', 'changes', 'changes'],
  ['Declined', 'changes', 'no-op', 'changes'],
  ['Abandoned', 'changes', 'changes', 'changes'],
  ['Kyc Expired', 'changes', 'changes', 'changes'],
  ['Resubmitted', 'changes', 'changes', 400],
];

describe('PATCH update-status follows the transition table', () => {
  for (const [from, toApproved, toDeclined, toResubmitted] of TABLE) {
    for (const [body, expectation] of [
      [{ new_status: 'Approved', comment: 'checked by hand' }, toApproved],
      [{ new_status: 'Declined', comment: 'fraud' }, toDeclined],
      [RESUBMIT, toResubmitted],
    ] as const) {
      it(`${from} -> ${body.new_status}: ${expectation}`, async () => {
        const sessionId = await sessionIn(from);
        const webhooksBefore = await webhooksFor(sessionId);
        const reviewsBefore = (await sandbox.json<unknown[]>('GET', `/v3/sessions/${sessionId}/reviews/`))
          .length;
        const response = await updateStatus(sessionId, body);
        const decision = await sandbox.json<{ status: string; reviews: unknown[] }>(
          'GET',
          `/v3/session/${sessionId}/decision/`,
        );
        if (expectation === 400) {
          expect(response.status).toBe(400);
          expect(await response.json()).toHaveProperty('detail');
          expect(decision.status).toBe(from);
          expect(await webhooksFor(sessionId)).toBe(webhooksBefore);
          return;
        }
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ session_id: sessionId });
        if (expectation === 'no-op') {
          expect(decision.status).toBe(from);
          expect(decision.reviews).toHaveLength(reviewsBefore);
          expect(await webhooksFor(sessionId)).toBe(webhooksBefore);
          return;
        }
        expect(decision.status).toBe(body.new_status);
        expect(decision.reviews).toHaveLength(reviewsBefore + 1);
        expect(decision.reviews.at(-1)).toMatchObject({
          action: 'status_change',
          old_status: from,
          new_status: body.new_status,
        });
        expect(await webhooksFor(sessionId)).toBe(webhooksBefore + 1);
      });
    }
  }

  it('answers the documented text when resubmitting a resubmitted session', async () => {
    const response = await updateStatus(await sessionIn('Resubmitted'), RESUBMIT);
    expect(await response.json()).toEqual({ detail: 'The new status is the same as the current status.' });
  });

  it('rejects any other new_status, including In Review, as a field error', async () => {
    const sessionId = await sessionIn('In Review');
    for (const newStatus of ['In Review', 'Expired', 'approved', undefined]) {
      const response = await updateStatus(sessionId, { new_status: newStatus });
      expect(response.status).toBe(400);
      expect(Object.keys((await response.json()) as object)).toEqual(['new_status']);
    }
  });

  it('requires nodes_to_resubmit for Resubmitted and accepts both object and string forms', async () => {
    const sessionId = await sessionIn('In Review');
    const missing = await updateStatus(sessionId, { new_status: 'Resubmitted' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toHaveProperty('nodes_to_resubmit');
    const unknownNode = await updateStatus(sessionId, {
      new_status: 'Resubmitted',
      nodes_to_resubmit: ['feature_nfc'],
    });
    expect(unknownNode.status).toBe(400);
    expect((await updateStatus(sessionId, RESUBMIT)).status).toBe(200);
    const other = await sessionIn('In Review');
    expect(
      (await updateStatus(other, { new_status: 'Resubmitted', nodes_to_resubmit: ['feature_liveness'] }))
        .status,
    ).toBe(200);
  });

  it('requires email_address when send_email is true', async () => {
    const sessionId = await sessionIn('In Review');
    const response = await updateStatus(sessionId, { new_status: 'Approved', send_email: true });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      email_address: ['This field is required when send_email is true.'],
    });
    const ok = await updateStatus(sessionId, {
      new_status: 'Approved',
      send_email: true,
      email_address: 'a@b.co',
    });
    expect(ok.status).toBe(200);
  });

  it('re-runs a backend-only resubmission by itself and throttles a repeat within 30 s', async () => {
    const sessionId = await sessionIn('In Review');
    const amlOnly = {
      new_status: 'Resubmitted',
      nodes_to_resubmit: [{ node_id: 'feature_aml', feature: 'AML' }],
    };
    expect((await updateStatus(sessionId, amlOnly)).status).toBe(200);
    const decision = await sandbox.json<{ status: string }>('GET', `/v3/session/${sessionId}/decision/`);
    expect(decision.status).toBe('In Review');
    const statuses = sandbox.receiver.received
      .map((item) => JSON.parse(item.body))
      .filter((body) => body.session_id === sessionId)
      .map((body) => body.status);
    expect(statuses.slice(-2)).toEqual(['Resubmitted', 'In Review']);

    await sandbox.json('POST', '/_sandbox/clock/advance', { seconds: 10 });
    const throttled = await updateStatus(sessionId, amlOnly);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('20');
    expect(await throttled.json()).toHaveProperty('detail');

    await sandbox.json('POST', '/_sandbox/clock/advance', { seconds: 21 });
    expect((await updateStatus(sessionId, amlOnly)).status).toBe(200);
  });

  it('returns 404 for an unknown session', async () => {
    const response = await updateStatus('00000000-0000-4000-8000-000000000000', { new_status: 'Approved' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'Not found.' });
  });
});
