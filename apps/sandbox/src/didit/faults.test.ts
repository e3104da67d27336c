import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createScenarioSession, startTestSandbox, type TestSandbox } from './test-support.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
beforeEach(async () => {
  await sandbox.json('POST', '/_sandbox/reset');
});
afterAll(() => sandbox.close());

describe('HTTP fault injection', () => {
  it('status: answers the given status the given number of times', async () => {
    await sandbox.json('POST', '/_sandbox/faults', {
      match: { method: 'GET', pathPrefix: '/v3/sessions' },
      kind: 'status',
      status: 503,
      times: 2,
    });
    expect((await sandbox.call('GET', '/v3/sessions/')).status).toBe(503);
    expect((await sandbox.call('POST', '/v3/workflows/', { workflow_label: 'not matched' })).status).toBe(
      201,
    );
    expect((await sandbox.call('GET', '/v3/sessions/')).status).toBe(503);
    expect((await sandbox.call('GET', '/v3/sessions/')).status).toBe(200);
  });

  it('rate_limit: 429 with the four headers', async () => {
    await sandbox.json('POST', '/_sandbox/faults', { kind: 'rate_limit', retryAfterSeconds: 7, times: 1 });
    const response = await sandbox.call('GET', '/v3/sessions/');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(response.headers.get('x-ratelimit-limit')).toBeTruthy();
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBe(Math.ceil(sandbox.clock.now() / 1000) + 7);
  });

  it('malformed_json: the request is processed but the body is cut short', async () => {
    await sandbox.json('POST', '/_sandbox/faults', {
      match: { pathPrefix: '/v3/session/' },
      kind: 'malformed_json',
      times: 1,
    });
    const { default_workflow_id: workflowId } = await sandbox.json<{ default_workflow_id: string }>(
      'GET',
      '/_sandbox/didit',
    );
    const response = await sandbox.call('POST', '/v3/session/', { workflow_id: workflowId });
    expect(response.status).toBe(201);
    await expect(response.clone().json()).rejects.toThrow();
    expect((await sandbox.json<{ count: number }>('GET', '/v3/sessions/')).count).toBe(1);
  });

  it('latency delays the answer; drop_connection cuts the socket', async () => {
    await sandbox.json('POST', '/_sandbox/faults', { kind: 'latency', ms: 150, times: 1 });
    const started = performance.now();
    expect((await sandbox.call('GET', '/v3/sessions/')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    await sandbox.json('POST', '/_sandbox/faults', { kind: 'drop_connection', times: 1 });
    await expect(sandbox.call('GET', '/v3/sessions/')).rejects.toThrow();
    expect((await sandbox.call('GET', '/v3/sessions/')).status).toBe(200);
  });

  it('faults stay until cleared when times is omitted', async () => {
    await sandbox.json('POST', '/_sandbox/faults', { kind: 'status', status: 500 });
    expect((await sandbox.call('GET', '/v3/workflows/')).status).toBe(500);
    expect((await sandbox.call('GET', '/v3/workflows/')).status).toBe(500);
    expect((await sandbox.call('DELETE', '/_sandbox/faults')).status).toBe(204);
    expect((await sandbox.call('GET', '/v3/workflows/')).status).toBe(200);
  });

  it('rejects invalid control bodies with 400', async () => {
    expect((await sandbox.call('POST', '/_sandbox/faults', { kind: 'earthquake' })).status).toBe(400);
    expect((await sandbox.call('POST', '/_sandbox/didit/sessions', { scenario: 'nope' })).status).toBe(400);
    expect((await sandbox.call('POST', '/_sandbox/clock/advance', { seconds: -1 })).status).toBe(400);
  });
});

describe('rate limits', () => {
  it('apply per scope on a sliding window and recover as the clock moves', async () => {
    await sandbox.json('POST', '/_sandbox/rate-limits', { decision: 2 });
    const session = await createScenarioSession(sandbox, { scenario: 'approve' });
    const decisionPath = `/v3/session/${session.session_id}/decision/`;
    const first = await sandbox.call('GET', decisionPath);
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    await sandbox.clock.advance(20_000);
    expect((await sandbox.call('GET', decisionPath)).status).toBe(200);
    const throttled = await sandbox.call('GET', decisionPath);
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toHaveProperty('detail');
    expect(throttled.headers.get('x-ratelimit-limit')).toBe('2');
    expect(throttled.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(throttled.headers.get('retry-after')).toBe('40');
    expect(Number(throttled.headers.get('x-ratelimit-reset'))).toBe(
      Math.ceil((sandbox.clock.now() + 40_000) / 1000),
    );
    // Other scopes are unaffected.
    expect((await sandbox.call('GET', '/v3/sessions/')).status).toBe(200);
    await sandbox.clock.advance(40_000);
    expect((await sandbox.call('GET', decisionPath)).status).toBe(200);
  });

  it('generic write limits cover every POST, PATCH and DELETE', async () => {
    await sandbox.json('POST', '/_sandbox/rate-limits', { generic_write: 1 });
    expect((await sandbox.call('POST', '/v3/workflows/', { workflow_label: 'a' })).status).toBe(201);
    expect((await sandbox.call('POST', '/v3/workflows/', { workflow_label: 'b' })).status).toBe(429);
    const settings = await sandbox.json<{ limits: Record<string, number> }>('GET', '/_sandbox/rate-limits');
    expect(settings.limits).toMatchObject({ generic_write: 1, generic_get: 600, pdf: 50 });
  });
});
