import { createHmac } from 'node:crypto';
import { verifyAuditChain } from '@backoffice/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const counts = () => ({
  cases: (h.api.deps.db.sqlite.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n,
  audit: (h.api.deps.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
});

async function createSession(scenario: string, extra: Record<string, unknown> = {}) {
  const created = await h.sandbox('/_sandbox/didit/sessions', { scenario, ...extra });
  expect(created.status).toBe(201);
  return created.body.sessions[0] as { session_id: string; status: string };
}

async function deliveriesOf(sessionId: string) {
  const { body } = await h.sandbox(`/_sandbox/didit/deliveries?session_id=${sessionId}`);
  return body.deliveries as {
    event_id: string;
    status_code: number | null;
    request_body: string;
    fault: string | null;
  }[];
}

/** Faults apply to the next N deliveries; clear leftovers so they never leak into the next test. */
async function withWebhookFault<T>(kind: string, run: () => Promise<T>): Promise<T> {
  await h.sandbox('/_sandbox/didit/webhook-faults', { kind, times: 100 });
  try {
    return await run();
  } finally {
    await h.sandbox('/_sandbox/didit/webhook-faults', undefined, 'DELETE');
  }
}

async function caseOf(sessionId: string) {
  const list = await h.call(
    `/api/cases?status=pending,needs_review,approved,rejected,expired&q=${sessionId}`,
  );
  expect(list.status).toBe(200);
  return list.body.items.find((c: { externalId: string }) => c.externalId === sessionId) ?? null;
}

/** Sends a body to our webhook endpoint signed like Didit (raw + V2 over the same ASCII body). */
async function postSigned(body: string, secret = h.webhookSecret, extraHeaders: Record<string, string> = {}) {
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  return h.call('/webhooks/didit', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signature, ...extraHeaders },
    body,
  });
}

