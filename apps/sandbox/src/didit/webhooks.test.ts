import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createScenarioSession,
  type ReceivedWebhook,
  startTestSandbox,
  TEST_WEBHOOK_SECRET,
  type TestSandbox,
} from './test-support.js';

let sandbox: TestSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(() => sandbox.close());

/** Independent of the sandbox's signer: plain HMAC plus a sorted JSON.stringify (valid for these payloads). */
function hmac(message: string, secret = TEST_WEBHOOK_SECRET): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function verify(webhook: ReceivedWebhook) {
  const body = JSON.parse(webhook.body);
  return {
    raw: webhook.headers['x-signature'] === hmac(webhook.body),
    v2: webhook.headers['x-signature-v2'] === hmac(JSON.stringify(sortKeys(body))),
    simple:
      webhook.headers['x-signature-simple'] ===
      hmac(`${body.timestamp}:${body.session_id}:${body.status}:${body.webhook_type}`),
    body,
  };
}

const bodies = () => sandbox.receiver.received.map((item) => JSON.parse(item.body));

describe('status.updated webhooks', () => {
  it('are sent from In Progress on, signed three ways, with Didit headers and the decision when decided', async () => {
    const session = await createScenarioSession(sandbox, {
      scenario: 'approve',
      vendor_data: 'user-1',
      expected_details: { first_name: 'José', last_name: 'Müller-Ünlü' },
    });
    expect(sandbox.receiver.received).toHaveLength(2);
    const [started, approved] = sandbox.receiver.received.map(verify);
    for (const webhook of [started!, approved!]) {
      expect(webhook).toMatchObject({ raw: true, v2: true, simple: true });
    }
    const headers = sandbox.receiver.received[1]!.headers;
    expect(headers['user-agent']).toBe('DiditWebhook/2.0 +https://didit.me');
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-timestamp']).toBe(String(approved!.body.timestamp));
    expect(approved!.body.timestamp).toBe(Math.floor(sandbox.clock.now() / 1000));

    expect(started!.body).toMatchObject({
      status: 'In Progress',
      webhook_type: 'status.updated',
      vendor_data: 'user-1',
    });
    expect(started!.body).not.toHaveProperty('decision');
    expect(started!.body).not.toHaveProperty('metadata');
    expect(approved!.body).toMatchObject({
      session_id: session.session_id,
      status: 'Approved',
      environment: 'live',
      decision: { status: 'Approved', session_id: session.session_id },
    });
    expect(approved!.body.event_id).not.toBe(started!.body.event_id);

    // ensure_ascii: the wire body is pure ASCII and escapes the diacritics.
    const raw = sandbox.receiver.received[1]!.body;
    expect(raw).toMatch(/^[\x20-\x7e]*$/);
    expect(raw).toContain('Jos\\u00e9');
    expect(approved!.body.decision.id_verifications[0].first_name).toBe('José');
  });

  it('logs every attempt and retries a 500 after 60 s of sandbox clock', async () => {
    sandbox.receiver.respondWith.push(500, 500);
    const session = await createScenarioSession(sandbox, { scenario: 'approve', until: 'started' });
    expect(sandbox.receiver.received).toHaveLength(1);

    await sandbox.json('POST', '/_sandbox/clock/advance', { seconds: 59 });
    expect(sandbox.receiver.received).toHaveLength(1);
    await sandbox.json('POST', '/_sandbox/clock/advance', { seconds: 1 });
    expect(sandbox.receiver.received).toHaveLength(2);
    await sandbox.json('POST', '/_sandbox/clock/advance', { seconds: 240 });
    expect(sandbox.receiver.received).toHaveLength(3);
    await sandbox.json('POST', '/_sandbox/clock/advance', { seconds: 3600 });
    expect(sandbox.receiver.received).toHaveLength(3);

    const attempts = sandbox.receiver.received.map(verify);
    expect(new Set(attempts.map((attempt) => attempt.body.event_id)).size).toBe(1);
    // Each attempt is stamped and signed at its own time.
    expect(attempts[1]!.body.timestamp - attempts[0]!.body.timestamp).toBe(60);
    expect(attempts.every((attempt) => attempt.raw && attempt.v2)).toBe(true);

    const log = await sandbox.json<Array<Record<string, unknown>>>(
      'GET',
      `/v3/session/${session.session_id}/webhooks/`,
    );
    expect(log.map((entry) => [entry.attempt, entry.status_code])).toEqual([
      [3, 200],
      [2, 500],
      [1, 500],
    ]);
    const first = log[2]!;
    expect(JSON.parse(first.request_header as string)).toHaveProperty('X-Signature');
    expect(first.request_body).toBe(sandbox.receiver.received[0]!.body);
    const single = await sandbox.json('GET', `/v3/session/${session.session_id}/webhook/${first.uuid}`);
    expect(single).toEqual(first);
    const other = await createScenarioSession(sandbox, { scenario: 'approve', until: 'created' });
    expect((await sandbox.call('GET', `/v3/session/${other.session_id}/webhook/${first.uuid}`)).status).toBe(
      404,
    );
  });

  it('retries when the receiver is unreachable and records the error', async () => {
    await sandbox.json('PATCH', '/v3/webhook/', { webhook_url: 'http://127.0.0.1:9/unreachable' });
    const session = await createScenarioSession(sandbox, { scenario: 'approve', until: 'started' });
    const { deliveries } = await sandbox.json<{
      deliveries: Array<{ error: string | null; session_id: string }>;
    }>('GET', `/_sandbox/didit/deliveries?session_id=${session.session_id}`);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.error).toBeTruthy();
    await sandbox.json('POST', '/_sandbox/clock/advance', { seconds: 60 });
    const after = await sandbox.json<{ deliveries: unknown[] }>('GET', '/_sandbox/didit/deliveries');
    expect(after.deliveries).toHaveLength(2);
  });

  it('uses a rotated secret immediately and stops when the URL is removed', async () => {
    const { secret_shared_key: secret } = await sandbox.json<{ secret_shared_key: string }>(
      'PATCH',
      '/v3/webhook/',
      {
        rotate_secret_key: true,
      },
    );
    expect(secret).not.toBe(TEST_WEBHOOK_SECRET);
    await createScenarioSession(sandbox, { scenario: 'approve', until: 'started' });
    const webhook = sandbox.receiver.received[0]!;
    expect(webhook.headers['x-signature']).toBe(hmac(webhook.body, secret));
    await sandbox.json('PATCH', '/v3/webhook/', { webhook_url: null });
    await createScenarioSession(sandbox, { scenario: 'approve' });
    expect(sandbox.receiver.received).toHaveLength(1);
  });

  it('delivers to destinations that subscribe to the event type, with their own secret', async () => {
    const destination = await sandbox.json<{ uuid: string; secret_shared_key: string }>(
      'POST',
      '/v3/webhook/destinations/',
      {
        label: 'data only',
        url: sandbox.receiver.url.replace('didit', 'data'),
        subscribed_events: ['data.updated'],
      },
    );
    const session = await createScenarioSession(sandbox, { scenario: 'approve' });
    expect(sandbox.receiver.received).toHaveLength(2);
    await sandbox.json('PATCH', `/v3/session/${session.session_id}/update-data/`, { first_name: 'Joao' });
    await sandbox.json('POST', '/_sandbox/didit/webhooks/flush');
    const dataEvents = sandbox.receiver.received.filter(
      (item) => JSON.parse(item.body).webhook_type === 'data.updated',
    );
    expect(dataEvents).toHaveLength(2);
    const signedByDestination = dataEvents.filter(
      (item) => item.headers['x-signature'] === hmac(item.body, destination.secret_shared_key),
    );
    expect(signedByDestination).toHaveLength(1);
    expect(JSON.parse(dataEvents[0]!.body).decision.id_verifications[0].first_name).toBe('Joao');
  });
});

