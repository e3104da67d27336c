import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';

/** Loopback listeners only: a refused URL must never reach `target`, and no test sends traffic off-host. */
interface Listener {
  server: Server;
  port: number;
  connections: number;
}

async function listen(handle: (path: string, response: ServerResponse) => void): Promise<Listener> {
  const listener: Listener = {
    server: createServer((request, response) => handle(request.url ?? '/', response)),
    port: 0,
    connections: 0,
  };
  listener.server.on('connection', () => {
    listener.connections++;
  });
  await new Promise<void>((resolve) => listener.server.listen(0, '127.0.0.1', resolve));
  listener.port = (listener.server.address() as AddressInfo).port;
  return listener;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
let h: Harness;
let target: Listener;
let provider: Listener;
let caseId: number;
let originalPayload: string;

beforeAll(async () => {
  target = await listen((_path, response) => {
    response.writeHead(200, { 'content-type': 'image/png' });
    response.end(PNG);
  });
  // Stands for an allowlisted provider media host that misbehaves.
  provider = await listen((path, response) => {
    if (path.startsWith('/redirect?to=')) {
      response.writeHead(302, { location: decodeURIComponent(path.slice('/redirect?to='.length)) });
      response.end();
    } else if (path === '/big.png') {
      response.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.alloc(256 * 1024, 7);
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) {}
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    } else {
      response.writeHead(404).end();
    }
  });
  h = await startHarness({
    extraEnv: (sandbox) => ({
      // The sandbox, the misbehaving provider host, and a *name* for the target's port: names must resolve
      // to public addresses, so `localhost` is refused after DNS even though it is listed.
      DIDIT_MEDIA_HOSTS: `${new URL(sandbox.url).host},127.0.0.1:${provider.port},localhost:${target.port}`,
    }),
  });
  const created = await h.sandbox('/_sandbox/didit/sessions', { scenario: 'review_aml_pep' });
  expect(created.status).toBe(201);
  const queue = await h.call('/api/cases?status=needs_review');
  caseId = queue.body.items[0].id;
  originalPayload = (
    h.api.deps.db.sqlite.prepare('SELECT payload FROM cases WHERE id = ?').get(caseId) as {
      payload: string;
    }
  ).payload;
});
afterAll(async () => {
  await h?.close();
  for (const listener of [target, provider]) {
    listener?.server.closeAllConnections();
    await new Promise((resolve) => listener?.server.close(resolve));
  }
});
beforeEach(() => {
  target.connections = 0;
  h.api.deps.db.sqlite.prepare('UPDATE cases SET payload = ? WHERE id = ?').run(originalPayload, caseId);
});

/** As if the provider's payload had carried this front-image URL. */
function storeFrontImageUrl(url: string) {
  const payload = JSON.parse(originalPayload);
  payload.id_verifications[0].front_image = url;
  h.api.deps.db.sqlite
    .prepare('UPDATE cases SET payload = ? WHERE id = ?')
    .run(JSON.stringify(payload), caseId);
}

const mediaViews = () =>
  (
    h.api.deps.db.sqlite
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'case.media_viewed'")
      .get() as { n: number }
  ).n;

describe('GET /api/cases/:id/media/:key never fetches internal or unlisted addresses', () => {
  it('serves the sandbox image: the default allowlist holds the provider host', async () => {
    const before = mediaViews();
    const response = await fetch(`${h.apiUrl}/api/cases/${caseId}/media/front_image`, {
      headers: { cookie: await h.cookieFor('analyst') },
    });
    expect(response.status).toBe(200);
    expect(mediaViews()).toBe(before + 1);
  });

  it.each([
    ['the metadata service', () => 'http://169.254.169.254/latest/meta-data/iam/'],
    ['a private address', () => 'http://10.0.0.8/front.png'],
    ['IPv6 loopback', () => `http://[::1]:${target.port}/front.png`],
    ['an unlisted loopback port', () => `http://127.0.0.1:${target.port}/front.png`],
    ['an unlisted host', () => 'https://attacker.example/front.png'],
    ['a listed name that resolves to loopback', () => `http://localhost:${target.port}/front.png`],
    [
      'a redirect from an allowed host to an internal one',
      () =>
        `http://127.0.0.1:${provider.port}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${target.port}/x.png`)}`,
    ],
    [
      'a redirect from an allowed host to the metadata service',
      () => `http://127.0.0.1:${provider.port}/redirect?to=${encodeURIComponent('http://169.254.169.254/')}`,
    ],
  ])('refuses %s with 502 media_url_refused, no contact, no audit row', async (_name, url) => {
    storeFrontImageUrl(url());
    const before = mediaViews();
    const { status, body } = await h.call(`/api/cases/${caseId}/media/front_image`);
    expect(status).toBe(502);
    expect(body).toMatchObject({ code: 'media_url_refused', requestId: expect.any(String) });
    expect(target.connections).toBe(0);
    expect(mediaViews()).toBe(before);
  });

  it('cuts an oversized image at the cap and answers 502 media_too_large', async () => {
    storeFrontImageUrl(`http://127.0.0.1:${provider.port}/big.png`);
    const before = mediaViews();
    const { status, body } = await h.call(`/api/cases/${caseId}/media/front_image`);
    expect(status).toBe(502);
    expect(body.code).toBe('media_too_large');
    expect(mediaViews()).toBe(before);
  });
});
