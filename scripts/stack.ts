/**
 * Starts the whole product on this machine: the Didit sandbox and the API (serving the built SPA), each
 * a separate process in its own process group, wired together only through HTTP, URLs and secrets —
 * exactly as the API would be wired to the real provider. Used by the start command and by the e2e tests.
 * When either process dies, the command says which and how, stops the other and exits 1: a half-running
 * stack with a dead URL is worse than none.
 *
 *   node --import tsx scripts/stack.ts [--demo] [--built] [--port 3000] [--sandbox-port 4101] [--data-dir .data] [--no-web]
 *
 * --built runs the API and the sandboxes from their builds (`node apps/<app>/dist/main.js`, made by
 * `pnpm build`) instead of their TypeScript sources under tsx.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_USERS } from '../apps/api/src/modules/auth/demo-users';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * TypeScript sources run as `node --import tsx`, one process each, not under the tsx command: that one is a
 * parent that relays signals and SIGKILLs its node child when the child does not acknowledge a signal
 * within 30 ms (easily missed on a loaded machine), so the child never shuts down cleanly, and a killed
 * orchestrator leaves the API and the sandbox running.
 */
export const TS_NODE_ARGS = ['--import', 'tsx'];

export interface StackOptions {
  /** Create demo sessions through the sandbox's HTTP flows once everything is up. */
  seed?: boolean;
  /** 0 = a free port. */
  port?: number;
  sandboxPort?: number;
  /** Where the SQLite file lives; a fresh temporary folder when omitted (removed on stop). */
  dataDir?: string;
  /** Serve apps/web/dist; false runs the API alone. */
  serveWeb?: boolean;
  logLevel?: string;
  /** Print child output (the start command does; tests keep it in a buffer for failures). */
  inheritOutput?: boolean;
  /** `built`: run apps/<app>/dist/main.js with node (after `pnpm build`); `source` (default): tsx on src/. */
  runtime?: 'source' | 'built';
}

/** How a child process of the stack ended without being asked to. */
export interface ChildExit {
  name: string;
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Stack {
  appUrl: string;
  diditSandboxUrl: string;
  diditApiKey: string;
  kryptogoSandboxUrl: string;
  kryptogoApiKey: string;
  dittoSandboxUrl: string;
  dittoControlKey: string;
  databaseFile: string;
  processes: ReadonlyArray<{ name: string; pid: number }>;
  /** Settles when a child exits on its own (crash, kill -9); never while the stack is up or being stopped. */
  died: Promise<ChildExit>;
  stop(): Promise<void>;
}

/** Demo population: every status a reviewer meets, produced by the sandbox's own lifecycle. */
export const DEMO_SCENARIOS: ReadonlyArray<{ scenario: string; count: number }> = [
  { scenario: 'review_low_face_match', count: 4 },
  { scenario: 'review_aml_pep', count: 4 },
  { scenario: 'approve', count: 6 },
  { scenario: 'decline_expired_doc', count: 3 },
  { scenario: 'decline_liveness_attack', count: 2 },
  { scenario: 'decline_blocklisted', count: 1 },
  { scenario: 'abandon', count: 2 },
  { scenario: 'in_progress', count: 3 },
  { scenario: 'expire', count: 1 },
  { scenario: 'all_reports', count: 1 },
];

/**
 * `count` distinct free ports. Each is held open until all are chosen: a port closed and asked for again
 * can come back from the OS, and two sandboxes handed the same port fail at start (EADDRINUSE).
 */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolveServer, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolveServer(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((closed) => server.close(closed))));
  return ports;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

interface Child {
  name: string;
  process: ChildProcess;
  output: string[];
  /** Settles once the process has exited, for whatever reason. */
  exited: Promise<ChildExit>;
}

export function describeExit(exit: ChildExit): string {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  return `${exit.name} (pid ${exit.pid}) ${how}`;
}

