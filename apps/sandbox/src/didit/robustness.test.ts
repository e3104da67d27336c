import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScenarioSession, startTestSandbox, TEST_API_KEY, type TestSandbox } from './test-support.js';

let sandbox: TestSandbox;
let sessionId: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  sessionId = (await createScenarioSession(sandbox, { scenario: 'review_aml_pep' })).session_id;
});
afterAll(() => sandbox.close());

const deep = (levels: number): unknown => (levels === 0 ? {} : { a: deep(levels - 1), b: [deep(0)] });

/** Raw request bodies a careless or hostile client could send. */
const JUNK_BODIES = [
  '',
  'null',
  'true',
  '42',
  '"text"',
  '[]',
  '[1,2,3]',
  '{',
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}',
  JSON.stringify({ new_status: { $ne: 1 }, workflow_id: ['x'], scenario: 7, kind: null, seconds: 'soon' }),
  JSON.stringify({ workflow_label: 'x'.repeat(10_000), features: 'OCR', session_id: 12 }),
  JSON.stringify(deep(200)),
  JSON.stringify({ nodes_to_resubmit: [null, 1, { node_id: {} }], new_status: 'Resubmitted' }),
];

const ROUTES: Array<[string, string]> = [
  ['POST', '/v3/workflows/'],
  ['PATCH', '/v3/workflows/{workflow}/'],
  ['POST', '/v3/session/'],
  ['PATCH', '/v3/session/{session}/update-status/'],
  ['PATCH', '/v3/session/{session}/update-data/'],
  ['POST', '/v3/sessions/{session}/reviews/'],
  ['POST', '/v3/sessions/delete/'],
  ['POST', '/v3/blocklist/add/'],
  ['POST', '/v3/blocklist/remove/'],
  ['PATCH', '/v3/webhook/'],
  ['POST', '/v3/webhook/destinations/'],
  ['POST', '/_sandbox/didit/sessions'],
  ['POST', '/_sandbox/didit/sessions/{session}/advance'],
  ['POST', '/_sandbox/clock/advance'],
  ['POST', '/_sandbox/faults'],
  ['POST', '/_sandbox/didit/webhook-faults'],
  ['POST', '/_sandbox/didit/webhooks/resend'],
  ['POST', '/_sandbox/rate-limits'],
];

describe('hostile input', () => {
  it('never gets a 5xx on any route and leaves no polluted prototype', async () => {
    const { default_workflow_id: workflowId } = await sandbox.json<{ default_workflow_id: string }>(
      'GET',
      '/_sandbox/didit',
    );
    for (const [method, template] of ROUTES) {
      const path = template.replace('{session}', sessionId).replace('{workflow}', workflowId);
      for (const body of JUNK_BODIES) {
        const response = await fetch(`${sandbox.didit.url}${path}`, {
          method,
          headers: { 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' },
          body,
        });
        // All-optional PATCH bodies may legitimately succeed; what matters is that nothing crashes.
        expect.soft(response.status, `${method} ${template} with ${body.slice(0, 40)}`).toBeLessThan(500);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses bodies over 2 MB with 413 and non-JSON media types with 415', async () => {
    const huge = await sandbox.call('POST', '/v3/session/', { portrait_image: 'A'.repeat(2_200_000) });
    expect(huge.status).toBe(413);
    const text = await sandbox.call('POST', '/v3/workflows/', undefined, { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
  });

  it('answers 404 for unknown or malformed ids', async () => {
    for (const path of [
      '/v3/session/%00%ff/decision/',
      '/v3/session/../../etc/decision/',
      '/v3/workflows/nope/',
    ]) {
      const response = await sandbox.call('GET', path);
      expect(response.status).toBe(404);
    }
  });
});