describe('Didit webhooks from the sandbox', () => {
  it('creates a case in review with its warnings and an audit row per change', async () => {
    const session = await createSession('review_low_face_match');
    const found = await caseOf(session.session_id);
    expect(found).toMatchObject({
      provider: 'didit',
      kind: 'kyc_session',
      status: 'needs_review',
      providerStatus: 'In Review',
    });
    expect(found.warningCount).toBeGreaterThan(0);
    const trail = h.api.deps.db.sqlite
      .prepare('SELECT action, actor_type FROM audit_log WHERE case_id = ? ORDER BY id')
      .all(found.id) as { action: string; actor_type: string }[];
    expect(trail[0]).toEqual({ action: 'case.created', actor_type: 'provider' });
    expect(trail.some((row) => row.action === 'case.status_changed')).toBe(true);
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });

  it('refuses a badly signed delivery with 401 and changes nothing', async () => {
    await h.sandbox('/_sandbox/didit/webhook-faults', { kind: 'bad_signature', times: 10 });
    const before = counts();
    const session = await createSession('approve');
    await h.sandbox('/_sandbox/faults', undefined, 'DELETE');
    const deliveries = await h.sandbox('/_sandbox/didit/deliveries');
    const mine = deliveries.body.deliveries.filter((d: any) =>
      JSON.stringify(d).includes(session.session_id),
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((d: any) => d.status_code ?? d.response_status))).toEqual(new Set([401]));
    expect(counts()).toEqual(before);
    expect(await caseOf(session.session_id)).toBeNull();
  });

  it('refuses a stale delivery (signed timestamp older than 300 s) with 401', async () => {
    const before = counts();
    const session = await withWebhookFault('stale', () => createSession('approve'));
    expect(new Set((await deliveriesOf(session.session_id)).map((d) => d.status_code))).toEqual(
      new Set([401]),
    );
    expect(await caseOf(session.session_id)).toBeNull();
    expect(counts()).toEqual(before);
  });

  it('accepts a re-encoded body through the V2 canonical signature', async () => {
    const session = await withWebhookFault('reencoded', () => createSession('approve'));
    expect(new Set((await deliveriesOf(session.session_id)).map((d) => d.status_code))).toEqual(
      new Set([200]),
    );
    expect(await caseOf(session.session_id)).toMatchObject({ status: 'approved' });
  });

  it('answers malformed JSON with 400 even when its raw signature verifies, and 401 when unsigned', async () => {
    const before = counts();
    expect((await postSigned('{"event_id": "x", ')).status).toBe(400);
    expect(
      (
        await h.call('/webhooks/didit', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    expect(counts()).toEqual(before);
  });

  it('applies one delivery replayed 20 times in parallel exactly once', async () => {
    const session = await createSession('review_aml_pep');
    const deliveries = await h.sandbox('/_sandbox/didit/deliveries');
    const event = deliveries.body.deliveries.find(
      (d: any) => JSON.stringify(d).includes(session.session_id) && JSON.stringify(d).includes('In Review'),
    );
    const body =
      typeof event.request_body === 'string' ? event.request_body : JSON.stringify(event.request_body);
    const eventId = JSON.parse(body).event_id as string;
    const auditBefore = counts().audit;
    const replays = await Promise.all(
      Array.from({ length: 20 }, () => h.sandbox('/_sandbox/didit/webhooks/resend', { event_id: eventId })),
    );
    for (const replay of replays) {
      expect(replay.status).toBe(200);
      expect(replay.body.deliveries.map((d: any) => d.status_code)).toEqual([200]);
    }
    expect(counts().audit).toBe(auditBefore);
    const events = h.api.deps.db.sqlite
      .prepare('SELECT count(*) AS n FROM provider_events WHERE event_id = ?')
      .get(eventId) as { n: number };
    expect(events.n).toBe(1);
  });

  it('never lets a late "In Progress" undo a decision', async () => {
    const session = await createSession('approve');
    const approved = await caseOf(session.session_id);
    expect(approved.status).toBe('approved');
    const late = JSON.stringify({
      event_id: `late-${session.session_id}`,
      webhook_type: 'status.updated',
      timestamp: Math.floor(Date.now() / 1000),
      created_at: Math.floor(Date.now() / 1000) - 3600,
      session_id: session.session_id,
      status: 'In Progress',
    });
    expect((await postSigned(late)).status).toBe(200);
    const after = await caseOf(session.session_id);
    expect(after.status).toBe('approved');
    expect(after.version).toBe(approved.version);
  });

  it('fuzzed bodies get 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string({ maxLength: 2000 }),
          fc.constant('{"__proto__":{"polluted":true},"timestamp":1}'),
          fc.constant(`${'['.repeat(5000)}${']'.repeat(5000)}`),
        ),
        fc.boolean(),
        async (body, sign) => {
          const response = sign
            ? await postSigned(body)
            : await h.call('/webhooks/didit', {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body,
              });
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers an oversized body with 413', async () => {
    const response = await postSigned(`{"pad":"${'x'.repeat(3 * 1024 * 1024)}"}`);
    expect(response.status).toBe(413);
  });

  it("tells an applied delivery in its request's one log line: event id, outcome and case", async () => {
    const session = await createSession('approve');
    const found = await caseOf(session.session_id);
    const lines = h.logs
      .flatMap((chunk) => chunk.split('\n').filter(Boolean))
      .map((line) => JSON.parse(line));
    const deliveries = lines.filter((line) => line.path === '/webhooks/didit' && line.caseId === found.id);
    expect(deliveries.length).toBeGreaterThan(0);
    for (const line of deliveries) {
      expect(line).toMatchObject({
        msg: 'request',
        method: 'POST',
        status: 200,
        eventId: expect.any(String),
      });
      expect(typeof line.outcome).toBe('string');
    }
    // No second line per delivery.
    expect(lines.filter((line) => line.msg === 'Didit webhook')).toEqual([]);
  });

  it('never writes PII to the logs', async () => {
    const session = await createSession('review_aml_pep');
    const found = await caseOf(session.session_id);
    expect(found.subjectName).toBeTruthy();
    const detail = await h.call(`/api/cases/${found.id}`);
    expect(detail.status).toBe(200);
    const logText = h.logs.join('');
    expect(logText).not.toContain(found.subjectName);
    expect(logText).not.toContain(detail.body.documentNumber);
  });
});

describe('live updates', () => {
  it('streams case.changed over SSE once a webhook is committed', async () => {
    const controller = new AbortController();
    const response = await fetch(`${h.apiUrl}/api/events`, {
      signal: controller.signal,
      headers: { cookie: await h.cookieFor('analyst') },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await readUntil('event: ready');
    const session = await createSession('review_low_face_match');
    const found = await caseOf(session.session_id);
    await readUntil(`"id":${found.id}`);
    controller.abort();
    expect(text).toContain('event: case.changed');
    expect(text).toContain(`"id":${found.id}`);
  });
});

describe('reconciliation', () => {
  it('picks up sessions whose webhooks were lost', async () => {
    await h.sandbox('/v3/webhook/', { webhook_url: null }, 'PATCH');
    const session = await createSession('review_low_face_match');
    await h.sandbox('/v3/webhook/', { webhook_url: `${h.apiUrl}/webhooks/didit` }, 'PATCH');
    expect(await caseOf(session.session_id)).toBeNull();
    const result = await h.call('/api/reconcile', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      as: 'manager',
    });
    expect(result.status).toBe(200);
    expect(result.body[0]).toMatchObject({ provider: 'didit', errors: 0 });
    expect(result.body[0].changed).toBeGreaterThanOrEqual(1);
    expect(await caseOf(session.session_id)).toMatchObject({ status: 'needs_review' });
  });
});