describe('webhook faults', () => {
  it('duplicate: the same bytes twice', async () => {
    await sandbox.json('POST', '/_sandbox/didit/webhook-faults', { kind: 'duplicate' });
    await createScenarioSession(sandbox, { scenario: 'approve' });
    const [first, second, third] = sandbox.receiver.received;
    expect(second!.body).toBe(first!.body);
    expect(second!.headers['x-signature']).toBe(first!.headers['x-signature']);
    expect(JSON.parse(third!.body).status).toBe('Approved');
  });

  it('out_of_order: the decided status arrives before In Progress', async () => {
    await sandbox.json('POST', '/_sandbox/didit/webhook-faults', { kind: 'out_of_order' });
    await createScenarioSession(sandbox, { scenario: 'decline_expired_doc' });
    expect(bodies().map((body) => body.status)).toEqual(['Declined', 'In Progress']);
  });

  it('stale: signatures are valid but the timestamp is 10 minutes old', async () => {
    await sandbox.json('POST', '/_sandbox/didit/webhook-faults', { kind: 'stale' });
    await createScenarioSession(sandbox, { scenario: 'approve', until: 'started' });
    const webhook = verify(sandbox.receiver.received[0]!);
    expect(webhook).toMatchObject({ raw: true, v2: true, simple: true });
    expect(Math.floor(sandbox.clock.now() / 1000) - webhook.body.timestamp).toBe(600);
  });

  it('bad_signature: no signature verifies', async () => {
    await sandbox.json('POST', '/_sandbox/didit/webhook-faults', { kind: 'bad_signature' });
    await createScenarioSession(sandbox, { scenario: 'approve', until: 'started' });
    expect(verify(sandbox.receiver.received[0]!)).toMatchObject({ raw: false, v2: false, simple: false });
  });

  it('reencoded: the raw signature breaks, V2 still verifies', async () => {
    await sandbox.json('POST', '/_sandbox/didit/webhook-faults', { kind: 'reencoded', times: 2 });
    await createScenarioSession(sandbox, { scenario: 'approve', expected_details: { first_name: 'Zoë' } });
    const approved = verify(sandbox.receiver.received[1]!);
    expect(approved).toMatchObject({ raw: false, v2: true, simple: true });
    expect(sandbox.receiver.received[1]!.body).toContain('Zoë');
  });

  it('missing_signatures: only the Simple signature is left', async () => {
    await sandbox.json('POST', '/_sandbox/didit/webhook-faults', { kind: 'missing_signatures' });
    await createScenarioSession(sandbox, { scenario: 'approve', until: 'started' });
    const { headers } = sandbox.receiver.received[0]!;
    expect(headers['x-signature']).toBeUndefined();
    expect(headers['x-signature-v2']).toBeUndefined();
    expect(headers['x-signature-simple']).toBeDefined();
  });

  it('resend replays an old event byte for byte', async () => {
    await createScenarioSession(sandbox, { scenario: 'approve' });
    const original = sandbox.receiver.received[1]!;
    await sandbox.json('POST', '/_sandbox/clock/advance', { seconds: 900 });
    const eventId = JSON.parse(original.body).event_id;
    await sandbox.json('POST', '/_sandbox/didit/webhooks/resend', { event_id: eventId });
    const replay = sandbox.receiver.received[2]!;
    expect(replay.body).toBe(original.body);
    expect(replay.headers['x-signature']).toBe(original.headers['x-signature']);
    expect(replay.headers['x-timestamp']).toBe(original.headers['x-timestamp']);
    expect((await sandbox.call('POST', '/_sandbox/didit/webhooks/resend', { event_id: 'nope' })).status).toBe(
      404,
    );
  });
});

