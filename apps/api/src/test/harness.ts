import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createKryptogoManualClock,
  type RunningKryptogoSandbox,
  startDiditSandbox,
  startKryptogoSandbox,
} from '@backoffice/sandbox';
import { inject } from 'vitest';
import { loadEnv } from '../env';
import { DEMO_USERS } from '../modules/auth/service';
import { createLogger } from '../platform/logger';
import { type StartedApi, startApi } from '../server';
import { capturedLogs } from './captured-logs';

/**
 * The harness's requests each use their own connection. The API, the sandboxes and the test share one
 * event loop: a test that holds it for seconds (a bulk insert) lets the server time out an idle
 * keep-alive socket, and the next request sent on that socket failed with ECONNRESET.
 */
const FRESH_CONNECTION = { connection: 'close' } as const;

export type TestRole = 'analyst' | 'analyst2' | 'manager' | 'admin';

export interface Harness {
  api: StartedApi;
  apiUrl: string;
  sandboxUrl: string;
  sandboxKey: string;
  webhookSecret: string;
  /** Everything the API logged, for PII checks. */
  logs: string[];
  /** Call to the API signed in as a role (default: analyst); `as: null` sends no session. */
  call(path: string, init?: RequestInit & { as?: TestRole | null }): Promise<{ status: number; body: any }>;
  /** Session cookie header of a demo user, signing in on first use. */
  cookieFor(role: TestRole): Promise<string>;
  /** JSON call to a sandbox control or provider endpoint with the sandbox key. */
  sandbox(path: string, body?: unknown, method?: string): Promise<{ status: number; body: any }>;
  /** Present when started with `kryptogo: true`: an in-process KryptoGO sandbox the API is configured for. */
  kryptogo: KryptogoHarness | null;
  /**
   * Stops the API (as a deploy or crash-restart would, gracefully) and starts a new one on the same
   * database file and sandboxes; `api`, `apiUrl` and the sandbox's webhook URL follow the new process.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface KryptogoHarness {
  sandbox: RunningKryptogoSandbox;
  url: string;
  key: string;
  /** The API's callback URL, to give to sandbox scenarios. */
  callbackUrl: string;
  /** JSON call to the KryptoGO sandbox (provider or `/_sandbox/kryptogo/…` control routes) with its key. */
  call(path: string, body?: unknown, method?: string): Promise<{ status: number; body: any }>;
}

/**
 * The real API on a temporary SQLite file, talking over HTTP to a real Didit sandbox on a random port.
 * The sandbox learns the webhook URL the way a Didit account does: through `PATCH /v3/webhook/`.
 */