/**
 * Whether any process of the group still runs. A zombie (dead, not yet reaped by its parent, which for an
 * orphan may be an init that never reaps) holds no port and counts as gone.
 */
export function processGroupAlive(pgid: number): boolean {
  if (existsSync('/proc/self/stat')) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // exited while we looked
      }
      // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses, so split after the last ')'.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') return true;
    }
    return false;
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function childCommand(name: string, runtime: 'source' | 'built'): [string, string[]] {
  if (runtime === 'source') return [process.execPath, [...TS_NODE_ARGS, `apps/${name}/src/main.ts`]];
  const built = join(ROOT, 'apps', name, 'dist', 'main.js');
  if (!existsSync(built))
    throw new Error(`apps/${name}/dist/main.js is missing: build it first (pnpm build).`);
  return [process.execPath, ['--enable-source-maps', built]];
}

function startChild(
  name: string,
  runtime: 'source' | 'built',
  env: Record<string, string>,
  inherit: boolean,
): Child {
  const [command, args] = childCommand(name, runtime);
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    // Own process group, so stopping the stack also stops anything the child started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let partialLine = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    output.push(text);
    if (output.length > 500) output.shift();
    if (!inherit) return;
    // Prefix whole lines only: a chunk can end in the middle of one.
    const lines = (partialLine + text).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<ChildExit>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ name, pid: child.pid ?? 0, code, signal }));
  });
  const started: Child = { name, process: child, output, exited };
  running.add(started);
  void exited.then(() => running.delete(started));
  return started;
}

/** Children started and not yet exited, so a signal that arrives while the stack starts can stop them. */
const running = new Set<Child>();

function hasExited(child: Child): boolean {
  return child.process.exitCode !== null || child.process.signalCode !== null;
}

async function waitHealthy(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      const exit = await child.exited;
      throw new Error(`${describeExit(exit)}:\n${child.output.join('')}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${child.name} did not become ready at ${url}:\n${child.output.join('')}`);
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the whole group is gone already
  }
}

/**
 * Stops the child's whole process group, also when the child itself is already dead: a killed tsx leaves
 * its node process (the actual server, holding the port) running in the group. SIGTERM first, SIGKILL
 * after 5 s; resolves once no process of the group is left.
 */
