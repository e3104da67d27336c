import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CallbackReceiver, startCallbackReceiver } from './callback-receiver';
import { type SandboxHarness, startHarness } from './test/harness';

let harness: SandboxHarness;
let receiver: CallbackReceiver;

beforeEach(async () => {
  harness = await startHarness();
  receiver = await startCallbackReceiver();
});
afterEach(async () => {
  await harness.sandbox.close();
  await receiver.close();
});

const addFault = async (fault: Record<string, unknown>) => {
  const response = await harness.call('POST', '/_sandbox/kryptogo/faults', fault);
  expect(response.status).toBe(200);
  return response.json;
};
const history = '/task/history?page_size=10&page_number=1';

describe('request faults', () => {
  it('answers 5xx once, then recovers', async () => {
    await addFault({ kind: 'server_error', status: 503 });
    const failed = await harness.call('GET', history);
    expect(failed.status).toBe(503);
    expect(failed.json.code).toBeGreaterThan(0);
    expect((await harness.call('GET', history)).status).toBe(200);
  });

  it('answers 429 with Retry-After', async () => {
    await addFault({ kind: 'rate_limit', retry_after_seconds: 7, count: 2 });
    const first = await harness.call('GET', history);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await harness.call('GET', history)).status).toBe(429);
    expect((await harness.call('GET', history)).status).toBe(200);
  });

  it('serves malformed JSON', async () => {
    await addFault({ kind: 'malformed_json' });
    const response = await harness.call('GET', history);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(typeof response.json).toBe('string');
  });

  it('drops the connection without an answer', async () => {
    await addFault({ kind: 'drop_connection' });
    await expect(
      fetch(`${harness.sandbox.url}${history}`, { headers: { 'X-API-KEY': 'test-key-1' } }),
    ).rejects.toThrow();
    expect((await harness.call('GET', history)).status).toBe(200);
  });

  it('delays answers by the configured latency', async () => {
    await addFault({ kind: 'latency', latency_ms: 150 });
    const started = performance.now();
    expect((await harness.call('GET', history)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('applies a fault after processing, so the change happened though the caller saw an error', async () => {
    await addFault({ kind: 'server_error', path_prefix: '/task', method: 'post', phase: 'after' });
    const response = await harness.call('POST', '/task', [{ search_setting_id: 1, target: { name: 'A B' } }]);
    expect(response.status).toBe(500);
    expect((await harness.call('GET', history)).json.paging.total_count).toBe(1);
  });

  it('only hits matching paths, never control routes, and can be listed and cleared', async () => {
    await addFault({ kind: 'server_error', path_prefix: '/kya', count: null });
    expect((await harness.call('GET', history)).status).toBe(200);
    expect((await harness.call('GET', '/kya/detail/1')).status).toBe(500);
    expect((await harness.call('GET', '/kya/detail/1')).status).toBe(500);
    expect((await harness.call('GET', '/_sandbox/kryptogo/faults')).json.data).toHaveLength(1);
    await harness.call('DELETE', '/_sandbox/kryptogo/faults');
    expect((await harness.call('GET', '/kya/detail/1')).status).toBe(404);
  });

  it('refuses an unknown fault kind with 400', async () => {
    expect((await harness.call('POST', '/_sandbox/kryptogo/faults', { kind: 'meteor' })).status).toBe(400);
  });
});

describe('callback faults', () => {
  it('delivers a callback twice', async () => {
    await addFault({ kind: 'duplicate_callbacks' });
    await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'dd',
      scenario: 'clean',
      callback_url: receiver.url,
    });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]!.body).toEqual(receiver.received[1]!.body);
  });

  it('re-sends an older payload after a newer one', async () => {
    const created = await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'dd',
      scenario: 'news',
      callback_url: receiver.url,
    });
    await addFault({ kind: 'out_of_order_callbacks' });
    await harness.call('POST', `/task/${created.json.ids[0]}/accepted`, { comment: 'ok', accepted: true });
    await harness.advance(0);
    const auditTimes = receiver.received.map(
      (callback) => (callback.body as { audit_time: number }).audit_time,
    );
    expect(auditTimes).toHaveLength(3);
    expect(auditTimes[1]).toBeGreaterThan(0);
    expect(auditTimes[2]).toBe(0);
  });
});

describe('robustness', () => {
  it('never answers 5xx to hostile bodies', async () => {
    const bodies = [
      'null',
      '[]',
      '{"__proto__":{"admin":true}}',
      JSON.stringify([{ search_setting_id: 1, target: { name: 'x'.repeat(10_000) } }]),
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      '"string"',
      '12',
    ];
    for (const path of [
      '/task',
      '/kya',
      '/idv',
      '/idv/init',
      '/idv/account',
      '/task/1001/accepted',
      '/task/1001/metadata',
    ]) {
      for (const body of bodies) {
        const response = await harness.call('POST', path, body);
        expect(response.status, `${path} ${body.slice(0, 20)}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${path} ${body.slice(0, 20)}`).toBeLessThan(500);
      }
    }
  });

  it('refuses an oversized body with 413', async () => {
    const response = await harness.call(
      'POST',
      '/task',
      JSON.stringify([{ search_setting_id: 1, target: { name: 'x'.repeat(2_000_000) } }]),
    );
    expect(response.status).toBe(413);
  });
});
