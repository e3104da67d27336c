import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CircuitBreaker, ProviderError } from '../http';
import { createDiditClient } from './client';
import { IN_REVIEW_DECISION_JSON } from './decision.fixture';

interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: RecordedRequest, response: ServerResponse) => void;

const SESSION_ID = '3f1c2b9e-5d4a-4c8e-9f7a-1b2c3d4e5f60';
const API_KEY = 'test-api-key';
const PII_CANARY = 'Carmen Española';

let server: Server;
let baseUrl: string;
let handler: Handler;
let received: RecordedRequest[];

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const recorded = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(recorded);
      handler(recorded, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  handler = (_request, response) => json(response, 500, { detail: 'no handler' });
});

const client = (overrides: Partial<Parameters<typeof createDiditClient>[0]> = {}) =>
  createDiditClient({ baseUrl: `${baseUrl}/`, apiKey: API_KEY, timeoutMs: 1_000, ...overrides });

async function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('successful calls', () => {
  it('getDecision sends the API key on the slashed path and parses the decision', async () => {
    handler = (_request, response) => json(response, 200, IN_REVIEW_DECISION_JSON);
    const decision = await client().getDecision(SESSION_ID);
    expect(decision.status).toBe('In Review');
    expect(received[0]).toMatchObject({ method: 'GET', url: `/v3/session/${SESSION_ID}/decision/` });
    expect(received[0]?.headers['x-api-key']).toBe(API_KEY);
  });

  it('listSessions builds the documented query', async () => {
    handler = (_request, response) =>
      json(response, 200, {
        count: 1,
        next: null,
        previous: null,
        results: [{ session_id: SESSION_ID, status: 'In Review', session_number: 1042, vendor_data: 'c-1' }],
      });
    const page = await client().listSessions({
      limit: 50,
      offset: 100,
      statuses: ['Approved', 'In Review'],
      dateFrom: '2026-03-01',
      dateTo: '2026-03-31',
      vendorData: 'customer 8841',
      search: 'García+López',
    });
    expect(page.results[0]?.status).toBe('In Review');
    const url = new URL(received[0]?.url ?? '', baseUrl);
    expect(url.pathname).toBe('/v3/sessions/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      limit: '50',
      offset: '100',
      status: 'Approved,In Review',
      date_from: '2026-03-01',
      date_to: '2026-03-31',
      vendor_data: 'customer 8841',
      search: 'García+López',
    });
    expect(received[0]?.url).not.toContain('+');
  });

  it('updateStatus sends nodes_to_resubmit objects and refuses a resubmission without them', async () => {
    handler = (_request, response) => json(response, 200, { session_id: SESSION_ID });
    await client().updateStatus(SESSION_ID, {
      new_status: 'Resubmitted',
      comment: 'Blurry document',
      nodes_to_resubmit: [{ node_id: 'feature_ocr', feature: 'OCR' }],
    });
    expect(received[0]).toMatchObject({ method: 'PATCH', url: `/v3/session/${SESSION_ID}/update-status/` });
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({
      new_status: 'Resubmitted',
      comment: 'Blurry document',
      nodes_to_resubmit: [{ node_id: 'feature_ocr', feature: 'OCR' }],
    });
    await expect(client().updateStatus(SESSION_ID, { new_status: 'Resubmitted' })).rejects.toThrow(
      /nodes_to_resubmit/,
    );
    expect(received).toHaveLength(1);
  });

  it('deleteSession accepts 204', async () => {
    handler = (_request, response) => {
      response.writeHead(204);
      response.end();
    };
    await client().deleteSession(SESSION_ID);
    expect(received[0]).toMatchObject({ method: 'DELETE', url: `/v3/session/${SESSION_ID}/delete/` });
  });

  it('path-encodes ids so they cannot reach another route', async () => {
    handler = (_request, response) => json(response, 200, IN_REVIEW_DECISION_JSON);
    await client().getDecision('../../blocklist');
    expect(received[0]?.url).toBe('/v3/session/..%2F..%2Fblocklist/decision/');
  });

  it('generatePdf returns the bytes, and refuses a JSON answer', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/pdf' });
      response.end(pdf);
    };
    const report = await client().generatePdf(SESSION_ID);
    expect(report.contentType).toBe('application/pdf');
    expect(Buffer.from(report.bytes).equals(pdf)).toBe(true);
    expect(received[0]?.url).toBe(`/v3/session/${SESSION_ID}/generate-pdf/`);

    handler = (_request, response) => json(response, 200, {});
    expect((await failureOf(client().generatePdf(SESSION_ID))).kind).toBe('invalid_response');
  });

  it('lists workflows as a bare array or a page', async () => {
    handler = (_request, response) => json(response, 200, [{ uuid: 'wf-1', features: ['ocr'] }]);
    expect((await client().listWorkflows()).map((workflow) => workflow.uuid)).toEqual(['wf-1']);
    handler = (_request, response) =>
      json(response, 200, { count: 1, next: null, previous: null, results: [{ uuid: 'wf-2' }] });
    expect((await client().listWorkflows()).map((workflow) => workflow.uuid)).toEqual(['wf-2']);
  });
});

