/**
 * Where one queue request's time goes, in this process and without the network: the real app's
 * `fetch` for the whole request, then each stage on its own (session look-up, query validation, the
 * page's SQL, the counts, the tag and assignee look-ups, mapping the rows, the cursors, serialisation,
 * the request log line). Each figure is the median of several batches, so a noisy machine moves it
 * less than it moves one long run. Works on a copy of the benchmark's data set (./dataset.ts).
 *
 *   BENCH_CASES=100000 pnpm --filter @backoffice/api exec tsx bench/profile-queue.ts ['/api/cases?...']
 */
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CaseListQuery } from '@backoffice/contracts';
import pino from 'pino';
import { createApp } from '../src/app';
import { loadEnv } from '../src/env';

import { DEMO_USERS } from '../src/modules/auth/demo-users';
import { resolveSession, seedDemoUsers } from '../src/modules/auth/service';
import { encodeCursor } from '../src/modules/cases/cursor';
import {
  assigneeNames,
  countByStatus,
  listCases,
  sortValueOf,
  tagsOfListedCases,
  workloadCounts,
} from '../src/modules/cases/repo';
import { listCaseSummaries, toCaseSummary } from '../src/modules/cases/service';
import { createLogger } from '../src/platform/logger';
import { buildDeps } from '../src/server';
import { datasetFile } from './dataset';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
const path = process.argv[2] ?? '/api/cases?status=needs_review';
/** Also write a V8 CPU profile of whole requests there (open it in Chrome DevTools). */
const PROFILE_FILE = process.env.BENCH_PROFILE_FILE;

async function profileTo(file: string, run: () => Promise<void>) {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((done, fail) =>
      session.post(method, params ?? {}, (error, result) => (error ? fail(error) : done(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  for (let i = 0; i < 2_000; i++) await run();
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
}

const pristine = datasetFile(ROOT, CASES);
const working = join(dirname(pristine), `profile-${CASES}.sqlite`);
for (const suffix of ['', '-wal', '-shm']) rmSync(`${working}${suffix}`, { force: true });
copyFileSync(pristine, working);

const env = loadEnv({
  DATABASE_FILE: working,
  LOG_LEVEL: 'info',
  DIDIT_BASE_URL: 'http://127.0.0.1:9',
  DIDIT_API_KEY: 'bench-not-used',
  DIDIT_WEBHOOK_SECRETS: 'bench-not-used',
  DEMO_MODE: 'true',
});
const logger = createLogger(env.LOG_LEVEL, pino.destination({ dest: '/dev/null', sync: true }));
const deps = buildDeps(env, { logger });
await seedDemoUsers(deps);
const app = createApp(deps);
const origin = 'http://127.0.0.1';
const analyst = DEMO_USERS.find((user) => user.role === 'analyst')!;
const login = await app.fetch(
  new Request(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: analyst.email, password: analyst.password }),
  }),
);
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
const token = decodeURIComponent(cookie.split('=')[1]!);
const user = resolveSession(deps, token)!.user;

/** Median over batches of the mean time of one call, in microseconds. */
async function span(name: string, run: () => unknown, iterations = 200, batches = 7) {
  for (let i = 0; i < 20; i++) await run();
  const means: number[] = [];
  for (let batch = 0; batch < batches; batch++) {
    const started = performance.now();
    for (let i = 0; i < iterations; i++) await run();
    means.push(((performance.now() - started) * 1000) / iterations);
  }
  means.sort((a, b) => a - b);
  const median = means[Math.floor(means.length / 2)]!;
  console.log(`  ${name.padEnd(48)} ${median.toFixed(0).padStart(7)} µs`);
  return median;
}

const url = new URL(path, origin);
const rawQuery = Object.fromEntries(url.searchParams);
const query = CaseListQuery.parse(rawQuery);
const { rows } = listCases(deps.db, query, null, { viewerId: user.id, now: Date.now() });
const response = listCaseSummaries(deps.db, query, user.id, Date.now());
console.log(`Where a queue request's time goes: ${CASES.toLocaleString()} cases, ${path}`);
const wholeRequest = async () => {
  const res = await app.fetch(new Request(url, { headers: { cookie } }));
  await res.arrayBuffer();
};
const whole = await span('whole request (app.fetch, body read)', wholeRequest);
if (PROFILE_FILE) await profileTo(PROFILE_FILE, wholeRequest);
const top: number[] = [];
const stages = [
  top.push(await span('session look-up (resolveSession)', () => resolveSession(deps, token))),
  top.push(await span('query validation (CaseListQuery.parse)', () => CaseListQuery.parse(rawQuery))),
  top.push(
    await span('service (SQL, look-ups, mapping, cursors)', () =>
      listCaseSummaries(deps.db, query, user.id, Date.now()),
    ),
  ),
  await span('  of which: the page (listCases)', () =>
    listCases(deps.db, query, null, { viewerId: user.id, now: Date.now() }),
  ),
  await span('  of which: status counts', () => countByStatus(deps.db, query)),
  await span('  of which: My cases and overdue counts', () => workloadCounts(deps.db, user.id, Date.now())),
  await span('  of which: tags of the page', () =>
    tagsOfListedCases(
      deps.db,
      rows.map((row) => row.id),
    ),
  ),
  await span('  of which: assignee names', () =>
    assigneeNames(
      deps.db,
      rows.map((row) => row.assigneeId),
    ),
  ),
  await span('  of which: mapping rows (toCaseSummary)', () => rows.map((row) => toCaseSummary(row))),
  await span('  of which: item cursors', () =>
    rows.map((row) =>
      encodeCursor({
        sort: query.sort,
        order: query.order,
        value: sortValueOf(row, query.sort),
        id: row.id,
        direction: 'next',
      }),
    ),
  ),
  top.push(await span('serialisation (JSON.stringify)', () => JSON.stringify(response))),
  top.push(
    await span('request log line', () =>
      logger.info({ requestId: 'x', method: 'GET', path: url.pathname, status: 200, ms: 3 }, 'request'),
    ),
  ),
];
void stages;
console.log(
  `  ${'rest (routing, middleware, Request/Response)'.padEnd(48)} ${(whole - top.reduce((a, b) => a + b, 0)).toFixed(0).padStart(7)} µs`,
);
deps.db.close();
for (const suffix of ['', '-wal', '-shm']) rmSync(`${working}${suffix}`, { force: true });
