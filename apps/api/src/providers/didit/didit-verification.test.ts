import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';
import { WEBHOOK_FAILURES_PER_WINDOW } from './routes';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const auditRows = () =>
  (h.api.deps.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

/** A fresh-looking envelope whose metadata carries `keys` short keys (~1.6 MB at 200,000: under the body limit). */
function bodyWithKeys(keys: number): string {
  const metadata: Record<string, number> = {};
  for (let index = 0; index < keys; index++) metadata[index.toString(36)] = 0;
  return JSON.stringify({
    event_id: 'evt-many-keys',
    webhook_type: 'status.updated',
    timestamp: Math.floor(Date.now() / 1000),
    session_id: 'session-many-keys',
    status: 'Approved',
    metadata,
  });
}

const post = (body: string, headers: Record<string, string>) =>
  h.call('/webhooks/didit', {
    as: null,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('Didit webhook verification cost is bounded', () => {
  it('refuses a wrongly signed 200,000-key body as too complex (never canonicalized) while other requests are answered', async () => {
    const body = bodyWithKeys(200_000);
    expect(body.length).toBeLessThan(2 * 1024 * 1024);
    const before = auditRows();
    const [webhook, health] = await Promise.all([
      post(body, { 'x-signature': 'a'.repeat(64), 'x-signature-v2': 'b'.repeat(64) }),
      h.call('/api/health', { as: null }),
    ]);
    expect(webhook.status).toBe(400);
    expect(webhook.body.code).toBe('webhook_too_complex');
    expect(health.status).toBe(200);
    expect(auditRows()).toBe(before);
  }, 30_000);

  it('accepts a large body on its raw signature without the canonical check', async () => {
    const body = bodyWithKeys(30_000);
    const raw = createHmac('sha256', h.webhookSecret).update(body).digest('hex');
    const response = await post(body, { 'x-signature': raw, 'x-signature-v2': 'b'.repeat(64) });
    // Verified (no 401/too_complex): the unknown session is then handled by ingestion, not refused as unsigned.
    expect([401, 400]).not.toContain(response.status);
  }, 30_000);

  it('throttles repeated refusals from one address with 429', async () => {
    const unsigned = JSON.stringify({ event_id: 'x', timestamp: 1 });
    let last = 0;
    for (let attempt = 0; attempt <= WEBHOOK_FAILURES_PER_WINDOW; attempt++) {
      last = (await post(unsigned, { 'x-signature-v2': 'c'.repeat(64) })).status;
      if (last === 429) break;
    }
    expect(last).toBe(429);
    const refused = await post(unsigned, { 'x-signature-v2': 'c'.repeat(64) });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('too_many_failures');
  });
});
