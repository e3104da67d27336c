import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { processGroupAlive, TS_NODE_ARGS } from './stack';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

/** Exactly what `pnpm build` runs for the two server apps (the SPA build is the e2e suite's business). */
beforeAll(async () => {
  await run('pnpm', ['--filter', '@backoffice/api', '--filter', '@backoffice/sandbox', 'build'], {
    cwd: ROOT,
  });
}, 120_000);

interface Running {
  process: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Running[] = [];
/** Process groups of the stack's children, killed after each test in case the stack failed to. */
const childGroups: number[] = [];

function startProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  const running: Running = { process: child, output: () => output, exited };
  started.push(running);
  return running;
}

// Whatever a failed test left running is not allowed to outlive it.
afterEach(() => {
  const groups = [...started.splice(0).map((running) => running.process.pid), ...childGroups.splice(0)];
  for (const pgid of groups) {
    try {
      if (pgid) process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolveRefused) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolveRefused(false);
    });
    socket.once('error', () => resolveRefused(true));
  });
}

/** Live (not zombie) processes from /proc: what `ps` would list. */
function processTable(): Array<{ pid: number; ppid: number; pgrp: number }> {
  const table = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') table.push({ pid: Number(entry), ppid: Number(ppid), pgrp: Number(pgrp) });
    } catch {
      // exited while listed
    }
  }
  return table;
}

describe('production build', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('node apps/api/dist/main.js, run from another folder, migrates a new database and answers /api/health', async () => {
    dir = mkdtempSync(join(tmpdir(), 'backoffice-built-api-'));
    const databaseFile = join(dir, 'backoffice.sqlite');
    // Run from an unrelated folder: nothing may depend on the working directory being the repository.
    const api = startProcess(process.execPath, [join(ROOT, 'apps/api/dist/main.js')], {
      cwd: dir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: '0',
        DATABASE_FILE: databaseFile,
        DIDIT_BASE_URL: 'http://127.0.0.1:9',
        DIDIT_API_KEY: 'built-test-key',
        DIDIT_WEBHOOK_SECRETS: 'built-test-webhook-secret',
        RECONCILE_ON_START: 'false',
        LOG_LEVEL: 'info',
      },
    });
    // Port 0: the API picks a free port and logs where it listens.
    const url = await waitFor(
      'the built API to listen',
      () => {
        if (api.process.exitCode !== null) throw new Error(`built API exited:\n${api.output()}`);
        // The listening line also tells the start time, which the README quotes.
        return api
          .output()
          .match(/"url":"(http:[^"]+)","mode":"sandbox","startedInMs":\d+,"msg":"API listening"/)?.[1];
      },
      30_000,
    );
    const health = await waitFor(
      'the built API to be healthy',
      async () => {
        try {
          const response = await fetch(`${url}/api/health`);
          return {
            status: response.status,
            body: (await response.json()) as { database: { migrations: number } },
          };
        } catch {
          return undefined;
        }
      },
      30_000,
    );
    const journal = JSON.parse(readFileSync(join(ROOT, 'drizzle/meta/_journal.json'), 'utf8'));
    // The build ships the migrations beside the bundle, which looks there before the repository's folder.
    expect(JSON.parse(readFileSync(join(ROOT, 'apps/api/dist/drizzle/meta/_journal.json'), 'utf8'))).toEqual(
      journal,
    );
    expect(health.status).toBe(200);
    expect(health.body.database.migrations).toBe(journal.entries.length);
    // The API reference serves swagger-ui-dist's files, resolved from the bundle's location.
    const docs = await fetch(`${url}/api/docs/assets/swagger-ui.css`);
    expect(docs.status).toBe(200);
    api.process.kill('SIGTERM');
    expect((await api.exited).code).toBe(0);

    // The bundled operator commands run too: the audit chain the built API started is intact.
    const verify = await run(process.execPath, [join(ROOT, 'apps/api/dist/commands/audit-verify.js')], {
      cwd: dir,
      env: { ...process.env, DATABASE_FILE: databaseFile },
    });
    expect(verify.stdout + verify.stderr).toMatch(/OK/);
  });
});

