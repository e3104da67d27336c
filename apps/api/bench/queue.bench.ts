/**
 * Queue endpoint benchmark: builds (once, then reuses) a SQLite file with BENCH_CASES cases and drives
 * GET /api/cases through the real app with autocannon on loopback. Prints throughput and latency per
 * scenario against its goal and exits non-zero when a goal is missed.
 *
 *   pnpm bench                      # 1,000,000 cases
 *   BENCH_CASES=200000 pnpm bench   # quicker
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMigrations, openDatabase } from '@backoffice/db';
import autocannon from 'autocannon';
import { loadEnv } from '../src/env';
import { DEMO_USERS } from '../src/modules/auth/demo-users';
import { startApi } from '../src/server';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// The data generator's version is in the name so a changed generator never reuses an old file.
const FILE = join(ROOT, '.data', 'bench', `queue-v2-${CASES}.sqlite`);

const FIRST = [
  'Ana',
  'José',
  'Müller',
  'Li',
  'Fatima',
  'Olga',
  'Kenji',
  'Aroha',
  'Chloé',
  'Ivan',
  'Sven',
  'Amara',
];
const LAST = [
  'Pérez',
  'Ünlü',
  'Schmidt',
  'Wang',
  'Haddad',
  'Petrova',
  'Sato',
  'Ngata',
  'Dubois',
  'Horvat',
  'Berg',
];
const STATUSES = ['pending', 'needs_review', 'approved', 'approved', 'approved', 'rejected', 'expired'];
const PROVIDER_STATUS: Record<string, string> = {
  pending: 'In Progress',
  needs_review: 'In Review',
  approved: 'Approved',
  rejected: 'Declined',
  expired: 'Abandoned',
};

function buildDatabase() {
  if (existsSync(FILE)) return;
  mkdirSync(dirname(FILE), { recursive: true });
  const partial = `${FILE}.partial`;
  rmSync(partial, { force: true });
  const db = openDatabase(partial, { synchronous: 'NORMAL' });
  applyMigrations(db);
  const insert = db.sqlite.prepare(`INSERT INTO cases
    (provider, kind, external_id, subject_name, subject_ref, subject_country, document_number, status, provider_status,
     risk_score, risk_band, warning_count, created_at, updated_at, version)
    VALUES (?, 'kyc_session', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
  const bands = (score: number | null) =>
    score === null
      ? null
      : score >= 100
        ? 'very_high'
        : score >= 75
          ? 'high'
          : score >= 50
            ? 'medium'
            : score >= 25
              ? 'low_medium'
              : 'low';
  // mulberry32: a small PRNG whose successive draws are independent enough that columns do not
  // correlate (an LCG here tied created_at to risk_score and made filtered pages look slow).
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const started = Date.now();
  const batch = db.sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const status = STATUSES[Math.floor(random() * STATUSES.length)]!;
      const score = random() < 0.2 ? null : Math.floor(random() * 101);
      const created = started - Math.floor(random() * 365 * 86_400_000);
      insert.run(
        random() < 0.7 ? 'didit' : 'kryptogo',
        `bench-${i.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`,
        `${FIRST[i % FIRST.length]} ${LAST[Math.floor(random() * LAST.length)]} ${i.toString(36)}`,
        `customer-${i}`,
        'ESP',
        `X${(10_000_000 + i).toString()}`,
        status,
        PROVIDER_STATUS[status]!,
        score,
        bands(score),
        Math.floor(random() * 4),
        created,
        created + 60_000,
      );
    }
  });
  for (let from = 0; from < CASES; from += 20_000) {
    batch(from, Math.min(CASES, from + 20_000));
    process.stdout.write(
      `\r  building ${Math.min(CASES, from + 20_000).toLocaleString()} / ${CASES.toLocaleString()} cases`,
    );
  }
  db.sqlite.pragma('optimize');
  db.close();
  renameSync(partial, FILE);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  console.log(`\n  built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

interface Scenario {
  name: string;
  path: string | (() => Promise<string>);
  goalP99Ms: number;
}

async function main() {
  console.log(
    `Queue benchmark: ${CASES.toLocaleString()} cases, ${DURATION_S} s per scenario, 10 connections`,
  );
  buildDatabase();
  const env = loadEnv({
    PORT: '0',
    DATABASE_FILE: FILE,
    LOG_LEVEL: 'silent',
    DIDIT_BASE_URL: 'http://127.0.0.1:9',
    DIDIT_API_KEY: 'bench-not-used',
    DIDIT_WEBHOOK_SECRETS: 'bench-not-used',
    RECONCILE_ON_START: 'false',
    DEMO_MODE: 'true',
  });
  const api = await startApi(env);
  const analyst = DEMO_USERS.find((user) => user.role === 'analyst')!;
  const login = await fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: analyst.email, password: analyst.password }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`bench sign-in failed: ${login.status}`);
  const headers = { cookie };
  const deepCursor = async () => {
    let cursor = '';
    for (let page = 0; page < 200; page++) {
      const response = await fetch(
        `${api.url}/api/cases?status=approved&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
        { headers },
      );
      cursor = ((await response.json()) as { nextCursor: string }).nextCursor;
    }
    return `/api/cases?status=approved&limit=50&cursor=${cursor}`;
  };
  const scenarios: Scenario[] = [
    {
      name: 'needs review, newest first (default view)',
      path: '/api/cases?status=needs_review',
      goalP99Ms: 30,
    },
    {
      name: 'needs review by risk, highest first',
      path: '/api/cases?status=needs_review&sort=riskScore&order=desc',
      goalP99Ms: 30,
    },
    { name: 'all cases, updated first', path: '/api/cases?sort=updatedAt', goalP99Ms: 30 },
    {
      name: 'provider + risk band + date range',
      path: '/api/cases?status=needs_review&provider=didit&riskBand=high,very_high&from=2026-01-01',
      goalP99Ms: 60,
    },
    { name: 'page 200 through a keyset cursor', path: deepCursor, goalP99Ms: 30 },
    { name: 'search a document number', path: '/api/cases?q=X10500000', goalP99Ms: 30 },
    { name: 'search a customer reference', path: '/api/cases?q=customer-123456', goalP99Ms: 30 },
    { name: 'search a name matching 1/12 of all cases', path: '/api/cases?q=chloe', goalP99Ms: 100 },
  ];
  let failed = 0;
  console.log('\n  scenario                                        req/s    p50 ms   p99 ms   goal p99');
  for (const scenario of scenarios) {
    const path = typeof scenario.path === 'string' ? scenario.path : await scenario.path();
    const result = await autocannon({
      url: `${api.url}${path}`,
      connections: 10,
      duration: DURATION_S,
      headers,
    });
    const ok = result.non2xx === 0 && result.errors === 0 && result.latency.p99 <= scenario.goalP99Ms;
    if (!ok) failed += 1;
    console.log(
      `  ${ok ? '✓' : '✗'} ${scenario.name.padEnd(46)} ${result.requests.average.toFixed(0).padStart(6)} ${String(result.latency.p50).padStart(8)} ${String(result.latency.p99).padStart(8)} ${String(scenario.goalP99Ms).padStart(8)}${result.non2xx ? `  (${result.non2xx} non-2xx)` : ''}`,
    );
  }
  const rssMb = process.memoryUsage().rss / 1_048_576;
  console.log(`\n  API process RSS after the run: ${rssMb.toFixed(0)} MB (goal ≤ 512 MB)`);
  if (rssMb > 512) failed += 1;
  await api.close();
  console.log(`\n${scenarios.length + 1 - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();
