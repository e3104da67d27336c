/**
 * Webhook ingestion throughput: sends N distinct signed Didit `status.updated` deliveries with a fixed
 * number in flight, from its own process, then counts what the API stored. Signed exactly as the Didit
 * sandbox signs (same helper), so the API does its full verification on every delivery.
 *
 *   pnpm --filter @backoffice/api bench:ingest                       # starts its own API on a temp DB
 *   pnpm --filter @backoffice/api bench:ingest -- --count 50000 --min-rate 1750
 *   pnpm --filter @backoffice/api bench:ingest -- --url http://127.0.0.1:3000 --db .data/x.sqlite \
 *     --secret "$DIDIT_WEBHOOK_SECRET"                               # against an API already running
 *
 * Options: --count N (20000, at most 200000), --concurrency N (20), --max-seconds S (60, sending stops
 * there), --min-rate R (exit 1 below it), --log-level L (API's LOG_LEVEL when started here, default
 * info), --api-pid P (the API's process, to read its CPU time when it was not started here), --json (one
 * JSON line instead of the table). Exits 1 when any acknowledged event is missing.
 * Only loopback addresses are accepted: this is a load generator.
 *
 * Every delivery is signed before the clock starts: on a machine with few cores the sender's own HMACs
 * would otherwise take CPU from the API it measures. The API's CPU time per delivery (user + system,
 * Linux only) is printed beside the rate, because on a shared machine it moves far less than the rate.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '@backoffice/db';
import { signWebhookPayload } from '@backoffice/sandbox';
import { type BuiltApi, buildApi, startBuiltApi } from './built-api';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface IngestRunOptions {
  count: number;
  concurrency: number;
  maxSeconds: number;
  url?: string;
  db?: string;
  secret?: string;
  logLevel: string;
  apiPid?: number;
}

export interface IngestRunResult {
  sent: number;
  acknowledged: number;
  refused: number;
  errors: number;
  stored: number | null;
  lost: number | null;
  seconds: number;
  ratePerSecond: number;
  /** The API's CPU time (user + system) over the sending window per acknowledged delivery; null off Linux. */
  apiCpuMsPerDelivery: number | null;
  statusCounts: Record<string, number>;
}

/** More would hold a large share of memory in pre-signed bodies (about 700 bytes each). */
export const MAX_COUNT = 200_000;

/** Clock ticks per second of /proc/<pid>/stat's times: USER_HZ, 100 on every Linux the API targets. */
const USER_HZ = 100;

/** User plus system CPU time of a process in milliseconds, or null where /proc cannot tell. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

/** The built API (./built-api.ts) on a fresh database file, only its Didit ingress in use. */
function startApi(databaseFile: string, secret: string, logLevel: string): Promise<BuiltApi> {
  buildApi();
  return startBuiltApi({
    DATABASE_FILE: databaseFile,
    LOG_LEVEL: logLevel,
    // Nothing listens there: only the deliveries drive this run, no re-read reaches a provider.
    DIDIT_BASE_URL: 'http://127.0.0.1:9',
    DIDIT_API_KEY: 'ingest-bench',
    DIDIT_WEBHOOK_SECRETS: secret,
    RECONCILE_ON_START: 'false',
  });
}

function assertLoopback(url: string): URL {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' || !LOOPBACK_HOSTS.has(parsed.hostname)) {
    throw new Error(`--url must be http on a loopback address, got ${url}`);
  }
  return parsed;
}