export async function startHarness(
  options: {
    now?: () => number;
    kryptogo?: boolean;
    /** More API variables, given the Didit sandbox's URL (e.g. an allowlist that includes it). */
    extraEnv?: (sandbox: { url: string }) => Record<string, string>;
    /** Extra environment, e.g. TRUSTED_PROXIES or PUBLIC_BASE_URL. */
    env?: Record<string, string>;
  } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'api-test-'));
  const databaseFile = join(dir, 'test.sqlite');
  // Already migrated by the test run's global setup (src/test/global-setup.ts).
  copyFileSync(inject('migratedDatabaseFile'), databaseFile);
  const sandboxKey = `test_${randomBytes(12).toString('hex')}`;
  const webhookSecret = `test_whsec_${randomBytes(16).toString('hex')}`;
  const sandbox = await startDiditSandbox({ port: 0, apiKey: sandboxKey, webhookUrl: null, webhookSecret });
  const kryptogoKey = `kgo_${randomBytes(12).toString('hex')}`;
  const kryptogoSandbox = options.kryptogo
    ? // The sandbox's own manual clock (it moves only with `/_sandbox/kryptogo/clock/advance`).
      await startKryptogoSandbox({ port: 0, apiKeys: [kryptogoKey], clock: createKryptogoManualClock() })
    : null;
  const { logs, sink } = capturedLogs();
  const env = loadEnv({
    PORT: '0',
    DATABASE_FILE: databaseFile,
    LOG_LEVEL: 'info',
    DIDIT_BASE_URL: sandbox.url,
    DIDIT_API_KEY: sandboxKey,
    DIDIT_WEBHOOK_SECRETS: webhookSecret,
    DIDIT_TIMEOUT_MS: '3000',
    RECONCILE_ON_START: 'false',
    // Tests that want periodic reconciliation ask for it (options.env); it would race the others.
    RECONCILE_INTERVAL_SECONDS: '0',
    DEMO_MODE: 'true',
    ...options.extraEnv?.({ url: sandbox.url }),
    ...(kryptogoSandbox
      ? {
          KRYPTOGO_BASE_URL: kryptogoSandbox.url,
          KRYPTOGO_API_KEY: kryptogoKey,
          KRYPTOGO_TIMEOUT_MS: '3000',
          // The sandbox's default KYC and KYB search settings.
          KRYPTOGO_KYC_SEARCH_SETTING_ID: '1',
          KRYPTOGO_KYB_SEARCH_SETTING_ID: '2',
        }
      : {}),
    ...options.env,
  });
  const launch = () =>
    startApi(env, {
      logger: createLogger('info', sink),
      ...(options.now ? { now: options.now } : {}),
    });
  let api = await launch();

  const sandboxCall = keyedJsonCall(sandbox.url, sandboxKey);
  const pointSandboxAtApi = async () => {
    const configured = await sandboxCall(
      '/v3/webhook/',
      { webhook_url: `${api.url}/webhooks/didit` },
      'PATCH',
    );
    if (configured.status !== 200)
      throw new Error(`could not configure the sandbox webhook: ${configured.status}`);
  };
  await pointSandboxAtApi();

  const kryptogo: KryptogoHarness | null = kryptogoSandbox
    ? {
        sandbox: kryptogoSandbox,
        url: kryptogoSandbox.url,
        key: kryptogoKey,
        callbackUrl: `${api.url}/webhooks/kryptogo`,
        call: keyedJsonCall(kryptogoSandbox.url, kryptogoKey),
      }
    : null;

  const cookies = new Map<TestRole, string>();
  const cookieFor = async (role: TestRole) => {
    const known = cookies.get(role);
    if (known) return known;
    const user = DEMO_USERS.find((u) => u.email.startsWith(`${role}@`))!;
    const response = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { ...FRESH_CONNECTION, 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (response.status !== 200 || !cookie) throw new Error(`sign-in as ${role} failed: ${response.status}`);
    cookies.set(role, cookie);
    return cookie;
  };

  const harness: Harness = {
    api,
    cookieFor,
    apiUrl: api.url,
    sandboxUrl: sandbox.url,
    sandboxKey,
    webhookSecret,
    logs,
    async call(path, init = {}) {
      const { as = 'analyst', ...rest } = init;
      const headers = new Headers(rest.headers);
      if (as) headers.set('cookie', await cookieFor(as));
      for (const [name, value] of Object.entries(FRESH_CONNECTION)) headers.set(name, value);
      const response = await fetch(`${api.url}${path}`, { ...rest, headers });
      const text = await response.text();
      return { status: response.status, body: text ? safeJson(text) : null };
    },
    sandbox: sandboxCall,
    kryptogo,
    async restart() {
      await api.close();
      api = await launch();
      harness.api = api;
      harness.apiUrl = api.url;
      // Sessions live in the database, so the signed-in cookies stay valid across the restart.
      await pointSandboxAtApi();
    },
    async close() {
      const unaudited = caseVersionsWithoutAudit(api);
      await api.close();
      await sandbox.close();
      await kryptogoSandbox?.close();
      rmSync(dir, { recursive: true, force: true });
      if (unaudited) throw new Error(`cases changed without an audit row: ${unaudited}`);
    },
  };
  return harness;
}

/**
 * The runtime half of "a case write cannot skip its audit row" (the static half is cases/writes.test.ts):
 * every version a case went through after its first has at least one audit row that is not a read.
 * Checked when a test closes its harness, so every API test that changes cases checks it for free.
 */
function caseVersionsWithoutAudit(api: StartedApi): string | null {
  const rows = api.deps.db.sqlite
    .prepare(
      `SELECT c.id, c.version,
         (SELECT count(*) FROM audit_log a WHERE a.case_id = c.id
            AND a.action NOT IN ('case.created', 'case.viewed', 'case.media_viewed', 'case.report_downloaded')) AS changes
       FROM cases c`,
    )
    .all() as { id: number; version: number; changes: number }[];
  const unaudited = rows.filter((row) => row.version - 1 > row.changes);
  return unaudited.length > 0 ? JSON.stringify(unaudited.slice(0, 5)) : null;
}

/**
 * JSON calls to a sandbox, provider or `/_sandbox/…` control routes alike, with its API key: GET without
 * a body, POST with one unless told otherwise. The answer's body is parsed when it is JSON.
 */
function keyedJsonCall(baseUrl: string, apiKey: string) {
  return async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...FRESH_CONNECTION,
        'x-api-key': apiKey,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? safeJson(text) : null };
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
