/**
 * Dashboard endpoint timing: builds (once, then reuses) a SQLite file with BENCH_CASES cases spread over
 * the last year, a third of the decided ones with a reviewer's decision and its audit rows, then times
 * GET /api/dashboard through the real app for 30-, 90- and 366-day ranges. Exits non-zero when a p95
 * misses its goal. Standalone until the benchmark gets a shared scenario list.
 *
 *   pnpm --filter @backoffice/api exec tsx bench/dashboard.bench.ts                      # 1,000,000 cases
 *   BENCH_CASES=100000 pnpm --filter @backoffice/api exec tsx bench/dashboard.bench.ts   # quicker
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMigrations, openDatabase } from '@backoffice/db';
import { loadEnv } from '../src/env';
import { DEMO_USERS } from '../src/modules/auth/demo-users';
import { startApi } from '../src/server';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const GOAL_P95_MS = 500;
const DAY = 86_400_000;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FILE = join(ROOT, '.data', 'bench', `dashboard-v1-${CASES}.sqlite`);
const STATUSES = ['pending', 'needs_review', 'approved', 'approved', 'approved', 'rejected', 'expired'];
const REVIEWERS = ['bench-reviewer-1', 'bench-reviewer-2', 'bench-reviewer-3'];

function buildDatabase(now: number) {
  if (existsSync(FILE)) return;
  mkdirSync(dirname(FILE), { recursive: true });
  const partial = `${FILE}.partial`;
  rmSync(partial, { force: true });
  const db = openDatabase(partial, { synchronous: 'NORMAL' });
  applyMigrations(db);
  const insertCase = db.sqlite.prepare(`INSERT INTO cases
    (provider, kind, external_id, status, provider_status, risk_score, created_at, updated_at, decided_at, payload)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertAction = db.sqlite.prepare(`INSERT INTO case_actions
    (case_id, type, params, status, requested_by, requested_at, case_version, resolved_at)
    VALUES (?, ?, '{}', 'applied', ?, ?, 1, ?)`);
  // The chain is not verified here; the bench measures reads, so rows carry a placeholder hash.
  const insertAudit = db.sqlite.prepare(`INSERT INTO audit_log
    (at, actor_type, actor_id, action, case_id, before, after, prev_hash, hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', 'bench')`);
  let seed = 7;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  // A payload of realistic size, so a query that read it would show in the timings.
  const payload = JSON.stringify({ filler: 'x'.repeat(2_000) });
  const started = Date.now();
  const batch = db.sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const status = STATUSES[Math.floor(random() * STATUSES.length)]!;
      const created = now - Math.floor(random() * 365 * DAY);
      const decided =
        status === 'approved' || status === 'rejected' ? created + Math.floor(random() * 3 * DAY) : null;
      const provider = random() < 0.7 ? 'didit' : 'kryptogo';
      const id = Number(
        insertCase.run(
          provider,
          provider === 'didit' ? 'kyc_session' : 'dd_task',
          `bench-${i.toString(36)}`,
          status,
          status,
          random() < 0.2 ? null : Math.floor(random() * 101),
          created,
          decided ?? created,
          decided,
          payload,
        ).lastInsertRowid,
      );
      insertAudit.run(
        created,
        'provider',
        null,
        'case.created',
        id,
        null,
        JSON.stringify({ status: 'needs_review' }),
      );
      if (decided !== null && random() < 0.33) {
        const by = REVIEWERS[Math.floor(random() * REVIEWERS.length)]!;
        const type = status === 'approved' ? 'approve' : 'decline';
        const actionId = Number(insertAction.run(id, type, by, decided, decided + 1000).lastInsertRowid);
        insertAudit.run(
          decided,
          'user',
          by,
          'case.action_requested',
          id,
          JSON.stringify({ status: 'needs_review' }),
          JSON.stringify({ actionId, type }),
        );
      }
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

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

async function main() {
  const now = Date.now();
  console.log(`Dashboard benchmark: ${CASES.toLocaleString()} cases, ${RUNS} sequential requests per range`);
  buildDatabase(now);
  const env = loadEnv({
    PORT: '0',
    DATABASE_FILE: FILE,
    LOG_LEVEL: 'silent',
    DIDIT_BASE_URL: 'http://127.0.0.1:9',
    DIDIT_API_KEY: 'bench-not-used',
    DIDIT_WEBHOOK_SECRETS: 'bench-not-used',
    RECONCILE_ON_START: 'false',
    RECONCILE_INTERVAL_SECONDS: '0',
    DEMO_MODE: 'true',
  });
  const api = await startApi(env);
  const manager = DEMO_USERS.find((user) => user.role === 'manager')!;
  const login = await fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: manager.email, password: manager.password }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`bench sign-in failed: ${login.status}`);

  let failed = 0;
  console.log('\n  range        p50 ms   p95 ms   max ms   goal p95');
  for (const days of [30, 90, 366]) {
    const path = `/api/dashboard?from=${isoDay(now - (days - 1) * DAY)}&to=${isoDay(now)}`;
    const timings: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const response = await fetch(`${api.url}${path}`, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      timings.push(performance.now() - t0);
    }
    timings.sort((a, b) => a - b);
    const p95 = percentile(timings, 0.95);
    const ok = p95 <= GOAL_P95_MS;
    if (!ok) failed += 1;
    console.log(
      `  ${ok ? '✓' : '✗'} ${`${days} days`.padEnd(10)} ${percentile(timings, 0.5).toFixed(0).padStart(6)} ${p95.toFixed(0).padStart(8)} ${timings.at(-1)!.toFixed(0).padStart(8)} ${String(GOAL_P95_MS).padStart(10)}`,
    );
  }
  await api.close();
  process.exit(failed ? 1 : 0);
}

await main();
