import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from './http';
import { fetchPayloadMedia, isPublicAddress, type MediaFetchPolicy, MediaFetchRefused } from './media-fetch';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const context = { provider: 'didit', operation: 'fetchMedia' };

/** A loopback listener that counts every TCP connection it gets, to prove a refused URL was never contacted. */
interface Listener {
  server: Server;
  port: number;
  connections: number;
  bytesSent: number;
}

async function listen(
  handle: (path: string, response: ServerResponse, self: Listener) => void,
): Promise<Listener> {
  const listener: Listener = { server: undefined as never, port: 0, connections: 0, bytesSent: 0 };
  listener.server = createServer((request, response) => handle(request.url ?? '/', response, listener));
  listener.server.on('connection', () => {
    listener.connections++;
  });
  await new Promise<void>((resolve) => listener.server.listen(0, '127.0.0.1', resolve));
  listener.port = (listener.server.address() as AddressInfo).port;
  return listener;
}

let allowed: Listener;
let target: Listener;

beforeAll(async () => {
  target = await listen((_path, response) => {
    response.writeHead(200, { 'content-type': 'image/png' });
    response.end(PNG);
  });
  allowed = await listen((path, response, self) => {
    if (path.split('?')[0] === '/image.png') {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(PNG);
    } else if (path.startsWith('/redirect?to=')) {
      response.writeHead(302, { location: decodeURIComponent(path.slice('/redirect?to='.length)) });
      response.end();
    } else if (path === '/loop') {
      response.writeHead(302, { location: '/loop' });
      response.end();
    } else if (path === '/endless') {
      // Never ends on its own: only a reader that stops at its cap gets an answer.
      response.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) self.bytesSent += chunk.length;
        if (!response.destroyed) response.once('drain', pump);
      };
      response.on('close', () => response.removeAllListeners('drain'));
      pump();
    } else {
      response.writeHead(404).end();
    }
  });
});
afterAll(async () => {
  for (const listener of [allowed, target]) {
    listener.server.closeAllConnections();
    await new Promise((resolve) => listener.server.close(resolve));
  }
});
beforeEach(() => {
  target.connections = 0;
});

const policy = (extra: Partial<MediaFetchPolicy> = {}): MediaFetchPolicy => ({
  allowedHosts: [`127.0.0.1:${allowed.port}`],
  maxBytes: 1024 * 1024,
  acceptedContentTypes: ['image/png', 'image/jpeg'],
  timeoutMs: 5_000,
  ...extra,
});

async function refusalOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MediaFetchRefused) return error.refusal;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('fetchPayloadMedia: provider media URLs cannot reach internal addresses', () => {
  it('downloads from an allowlisted host', async () => {
    const media = await fetchPayloadMedia(
      `http://127.0.0.1:${allowed.port}/image.png?X-Amz-Signature=s`,
      policy(),
      context,
    );
    expect(media).toEqual({ bytes: new Uint8Array(PNG), contentType: 'image/png' });
  });

  it.each([
    ['the metadata service', 'http://169.254.169.254/latest/meta-data/'],
    ['a private address', 'http://10.0.0.8/image.png'],
    ['IPv6 loopback', 'http://[::1]:8080/image.png'],
    ['an unlisted host', 'https://evil.example/image.png'],
    ['the allowed host on another port', 'http://127.0.0.1:1/image.png'],
  ])('refuses %s as host_not_allowed', async (_name, url) => {
    expect(await refusalOf(fetchPayloadMedia(url, policy(), context))).toBe('host_not_allowed');
  });

  it('refuses an unlisted loopback port without contacting it', async () => {
    const url = `http://127.0.0.1:${target.port}/image.png`;
    expect(await refusalOf(fetchPayloadMedia(url, policy(), context))).toBe('host_not_allowed');
    expect(target.connections).toBe(0);
  });

  it.each([
    ['loopback', [{ address: '127.0.0.1', family: 4 }]],
    ['link-local (metadata)', [{ address: '169.254.169.254', family: 4 }]],
    ['private 10/8', [{ address: '10.1.2.3', family: 4 }]],
    ['IPv6 loopback', [{ address: '::1', family: 6 }]],
    ['IPv4-mapped loopback', [{ address: '::ffff:127.0.0.1', family: 6 }]],
    [
      'public and private mixed',
      [
        { address: '93.184.215.14', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ],
    ],
  ])(
    'refuses an allowlisted name that resolves to %s, after DNS, without connecting',
    async (_name, addresses) => {
      const lookups: string[] = [];
      const result = fetchPayloadMedia(
        `http://media.example.test:${target.port}/image.png`,
        policy({
          allowedHosts: [`media.example.test:${target.port}`],
          lookup: async (hostname) => {
            lookups.push(hostname);
            return addresses;
          },
        }),
        context,
      );
      expect(await refusalOf(result)).toBe('address_not_public');
      expect(lookups).toEqual(['media.example.test']);
      expect(target.connections).toBe(0);
    },
  );

  it('re-checks every redirect hop: an allowed host redirecting to an internal one is refused, the target never contacted', async () => {
    for (const to of [
      `http://127.0.0.1:${target.port}/image.png`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/image.png',
    ]) {
      const url = `http://127.0.0.1:${allowed.port}/redirect?to=${encodeURIComponent(to)}`;
      expect(await refusalOf(fetchPayloadMedia(url, policy(), context))).toBe('host_not_allowed');
    }
    // A redirect to an allowlisted name is resolved and checked like the first hop.
    const viaName = `http://127.0.0.1:${allowed.port}/redirect?to=${encodeURIComponent(`http://localhost:${target.port}/image.png`)}`;
    const refusal = await refusalOf(
      fetchPayloadMedia(
        viaName,
        policy({ allowedHosts: [`127.0.0.1:${allowed.port}`, `localhost:${target.port}`] }),
        context,
      ),
    );
    expect(refusal).toBe('address_not_public');
    expect(target.connections).toBe(0);
  });

  it('follows a bounded number of redirects', async () => {
    const url = `http://127.0.0.1:${allowed.port}/loop`;
    expect(await refusalOf(fetchPayloadMedia(url, policy({ maxRedirects: 3 }), context))).toBe(
      'too_many_redirects',
    );
  });

  it('cuts an oversized image at the cap while streaming', async () => {
    allowed.bytesSent = 0;
    const url = `http://127.0.0.1:${allowed.port}/endless`;
    expect(await refusalOf(fetchPayloadMedia(url, policy({ maxBytes: 256 * 1024 }), context))).toBe(
      'too_large',
    );
    // The server kept writing until the reader hung up: well under what an unbounded read would take.
    expect(allowed.bytesSent).toBeLessThan(64 * 1024 * 1024);
  });

  it('classifies a non-2xx answer as a ProviderError, not a refusal', async () => {
    const error = await fetchPayloadMedia(
      `http://127.0.0.1:${allowed.port}/missing`,
      policy(),
      context,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).not.toBeInstanceOf(MediaFetchRefused);
    expect(error.status).toBe(404);
  });
});

describe('isPublicAddress (ipaddr.js ranges)', () => {
  it.each([
    ['93.184.215.14', true],
    ['2606:2800:220:1:248:1893:25c8:1946', true],
    ['127.0.0.1', false],
    ['10.0.0.1', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fe80::1', false],
    ['fc00::1', false],
    ['::ffff:10.0.0.1', false],
    ['not an address', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});
