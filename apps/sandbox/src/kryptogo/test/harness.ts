import { createManualClock } from '../clock';
import {
  type RunningKryptogoSandbox,
  type StartKryptogoSandboxOptions,
  startKryptogoSandbox,
} from '../server';

export const TEST_API_KEY = 'test-key-1';
export const OTHER_API_KEY = 'test-key-2';

export interface SandboxHarness {
  sandbox: RunningKryptogoSandbox;
  /** Calls the sandbox with the test key; returns status, headers and parsed JSON (or raw text). */
  call(
    method: string,
    path: string,
    body?: unknown,
    key?: string | null,
  ): Promise<{ status: number; headers: Headers; json: any }>;
  advance(seconds: number): Promise<void>;
}

/** Starts a sandbox on a random port with a manual clock; tests own time completely. */
export async function startHarness(
  options: Partial<StartKryptogoSandboxOptions> = {},
): Promise<SandboxHarness> {
  const sandbox = await startKryptogoSandbox({
    apiKeys: [TEST_API_KEY, OTHER_API_KEY],
    clock: createManualClock(),
    ...options,
  });
  const call: SandboxHarness['call'] = async (method, path, body, key = TEST_API_KEY) => {
    const headers: Record<string, string> = {};
    if (key !== null) headers['X-API-KEY'] = key;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // non-JSON answers (HTML page, malformed fault) stay as text
    }
    return { status: response.status, headers: response.headers, json };
  };
  return {
    sandbox,
    call,
    async advance(seconds) {
      const result = await call('POST', '/_sandbox/kryptogo/clock/advance', { seconds });
      if (result.status !== 200) throw new Error(`advance failed: ${result.status}`);
    },
  };
}