async function stopChild(child: Child): Promise<void> {
  const pgid = child.process.pid;
  if (pgid === undefined) return;
  signalGroup(pgid, 'SIGTERM');
  const forceAt = Date.now() + 5_000;
  let forced = false;
  while (!hasExited(child) || processGroupAlive(pgid)) {
    if (!forced && Date.now() >= forceAt) {
      signalGroup(pgid, 'SIGKILL');
      forced = true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await child.exited;
}

export async function seedDemo(diditSandboxUrl: string, apiKey: string): Promise<number> {
  let created = 0;
  for (const { scenario, count } of DEMO_SCENARIOS) {
    const response = await fetch(`${diditSandboxUrl}/_sandbox/didit/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ scenario, count }),
    });
    if (!response.ok)
      throw new Error(`seeding ${scenario} failed: ${response.status} ${await response.text()}`);
    created += count;
  }
  return created;
}

/** KryptoGO tasks created in its sandbox with our callback URL; the API re-fetches each one it is told about. */
export const KRYPTOGO_DEMO: ReadonlyArray<{ type: 'dd' | 'kya' | 'idv'; scenario: string; count: number }> = [
  { type: 'dd', scenario: 'pep', count: 2 },
  { type: 'dd', scenario: 'sanction', count: 1 },
  { type: 'dd', scenario: 'news', count: 1 },
  { type: 'dd', scenario: 'clean', count: 2 },
  { type: 'idv', scenario: 'review', count: 2 },
  { type: 'idv', scenario: 'accept', count: 1 },
];

/** Creates KryptoGO tasks of one scenario through the sandbox's control endpoint; returns their task ids. */
export async function createKryptogoScenario(
  sandboxUrl: string,
  apiKey: string,
  callbackUrl: string,
  { type, scenario, count }: (typeof KRYPTOGO_DEMO)[number],
): Promise<number[]> {
  const response = await fetch(`${sandboxUrl}/_sandbox/kryptogo/scenarios`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ type, scenario, count, callback_url: callbackUrl }),
  });
  if (!response.ok)
    throw new Error(
      `KryptoGO scenario ${type}/${scenario} failed: ${response.status} ${await response.text()}`,
    );
  return ((await response.json()) as { ids: number[] }).ids;
}

export async function seedKryptogoDemo(
  sandboxUrl: string,
  apiKey: string,
  callbackUrl: string,
): Promise<void> {
  for (const scenario of KRYPTOGO_DEMO)
    await createKryptogoScenario(sandboxUrl, apiKey, callbackUrl, scenario);
}

export const DITTO_DEMO: ReadonlyArray<{ scenario: string; count: number }> = [
  { scenario: 'good_document', count: 2 },
  { scenario: 'expired_document', count: 1 },
  { scenario: 'face_mismatch', count: 1 },
  { scenario: 'mrz_visual_mismatch', count: 1 },
];

/** Has the Ditto sandbox push submissions of one scenario to us; returns their requester ids. */
export async function pushDittoScenario(
  sandboxUrl: string,
  controlKey: string,
  { scenario, count }: (typeof DITTO_DEMO)[number],
): Promise<string[]> {
  const response = await fetch(`${sandboxUrl}/_sandbox/ditto/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': controlKey },
    body: JSON.stringify({ scenario, count }),
  });
  if (!response.ok) throw new Error(`Ditto ${scenario} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { deliveries: { requesterId: string }[] }).deliveries.map(
    (delivery) => delivery.requesterId,
  );
}

export async function seedDittoDemo(sandboxUrl: string, controlKey: string): Promise<void> {
  for (const scenario of DITTO_DEMO) await pushDittoScenario(sandboxUrl, controlKey, scenario);
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const inherit = options.inheritOutput ?? false;
  const temporaryDir = options.dataDir ? null : mkdtempSync(join(tmpdir(), 'backoffice-stack-'));
  const dataDir = resolve(options.dataDir ?? temporaryDir!);
  mkdirSync(dataDir, { recursive: true });
  // freePorts(4) answers exactly four ports.
  const [spareApp, spareDidit, spareKryptogo, spareDitto] = (await freePorts(4)) as [
    number,
    number,
    number,
    number,
  ];
  const port = options.port || spareApp;
  const sandboxPort = options.sandboxPort || spareDidit;
  const kryptogoPort = options.sandboxPort ? sandboxPort + 1 : spareKryptogo;
  const dittoPort = options.sandboxPort ? sandboxPort + 2 : spareDitto;
  for (const [label, p] of [
    ['app', port],
    ['Didit sandbox', sandboxPort],
    ['KryptoGO sandbox', kryptogoPort],
    ['Ditto sandbox', dittoPort],
  ] as const) {
    if (!(await portIsFree(p))) throw new Error(`Port ${p} for the ${label} is already in use.`);
  }
  const appUrl = `http://127.0.0.1:${port}`;
  const diditSandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const kryptogoSandboxUrl = `http://127.0.0.1:${kryptogoPort}`;
  const kryptogoApiKey = `sandbox_${randomBytes(18).toString('base64url')}`;
  const dittoSandboxUrl = `http://127.0.0.1:${dittoPort}`;
  const dittoControlKey = `sandbox_${randomBytes(18).toString('base64url')}`;
  // The client credentials our token endpoint issues Ditto; Ditto's console would hold them.
  const dittoClientId = `sandbox-ditto-${randomBytes(6).toString('hex')}`;
  const dittoClientSecret = `sandbox_${randomBytes(24).toString('base64url')}`;
  // Sandbox-only credentials, new for every run; never written to the repository.
  const diditApiKey = `sandbox_${randomBytes(18).toString('base64url')}`;
  const webhookSecret = `sandbox_whsec_${randomBytes(24).toString('base64url')}`;
  const databaseFile = join(dataDir, 'backoffice.sqlite');
  const webDist = join(ROOT, 'apps', 'web', 'dist');
  const serveWeb = options.serveWeb ?? true;
  if (serveWeb && !existsSync(join(webDist, 'index.html'))) {
    throw new Error('apps/web/dist is missing: build the web app first (pnpm build).');
  }
  const logLevel = options.logLevel ?? 'info';

  const runtime = options.runtime ?? 'source';
  // Checked before anything starts, so a missing build is one clear message and no process to clean up.
  childCommand('sandbox', runtime);
  childCommand('api', runtime);

  const sandbox = startChild(
    'sandbox',
    runtime,
    {
      DIDIT_SANDBOX_PORT: String(sandboxPort),
      DIDIT_API_KEY: diditApiKey,
      DIDIT_WEBHOOK_URL: `${appUrl}/webhooks/didit`,
      DIDIT_WEBHOOK_SECRET: webhookSecret,
      KRYPTOGO_SANDBOX_PORT: String(kryptogoPort),
      KRYPTOGO_API_KEY: kryptogoApiKey,
      DITTO_SANDBOX_PORT: String(dittoPort),
      DITTO_CONTROL_API_KEY: dittoControlKey,
      DITTO_TARGET_BASE_URL: appUrl,
      DITTO_CLIENT_ID: dittoClientId,
      DITTO_CLIENT_SECRET: dittoClientSecret,
      LOG_LEVEL: logLevel,
    },
    inherit,
  );
  const api = startChild(
    'api',
    runtime,
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_FILE: databaseFile,
      LOG_LEVEL: logLevel,
      PROVIDER_MODE: 'sandbox',
      // Everything this script starts is a local sandbox install: demo accounts are expected here.
      DEMO_MODE: 'true',
      DIDIT_BASE_URL: diditSandboxUrl,
      DIDIT_API_KEY: diditApiKey,
      DIDIT_WEBHOOK_SECRETS: webhookSecret,
      PUBLIC_BASE_URL: appUrl,
      KRYPTOGO_BASE_URL: kryptogoSandboxUrl,
      KRYPTOGO_API_KEY: kryptogoApiKey,
      // Search settings the KryptoGO sandbox ships with (1 = KYC, 2 = KYB).
      KRYPTOGO_KYC_SEARCH_SETTING_ID: '1',
      KRYPTOGO_KYB_SEARCH_SETTING_ID: '2',
      DITTO_CLIENT_ID: dittoClientId,
      DITTO_CLIENT_SECRET: dittoClientSecret,
      ...(serveWeb ? { WEB_DIST_DIR: webDist } : {}),
    },
    inherit,
  );
  const children = [api, sandbox];
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= Promise.all(children.map(stopChild)).then(() => {
      if (temporaryDir) rmSync(temporaryDir, { recursive: true, force: true });
    });
    return stopping;
  };
  // The first child to exit before stop() was called; a child ending because of stop() is no news.
  const died = new Promise<ChildExit>((resolveDied) => {
    for (const child of children) {
      void child.exited.then((exit) => {
        if (!stopping) resolveDied(exit);
      });
    }
  });
  try {
    await Promise.all([
      waitHealthy(`${appUrl}/api/health`, api),
      waitHealthy(`${diditSandboxUrl}/v3/`, sandbox),
      waitHealthy(`${kryptogoSandboxUrl}/kya/detail/0`, sandbox),
      waitHealthy(`${dittoSandboxUrl}/_sandbox/ditto/config`, sandbox),
    ]);
    if (options.seed) {
      await seedDemo(diditSandboxUrl, diditApiKey);
      await seedKryptogoDemo(kryptogoSandboxUrl, kryptogoApiKey, `${appUrl}/webhooks/kryptogo`);
      await seedDittoDemo(dittoSandboxUrl, dittoControlKey);
      // Sessions that never sent a webhook (not started yet) come in through reconciliation,
      // which is a manager's action like any other.
      const manager = DEMO_USERS.find((user) => user.role === 'manager')!;
      const login = await fetch(`${appUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: manager.email, password: manager.password }),
      });
      const cookie = login.headers.get('set-cookie')?.split(';')[0];
      if (!login.ok || !cookie) throw new Error(`demo manager sign-in failed: ${login.status}`);
      const reconcile = await fetch(`${appUrl}/api/reconcile`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: '{}',
      });
      if (!reconcile.ok) throw new Error(`reconciliation after seeding failed: ${reconcile.status}`);
      // A blockchain-address screening is started from the back-office itself; its result is immediate.
      const kya = await fetch(`${appUrl}/api/kryptogo/screenings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({
          type: 'kya',
          address: '0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c',
          chain: 'eth',
        }),
      });
      if (!kya.ok) throw new Error(`KYA screening after seeding failed: ${kya.status} ${await kya.text()}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    appUrl,
    diditSandboxUrl,
    diditApiKey,
    kryptogoSandboxUrl,
    kryptogoApiKey,
    dittoSandboxUrl,
    dittoControlKey,
    databaseFile,
    processes: children.map((child) => ({ name: child.name, pid: child.process.pid ?? 0 })),
    died,
    stop,
  };
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

let shuttingDown = false;

async function main() {
  let stack: Stack | undefined;
  // Registered before anything starts: the children run in their own process groups, so a Ctrl-C in the
  // terminal reaches only this process, also while the stack is still starting (building, seeding).
  const shutdown = () => {
    if (shuttingDown) return;
    shuttingDown = true;
    (stack ? stack.stop() : Promise.all([...running].map(stopChild))).then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  const demo = process.argv.includes('--demo');
  stack = await startStack({
    seed: demo || process.argv.includes('--seed'),
    port: Number(argValue('--port') ?? (demo ? 3000 : 0)),
    sandboxPort: Number(argValue('--sandbox-port') ?? (demo ? 4101 : 0)),
    dataDir: argValue('--data-dir'),
    serveWeb: !process.argv.includes('--no-web'),
    inheritOutput: true,
    logLevel: argValue('--log-level') ?? 'warn',
    runtime: process.argv.includes('--built') ? 'built' : 'source',
  });
  console.log(
    [
      '',
      `  Compliance back-office is running: ${stack.appUrl}`,
      `  API reference:                     ${stack.appUrl}/api/docs`,
      `  Didit sandbox:                     ${stack.diditSandboxUrl} (x-api-key: ${stack.diditApiKey})`,
      `  KryptoGO sandbox:                  ${stack.kryptogoSandboxUrl} (X-API-KEY: ${stack.kryptogoApiKey})`,
      `  Ditto sandbox (pushes to us):      ${stack.dittoSandboxUrl} (x-api-key: ${stack.dittoControlKey})`,
      `  Database:                          ${stack.databaseFile}`,
      `  Processes:                         ${stack.processes.map((p) => `${p.name} pid ${p.pid}`).join(', ')}`,
      '  Sign in (demo accounts, passwords in the README):',
      ...DEMO_USERS.map((user) => `    ${user.role.padEnd(8)} ${user.email.padEnd(22)} ${user.password}`),
      '  Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
  const death = await stack.died;
  if (shuttingDown) return;
  shuttingDown = true;
  console.error(`\n✖ ${describeExit(death)}; stopping the others.`);
  await stack.stop();
  console.error('✖ The stack is stopped.');
  process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    // Stopped by a signal while starting: the children died because we stopped them, which is no error.
    if (shuttingDown) return;
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