function post(agent: Agent, target: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(
      target,
      { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

function countStored(databaseFile: string, eventIds: readonly string[]): number {
  const db = openDatabase(databaseFile, { readonly: true });
  try {
    const stored = new Set(
      (
        db.sqlite.prepare("SELECT event_id FROM provider_events WHERE provider = 'didit'").all() as {
          event_id: string;
        }[]
      ).map((row) => row.event_id),
    );
    return eventIds.filter((id) => stored.has(id)).length;
  } finally {
    db.close();
  }
}

export async function runIngestBenchmark(options: IngestRunOptions): Promise<IngestRunResult> {
  const secret = options.secret ?? `ingest-bench-${randomUUID()}`;
  let child: ChildProcess | null = null;
  let tempDir: string | null = null;
  let url = options.url;
  let databaseFile = options.db;
  try {
    if (!url) {
      tempDir = mkdtempSync(join(tmpdir(), 'ingest-bench-'));
      databaseFile = join(tempDir, 'backoffice.sqlite');
      const api = await startApi(databaseFile, secret, options.logLevel);
      child = api.child;
      url = api.url;
    }
    const target = new URL('/webhooks/didit', assertLoopback(url));
    const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
    const runId = randomUUID().slice(0, 8);
    const acknowledgedIds: string[] = [];
    const statusCounts: Record<string, number> = {};
    let refused = 0;
    let errors = 0;
    const deliveries = Array.from({ length: options.count }, (_, i) => {
      const eventId = randomUUID();
      const timestamp = Math.floor(Date.now() / 1000);
      const signed = signWebhookPayload(
        {
          event_id: eventId,
          webhook_type: 'status.updated',
          session_id: `bench-${runId}-${i}`,
          status: 'In Progress',
          created_at: timestamp,
          timestamp,
        },
        secret,
      );
      const headers = {
        'Content-Type': 'application/json',
        'X-Signature': signed.signature,
        'X-Signature-V2': signed.signatureV2,
        'X-Signature-Simple': signed.signatureSimple,
        'X-Timestamp': String(timestamp),
      };
      return { eventId, body: signed.rawBody, headers };
    });
    const apiPid = options.apiPid ?? child?.pid;
    const cpuBefore = apiPid === undefined ? null : processCpuMs(apiPid);
    let next = 0;
    const startedAt = performance.now();
    const stopAt = startedAt + options.maxSeconds * 1000;

    const sendOne = async (i: number) => {
      const delivery = deliveries[i]!;
      try {
        const status = await post(agent, target, delivery.body, delivery.headers);
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
        if (status >= 200 && status < 300) acknowledgedIds.push(delivery.eventId);
        else refused++;
      } catch {
        errors++;
      }
    };
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.count && performance.now() < stopAt) await sendOne(next++);
      }),
    );
    const seconds = (performance.now() - startedAt) / 1000;
    const cpuAfter = apiPid === undefined ? null : processCpuMs(apiPid);
    agent.destroy();
    const stored = databaseFile ? countStored(databaseFile, acknowledgedIds) : null;
    return {
      sent: next,
      acknowledged: acknowledgedIds.length,
      refused,
      errors,
      stored,
      lost: stored === null ? null : acknowledgedIds.length - stored,
      seconds,
      ratePerSecond: acknowledgedIds.length / seconds,
      apiCpuMsPerDelivery:
        cpuBefore === null || cpuAfter === null || acknowledgedIds.length === 0
          ? null
          : (cpuAfter - cpuBefore) / acknowledgedIds.length,
      statusCounts,
    };
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${value}`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      count: { type: 'string' },
      concurrency: { type: 'string' },
      'max-seconds': { type: 'string' },
      'min-rate': { type: 'string' },
      url: { type: 'string' },
      db: { type: 'string' },
      secret: { type: 'string' },
      'log-level': { type: 'string' },
      'api-pid': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.url && !values.secret)
    throw new Error('--url needs --secret (one of the API DIDIT_WEBHOOK_SECRETS)');
  const minRate = values['min-rate'] === undefined ? null : positive('min-rate', values['min-rate'], 0);
  const count = Math.floor(positive('count', values.count, 20_000));
  if (count > MAX_COUNT) throw new Error(`--count is at most ${MAX_COUNT}, got ${count}`);
  const result = await runIngestBenchmark({
    count,
    concurrency: Math.floor(positive('concurrency', values.concurrency, 20)),
    maxSeconds: positive('max-seconds', values['max-seconds'], 60),
    url: values.url,
    db: values.db,
    secret: values.secret,
    logLevel: values['log-level'] ?? 'info',
    apiPid:
      values['api-pid'] === undefined ? undefined : Math.floor(positive('api-pid', values['api-pid'], 0)),
  });
  if (values.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(
      [
        `sent          ${result.sent}`,
        `acknowledged  ${result.acknowledged} (2xx)`,
        `refused       ${result.refused} (non-2xx: ${JSON.stringify(result.statusCounts)})`,
        `errors        ${result.errors} (connection)`,
        `stored        ${result.stored ?? 'not counted (no --db)'}`,
        `lost          ${result.lost ?? 'unknown'}`,
        `seconds       ${result.seconds.toFixed(2)}`,
        `rate          ${result.ratePerSecond.toFixed(0)} acknowledged/s`,
        `API CPU       ${result.apiCpuMsPerDelivery === null ? 'not measured' : `${result.apiCpuMsPerDelivery.toFixed(3)} ms per delivery`}`,
      ].join('\n'),
    );
  }
  const failures: string[] = [];
  if (result.lost !== null && result.lost > 0) failures.push(`${result.lost} acknowledged events not stored`);
  if (minRate !== null && result.ratePerSecond < minRate)
    failures.push(`rate ${result.ratePerSecond.toFixed(0)}/s below ${minRate}/s`);
  if (failures.length > 0) {
    console.error(`FAIL: ${failures.join('; ')}`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