describe('the start command notices a dead child', () => {
  /** Starts the orchestrator the way `npm start` does (minus install, build and demo data). */
  async function startOrchestrator(runtime: 'built' | 'source') {
    const orchestrator = startProcess(
      process.execPath,
      [
        ...TS_NODE_ARGS,
        'scripts/stack.ts',
        '--no-web',
        '--log-level',
        'warn',
        ...(runtime === 'built' ? ['--built'] : []),
      ],
      { cwd: ROOT, env: process.env },
    );
    const banner = await waitFor(
      'the stack',
      () => {
        if (orchestrator.process.exitCode !== null)
          throw new Error(`stack exited:\n${orchestrator.output()}`);
        const text = orchestrator.output();
        return /Processes: .*\n/.test(text) ? text : undefined;
      },
      60_000,
    );
    const pid = (name: string) => Number(banner.match(new RegExp(`${name} pid (\\d+)`))?.[1]);
    childGroups.push(pid('api'), pid('sandbox'));
    const ports = [...banner.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    expect(new Set(ports).size).toBe(4); // app, Didit, KryptoGO, Ditto
    return { orchestrator, apiPid: pid('api'), sandboxPid: pid('sandbox'), ports: [...new Set(ports)] };
  }

  async function expectEverythingStopped(
    stack: Awaited<ReturnType<typeof startOrchestrator>>,
    dead: { name: string; pid: number },
  ) {
    const exit = await Promise.race([
      stack.orchestrator.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`still running:\n${stack.orchestrator.output()}`)), 15_000),
      ),
    ]);
    expect(exit.code, stack.orchestrator.output()).toBe(1);
    expect(stack.orchestrator.output()).toContain(`${dead.name} (pid ${dead.pid}) was killed by SIGKILL`);
    for (const pgid of [stack.apiPid, stack.sandboxPid, stack.orchestrator.process.pid!]) {
      expect(processGroupAlive(pgid), `process group ${pgid}`).toBe(false);
    }
    for (const port of stack.ports) expect(await refusesConnections(port), `port ${port}`).toBe(true);
  }

  it('Ctrl-C while the stack is still starting stops the children already started', async () => {
    const orchestrator = startProcess(
      process.execPath,
      [...TS_NODE_ARGS, 'scripts/stack.ts', '--no-web', '--log-level', 'warn'],
      {
        cwd: ROOT,
        env: process.env,
      },
    );
    const group = orchestrator.process.pid!;
    // The API and the sandbox: children of the orchestrator's processes, each leading its own group.
    const children = await waitFor(
      'the API and the sandbox to be spawned',
      () => {
        const table = processTable();
        const ours = new Set(table.filter((p) => p.pgrp === group).map((p) => p.pid));
        const leaders = table.filter((p) => ours.has(p.ppid) && p.pgrp === p.pid && p.pgrp !== group);
        return leaders.length === 2 ? leaders.map((p) => p.pid) : undefined;
      },
      30_000,
    );
    childGroups.push(...children);
    expect(orchestrator.output()).not.toContain('is running');
    // What a terminal does on Ctrl-C: SIGINT to the foreground process group, which the children are not in.
    process.kill(-group, 'SIGINT');
    await Promise.race([
      orchestrator.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`still running:\n${orchestrator.output()}`)), 15_000),
      ),
    ]);
    for (const pgid of [...children, group]) expect(processGroupAlive(pgid), `group ${pgid}`).toBe(false);
  });

  it('kill -9 of the built API: the stack says so, stops the sandboxes and exits 1', async () => {
    const stack = await startOrchestrator('built');
    process.kill(stack.apiPid, 'SIGKILL');
    await expectEverythingStopped(stack, { name: 'api', pid: stack.apiPid });
  });

  it('kill -9 of the sandbox running from source: the stack says so, stops the API and exits 1', async () => {
    const stack = await startOrchestrator('source');
    process.kill(stack.sandboxPid, 'SIGKILL');
    await expectEverythingStopped(stack, { name: 'sandbox', pid: stack.sandboxPid });
  });
});