describe('fetchMedia', () => {
  it('downloads an image without sending the API key', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    };
    const media = await client().fetchMedia(`${baseUrl}/media/front.png?X-Amz-Signature=abc`);
    expect(media).toEqual({ bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), contentType: 'image/png' });
    expect(received[0]?.headers['x-api-key']).toBeUndefined();
  });

  it.each(['ftp://example.test/a.png', 'file:///etc/passwd', 'javascript:alert(1)', '/relative/a.png'])(
    'refuses %s without a request',
    async (url) => {
      expect((await failureOf(client().fetchMedia(url))).kind).toBe('invalid_response');
      expect(received).toHaveLength(0);
    },
  );

  it('refuses content that is not an allowed image type', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<script></script>');
    };
    expect((await failureOf(client().fetchMedia(`${baseUrl}/media/x`))).kind).toBe('invalid_response');
  });
});

describe('failure classification', () => {
  it('429 with Retry-After is rate_limited, retryable, and feeds the rate-limit tracker', async () => {
    handler = (_request, response) =>
      json(
        response,
        429,
        { detail: 'Request was throttled.' },
        { 'Retry-After': '7', 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0' },
      );
    const didit = client();
    const error = await failureOf(didit.getDecision(SESSION_ID));
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryable: true, retryAfterMs: 7_000 });
    expect(didit.rateLimits.shouldThrottle('decision')).toBe(true);
    expect(didit.rateLimits.shouldThrottle('generic-get')).toBe(false);
  });

  it('500 is a retryable server error whose message carries no body content', async () => {
    handler = (_request, response) => json(response, 500, { error: `crash while reading ${PII_CANARY}` });
    const error = await failureOf(client().getDecision(SESSION_ID));
    expect(error).toMatchObject({ kind: 'server', status: 500, retryable: true });
    expect(error.message).not.toContain(PII_CANARY);
  });

  it('404 is a permanent client error with the short detail', async () => {
    handler = (_request, response) => json(response, 404, { detail: 'Not found.' });
    const error = await failureOf(client().getDecision(SESSION_ID));
    expect(error).toMatchObject({ kind: 'client', status: 404, retryable: false, detail: 'Not found.' });
    expect(error.message).toBe('didit getDecision failed (client HTTP 404): Not found.');
  });

  it('a 400 with field errors names the fields, not the submitted values', async () => {
    handler = (_request, response) =>
      json(response, 400, { contact_details: [`${PII_CANARY} <carmen@example.test> is not valid`] });
    const error = await failureOf(client().createSession({ workflow_id: 'wf-1', vendor_data: 'c-1' }));
    expect(error).toMatchObject({ kind: 'client', status: 400, detail: 'invalid fields: contact_details' });
    expect(error.message).not.toContain(PII_CANARY);
  });

  it('a redirect is not followed (it could carry the API key elsewhere)', async () => {
    handler = (_request, response) => {
      response.writeHead(301, { location: 'http://elsewhere.test/v3/sessions/' });
      response.end();
    };
    const error = await failureOf(client().listSessions());
    expect(error).toMatchObject({ kind: 'client', status: 301, retryable: false });
    expect(received).toHaveLength(1);
  });

  it('a slow answer is a retryable timeout', async () => {
    handler = (_request, response) => {
      setTimeout(() => json(response, 200, IN_REVIEW_DECISION_JSON), 500);
    };
    const error = await failureOf(client({ timeoutMs: 100 }).getDecision(SESSION_ID));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('malformed JSON on a 200 is a retryable invalid_response', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"session_id": "3f1c', 'utf8');
    };
    const error = await failureOf(client().getDecision(SESSION_ID));
    expect(error).toMatchObject({ kind: 'invalid_response', retryable: true });
  });

  it('a schema mismatch is a permanent invalid_response listing paths, never values', async () => {
    handler = (_request, response) =>
      json(response, 200, { ...IN_REVIEW_DECISION_JSON, session_id: 42, vendor_data: { name: PII_CANARY } });
    const error = await failureOf(client().getDecision(SESSION_ID));
    expect(error).toMatchObject({ kind: 'invalid_response', retryable: false });
    expect(error.issuePaths).toEqual(['session_id', 'vendor_data']);
    expect(error.message).not.toContain(PII_CANARY);
    expect(error.message).not.toContain('42');
  });

  it('an unreachable provider is a network error, then the open circuit fails fast', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));

    const didit = client({ baseUrl: deadUrl, breaker: new CircuitBreaker({ failureThreshold: 2 }) });
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await failureOf(didit.getDecision(SESSION_ID))).toMatchObject({
        kind: 'network',
        circuitOpen: false,
      });
    }
    const fastFailure = await failureOf(didit.getDecision(SESSION_ID));
    expect(fastFailure).toMatchObject({ kind: 'network', retryable: true, circuitOpen: true });
    expect(fastFailure.retryAfterMs).toBeGreaterThan(0);
  });
});