describe('reporting any status (control)', () => {
  it('applies a documented or undocumented status to the session, or only sends a signed webhook claiming it', async () => {
    const session = await createScenarioSession(sandbox, { scenario: 'approve' });
    const before = sandbox.receiver.received.length;

    const claimed = await sandbox.call('POST', `/_sandbox/didit/sessions/${session.session_id}/status`, {
      status: 'Awaiting User',
      mode: 'webhook_only',
    });
    expect(claimed.status).toBe(200);
    // The session itself did not move: the control reports what it still is.
    expect(((await claimed.json()) as { status: string }).status).toBe('Approved');
    const stray = sandbox.receiver.received.at(-1)!;
    expect(verify(stray)).toMatchObject({ raw: true, v2: true });
    expect(JSON.parse(stray.body)).toMatchObject({ webhook_type: 'status.updated', status: 'Awaiting User' });
    const unchanged = await sandbox.call('GET', `/v3/session/${session.session_id}/decision/`);
    expect(((await unchanged.json()) as { status: string }).status).toBe('Approved');

    await sandbox.json('POST', `/_sandbox/didit/sessions/${session.session_id}/status`, {
      status: 'Under Investigation',
    });
    const decision = await sandbox.call('GET', `/v3/session/${session.session_id}/decision/`);
    expect(((await decision.json()) as { status: string }).status).toBe('Under Investigation');
    expect(JSON.parse(sandbox.receiver.received.at(-1)!.body).status).toBe('Under Investigation');

    await sandbox.json('POST', `/_sandbox/didit/sessions/${session.session_id}/status`, {
      status: 'Kyc Expired',
    });
    const expired = await sandbox.call('GET', `/v3/session/${session.session_id}/decision/`);
    expect(((await expired.json()) as { status: string }).status).toBe('Kyc Expired');
    expect(sandbox.receiver.received.length).toBe(before + 3);
  });
});
