import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../clock.js';
import { type RunningDiditSandbox, startDiditSandbox } from './server.js';

/** Shared by the sandbox's own tests: a webhook receiver and a running sandbox on random ports. */

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Status codes to answer with, in order; 200 once exhausted. */
  respondWith: number[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const respondWith: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = respondWith.shift() ?? 200;
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/didit`,
    received,
    respondWith,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const TEST_API_KEY = 'test-api-key-0123456789';
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-abcdef';

export interface TestSandbox {
  didit: RunningDiditSandbox;
  receiver: WebhookReceiver;
  clock: ManualClock;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startTestSandbox(
  options: { abandonAfterSeconds?: number; log?: (line: string) => void } = {},
): Promise<TestSandbox> {
  const receiver = await startWebhookReceiver();
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 9, 0, 0));
  const didit = await startDiditSandbox({
    port: 0,
    apiKey: TEST_API_KEY,
    webhookUrl: receiver.url,
    webhookSecret: TEST_WEBHOOK_SECRET,
    clock,
    abandonAfterSeconds: options.abandonAfterSeconds,
    log: options.log,
  });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${didit.url}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        'x-api-key': TEST_API_KEY,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await call(method, path, body);
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    didit,
    receiver,
    clock,
    call,
    json,
    close: async () => {
      await didit.close();
      await receiver.close();
    },
  };
}

export interface ControlSession {
  session_id: string;
  session_number: number;
  status: string;
  vendor_data: string | null;
}

export async function createScenarioSession(
  sandbox: TestSandbox,
  body: Record<string, unknown>,
): Promise<ControlSession> {
  const { sessions } = await sandbox.json<{ sessions: ControlSession[] }>(
    'POST',
    '/_sandbox/didit/sessions',
    body,
  );
  return sessions[0]!;
}
