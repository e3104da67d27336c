/**
 * `pnpm bench`: the queue and webhook ingestion measured against their ceiling in the same run.
 *
 * Four processes: this driver; the API (the production bundle serving the built SPA, ./built-api.ts); the
 * ceiling (a bare Hono route running the queue's own SQL on the same file, ./ceiling-process.ts); and
 * the load generator (autocannon, ./load-process.ts), the webhook sender (./ingest-sender.ts) or
 * Chromium timing cold loads of the queue (apps/web/bench/cold-load.ts). The driver itself times the
 * dashboard and the threshold what-if (./whatif-timing.ts, against an in-process Didit sandbox for
 * the workflow in force) with sequential requests. Last, on a stack of its own (scripts/stack.ts: the API wired to
 * the Didit sandbox, a fresh database), Chromium opens the case page of an `all_reports` session and of
 * an ordinary one (apps/web/bench/case-open.ts). Only 127.0.0.1 is
 * targeted. The data set is generated once and cached under .data/bench/ (./dataset.ts); each run
 * works on a fresh copy because ingestion writes to it. Prints req/s, the ratio to the ceiling and
 * p99 per scenario and exits non-zero when a goal (./goals.ts) is missed.
 *
 *   pnpm bench                                  # 1,000,000 cases
 *   BENCH_CASES=100000 BENCH_SECONDS=3 pnpm bench   # a quick run
 *   BENCH_ONLY=name pnpm bench                  # only scenarios whose name contains "name"
 *   BENCH_ONLY='view|sort|filter|page|identifier|name' pnpm bench   # several, separated by |
 *   BENCH_ONLY='case open' pnpm bench           # only the case page measure (BENCH_CASE_OPENS runs each)
 *   BENCH_CPU_PROF=/tmp/prof pnpm bench         # the API writes a V8 CPU profile there on exit
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { applyMigrations, openDatabase } from '@backoffice/db';
import { startDiditSandbox } from '@backoffice/sandbox';
import { startStack } from '../../../scripts/stack';
import { DEMO_USERS } from '../src/modules/auth/demo-users';
import { buildApi, startBuiltApi } from './built-api';
import { BENCH_TAGS, ensureDataset } from './dataset';
import {
  type CaseOpenResult,
  type ColdLoadResult,
  type DashboardResult,
  evaluateGoals,
  type IngestionResult,
  type LoadResult,
  ratioToCeiling,
  type ScenarioResult,
  type WhatIfTiming,
} from './goals';
import { queueScenarios, type ScenarioTerms } from './scenarios';
import { quantile, signInAs } from './sign-in';
import { timeWhatIf } from './whatif-timing';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 10_000);
const ONLY = process.env.BENCH_ONLY?.toLowerCase().split('|');
/** A measure other than a queue scenario runs when BENCH_ONLY is unset or names (part of) it. */
const measures = (what: string) => !ONLY || ONLY.some((only) => what.includes(only));
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;
const CONNECTIONS = 10;
const WEBHOOK_SECRET = 'bench-webhook-secret';
const COLD_LOAD_RUNS = Number(process.env.BENCH_COLD_LOADS ?? 7);
const CASE_OPEN_RUNS = Number(process.env.BENCH_CASE_OPENS ?? 15);
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
const WEB_DIR = join(ROOT, 'apps', 'web');
const WEB_DIST = join(WEB_DIR, 'dist');
const DAY = 86_400_000;
const DIDIT_KEY = 'bench-didit-key';

const children: ChildProcess[] = [];

