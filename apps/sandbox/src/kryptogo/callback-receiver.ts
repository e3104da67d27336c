import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCallback {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

/**
 * A tiny HTTP server that records the callbacks it receives and answers with scripted statuses
 * (default 200). Used by tests of the sandbox and of anything that consumes its callbacks.
 */
export interface CallbackReceiver {
  url: string;
  received: ReceivedCallback[];
  /** Statuses for the next responses, consumed in order; 200 once exhausted. */
  respondWith(...statuses: number[]): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const statuses: number[] = [];
  const server: Server = createServer(async (request, response) => {
    const text = await readBody(request);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the raw text: a malformed callback is itself worth asserting on
    }
    received.push({ path: request.url ?? '/', contentType: request.headers['content-type'], body });
    response.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callbacks`,
    received,
    respondWith: (...next) => statuses.push(...next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