/** Starts `file` under tsx in its own process and resolves with the first JSON line it prints. */
function startChild<T>(
  file: string,
  args: string[],
  options: { nodeArgs?: string[]; cwd?: string } = {},
): Promise<{ child: ChildProcess; first: T }> {
  const nodeArgs = options.nodeArgs ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(HERE, file), ...args], {
    cwd: options.cwd ?? resolve(HERE, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolvePromise({ child, first: JSON.parse(line) as T }));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before reporting`)));
  });
}

async function runChild<T>(file: string, args: string[], options: { cwd?: string } = {}): Promise<T> {
  const { child, first } = await startChild<T>(file, args, options);
  await new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
  return first;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** Resident set size of a process from /proc (Linux), in MB; 0 when it cannot be read. */
function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function load(url: string, headers: Record<string, string>): Promise<LoadResult> {
  return runChild<LoadResult>('load-process.ts', [
    JSON.stringify({ url, connections: CONNECTIONS, duration: DURATION_S, headers }),
  ]);
}

/** Search terms taken from the data itself, so "rare" and "common" stay true whatever the size. */
function pickTerms(file: string): ScenarioTerms {
  const db = openDatabase(file, { readonly: true });
  try {
    const count = (match: string) =>
      (
        db.sqlite.prepare('SELECT count(*) AS n FROM cases_fts WHERE cases_fts MATCH ?').get(match) as {
          n: number;
        }
      ).n;
    const names = db.sqlite
      .prepare(
        "SELECT subject_name AS name FROM cases WHERE id <= 3000 AND subject_name GLOB '[A-Z]* [A-Z]*'",
      )
      .pluck()
      .all() as string[];
    let rare = names[0]!.split(' ');
    let rareCount = Number.POSITIVE_INFINITY;
    for (const name of names) {
      const words = name.split(' ');
      const n = count(`"${words.at(-1)}"`);
      if (words.length === 2 && n < rareCount) [rare, rareCount] = [words, n];
    }
    const mid = Math.floor(CASES / 2);
    const row = db.sqlite
      .prepare(
        'SELECT external_id AS externalId, subject_ref AS subjectRef, document_number AS documentNumber FROM cases WHERE id = ?',
      )
      .get(mid) as { externalId: string; subjectRef: string; documentNumber: string };
    const tagId = (name: string) =>
      db.sqlite.prepare('SELECT id FROM tags WHERE name = ?').pluck().get(name) as number;
    return {
      rare,
      rareCount,
      commonCount: count('"maria"'),
      ...row,
      commonTagId: tagId(BENCH_TAGS.common),
      rareTagId: tagId(BENCH_TAGS.rare),
      assigneeId: 'bench-reviewer-1',
    };
  } finally {
    db.close();
  }
}

const DASHBOARD_RUNS = 20;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** GET /api/dashboard as a manager, sequentially, for the ranges a manager picks most. */
async function timeDashboard(url: string): Promise<DashboardResult[]> {
  const cookie = await signInAs(url, 'manager');
  const now = Date.now();
  const results: DashboardResult[] = [];
  for (const days of [30, 90, 366]) {
    const path = `/api/dashboard?from=${isoDay(now - (days - 1) * DAY)}&to=${isoDay(now)}`;
    const timings: number[] = [];
    let non2xx = 0;
    for (let run = 0; run < DASHBOARD_RUNS; run++) {
      const started = performance.now();
      const response = await fetch(`${url}${path}`, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) non2xx += 1;
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    const at = (p: number) => quantile(timings, p);
    results.push({ days, p50: at(0.5), p95: at(0.95), non2xx });
    console.log(`  measured dashboard, ${days} days: p95 ${at(0.95).toFixed(0)} ms`);
  }
  return results;
}

async function main() {
  console.log(
    `Queue benchmark: ${CASES.toLocaleString()} cases, ${DURATION_S} s per scenario, ${CONNECTIONS} connections`,
  );
  const pristine = ensureDataset(ROOT, CASES, (line) => process.stdout.write(`\r${line}`));
  // Migrations added since the data set was built are applied once, to the cached file.
  const migrating = openDatabase(pristine, { synchronous: 'NORMAL' });
  applyMigrations(migrating);
  migrating.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  migrating.close();
  const working = join(dirname(pristine), `run-${CASES}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${working}${suffix}`, { force: true });
  copyFileSync(pristine, working);
  const terms = pickTerms(working);

  const profileArgs = CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : [];
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    // The cold-load scenario needs the production SPA, served by the API as in production.
    console.log('  building the SPA for the cold-load scenario');
    execFileSync('pnpm', ['--filter', '@backoffice/web', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const didit = await startDiditSandbox({ apiKey: DIDIT_KEY, webhookSecret: WEBHOOK_SECRET });
  buildApi();
  const built = await startBuiltApi(
    {
      DATABASE_FILE: working,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      DIDIT_BASE_URL: didit.url,
      DIDIT_API_KEY: DIDIT_KEY,
      DIDIT_WEBHOOK_SECRETS: WEBHOOK_SECRET,
      RECONCILE_ON_START: 'false',
      DEMO_MODE: 'true',
      WEB_DIST_DIR: WEB_DIST,
    },
    { nodeArgs: profileArgs },
  );
  children.push(built.child);
  const api = { child: built.child, first: { url: built.url } };
  let maxRss = rssMb(api.child.pid!);
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, rssMb(api.child.pid!));
  }, 200);

  const headers = { cookie: await signInAs(api.first.url, 'analyst') };
  const viewer = (await (await fetch(`${api.first.url}/api/auth/me`, { headers })).json()) as { id: string };
  // The ceiling answers `assignee=me` for the same user the load generator signs in as.
  const ceiling = await startChild<{ url: string }>('ceiling-process.ts', [working, viewer.id]);

  const deepCursor = async () => {
    let cursor = '';
    for (let page = 0; page < 200; page++) {
      const response = await fetch(
        `${api.first.url}/api/cases?status=approved${cursor ? `&cursor=${cursor}` : ''}`,
        { headers },
      );
      cursor = ((await response.json()) as { nextCursor: string }).nextCursor;
    }
    return `/api/cases?status=approved&cursor=${cursor}`;
  };
  const scenarios = queueScenarios(terms, deepCursor);

  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    if (ONLY && !ONLY.some((only) => scenario.name.toLowerCase().includes(only))) continue;
    const path = typeof scenario.path === 'string' ? scenario.path : await scenario.path();
    const ceilingResult = await load(`${ceiling.first.url}${path}`, {});
    const apiResult = await load(`${api.first.url}${path}`, headers);
    const result = { name: scenario.name, group: scenario.group, api: apiResult, ceiling: ceilingResult };
    results.push(result);
    console.log(
      `  measured ${scenario.name}: ${apiResult.requestsPerSecond.toFixed(0)} req/s, p99 ${apiResult.p99} ms`,
    );
  }

  let ingestion: IngestionResult | null = null;
  if (measures('webhook ingestion')) {
    // The same sender as `pnpm --filter @backoffice/api bench:ingest`, pointed at this run's API and file.
    const sent = await runChild<{
      sent: number;
      acknowledged: number;
      refused: number;
      errors: number;
      stored: number;
      ratePerSecond: number;
      apiCpuMsPerDelivery: number | null;
    }>('ingest-sender.ts', [
      '--url',
      api.first.url,
      '--db',
      working,
      '--secret',
      WEBHOOK_SECRET,
      '--count',
      String(WEBHOOKS),
      '--api-pid',
      String(api.child.pid),
      '--json',
    ]);
    ingestion = {
      sent: sent.sent,
      acknowledged: sent.acknowledged,
      refused: sent.refused + sent.errors,
      stored: sent.stored,
      perSecond: sent.ratePerSecond,
      apiCpuMsPerDelivery: sent.apiCpuMsPerDelivery,
    };
  }

  const dashboard: DashboardResult[] = [];
  if (measures('dashboard')) dashboard.push(...(await timeDashboard(api.first.url)));
  const whatIf: WhatIfTiming[] = [];
  if (measures('what-if')) {
    whatIf.push(...(await timeWhatIf(api.first.url, didit.sandbox.defaultWorkflowId)));
  }

  let coldLoad: ColdLoadResult | null = null;
  if (measures('cold load')) {
    const analystUser = DEMO_USERS.find((user) => user.role === 'analyst')!;
    coldLoad = await runChild<ColdLoadResult>(
      '../../web/bench/cold-load.ts',
      [api.first.url, analystUser.email, analystUser.password, String(COLD_LOAD_RUNS)],
      { cwd: WEB_DIR },
    );
    console.log(`  measured queue cold load in Chromium: median ${coldLoad.medianMs} ms`);
  }
  clearInterval(sampler);
  maxRss = Math.max(maxRss, rssMb(api.child.pid!));
  await stop(api.child);
  await stop(ceiling.child);
  await didit.close();

  let caseOpen: CaseOpenResult | null = null;
  if (measures('case open')) {
    // Its own stack, after the benchmark API is gone: the cases come from the Didit sandbox's real
    // session flow and webhooks, which the benchmark API (no sandbox, generated rows) does not have,
    // and nothing else is loading the machine while Chromium measures.
    const stack = await startStack({ logLevel: 'warn' });
    try {
      const analystUser = DEMO_USERS.find((user) => user.role === 'analyst')!;
      caseOpen = await runChild<CaseOpenResult>(
        '../../web/bench/case-open.ts',
        [
          stack.appUrl,
          stack.diditSandboxUrl,
          stack.diditApiKey,
          analystUser.email,
          analystUser.password,
          String(CASE_OPEN_RUNS),
        ],
        { cwd: WEB_DIR },
      );
    } finally {
      await stack.stop();
    }
    console.log(
      `  measured case page in Chromium: ${caseOpen.heavyScenario} median ${caseOpen.heavyMedianMs} ms, ${caseOpen.ordinaryScenario} ${caseOpen.ordinaryMedianMs} ms`,
    );
  }

  console.log(
    `\n  ${'scenario'.padEnd(44)} ${'API req/s'.padStart(9)} ${'ceiling'.padStart(8)} ${'ratio'.padStart(6)} ${'API p99'.padStart(8)} ${'ceil p99'.padStart(8)}`,
  );
  for (const r of results) {
    console.log(
      `  ${r.name.padEnd(44)} ${r.api.requestsPerSecond.toFixed(0).padStart(9)} ${r.ceiling.requestsPerSecond.toFixed(0).padStart(8)} ${`${(ratioToCeiling(r) * 100).toFixed(0)} %`.padStart(6)} ${`${r.api.p99} ms`.padStart(8)} ${`${r.ceiling.p99} ms`.padStart(8)}`,
    );
  }
  if (ingestion) {
    console.log(
      `  ${'webhook ingestion (20 in flight)'.padEnd(44)} ${ingestion.perSecond.toFixed(0).padStart(9)}/s  ${ingestion.acknowledged} acknowledged, ${ingestion.stored} stored`,
    );
  }
  console.log(`  API peak RSS: ${maxRss.toFixed(0)} MB`);
  for (const d of dashboard) {
    console.log(
      `  ${`dashboard, ${d.days} days (${DASHBOARD_RUNS} sequential)`.padEnd(44)} ${`p50 ${d.p50.toFixed(0)} ms`.padStart(12)} ${`p95 ${d.p95.toFixed(0)} ms`.padStart(12)}`,
    );
  }
  for (const w of whatIf) {
    console.log(
      `  ${`what-if, ${w.name}, ${w.days} days`.padEnd(44)} ${`p50 ${w.p50.toFixed(0)} ms`.padStart(12)} ${`p95 ${w.p95.toFixed(0)} ms`.padStart(12)}  ${w.changed} flip`,
    );
  }
  if (coldLoad) {
    console.log(
      `  ${`queue cold load in Chromium (${coldLoad.runs.length} runs)`.padEnd(44)} ${`median ${coldLoad.medianMs} ms`.padStart(15)} ${`worst ${coldLoad.worstMs} ms`.padStart(14)}  (scripts run at ${coldLoad.medianDomReadyMs} ms, queue asked at ${coldLoad.medianQueueRequestMs} ms, answered at ${coldLoad.medianQueueResponseMs} ms)`,
    );
  }

  if (caseOpen) {
    console.log(
      `  ${`case page, ${caseOpen.heavyScenario} (${caseOpen.heavyReports} reports, ${caseOpen.heavyRuns.length} runs)`.padEnd(44)} ${`median ${caseOpen.heavyMedianMs} ms`.padStart(15)}  runs ${caseOpen.heavyRuns.join(' ')}`,
    );
    console.log(
      `  ${`case page, ${caseOpen.ordinaryScenario} (${caseOpen.ordinaryRuns.length} runs)`.padEnd(44)} ${`median ${caseOpen.ordinaryMedianMs} ms`.padStart(15)}  runs ${caseOpen.ordinaryRuns.join(' ')}`,
    );
  }

  const checks = evaluateGoals({
    scenarios: results,
    ingestion,
    maxApiRssMb: maxRss,
    dashboard,
    whatIf,
    coldLoad,
    caseOpen,
  });
  const failed = checks.filter((check) => !check.ok);
  console.log('\n  goals');
  for (const check of checks) {
    if (!check.ok || !check.name.endsWith('every response 2xx')) {
      console.log(`  ${check.ok ? '✓' : '✗'} ${check.name} (${check.detail})`);
    }
  }
  console.log(`\n${checks.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}

try {
  await main();
} catch (error) {
  console.error(error);
  for (const child of children) child.kill('SIGTERM');
  process.exit(2);
}
