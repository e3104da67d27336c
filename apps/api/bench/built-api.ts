/**
 * The API as production runs it, for the benchmarks: the bundle `pnpm --filter @backoffice/api build`
 * writes (dist/main.js), started as the package's `start` script starts it, configured by environment
 * alone, its log lines (at the level asked) written to /dev/null. Figures of the API under a run-time
 * TypeScript loader would not be figures of what a deployment runs.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const API_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(API_DIR, '../..');
/** The flags of the `start` script in apps/api/package.json. */
const START_FLAGS = ['--enable-source-maps'];

/** Bundles the API from the current source (about a second), so a benchmark never runs a stale build. */
export function buildApi(): void {
  execFileSync('pnpm', ['--filter', '@backoffice/api', 'build'], { cwd: REPO, stdio: 'ignore' });
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the API exited with ${child.exitCode} before it was healthy`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the API did not become healthy within 60 s');
}

export interface BuiltApi {
  child: ChildProcess;
  url: string;
}

/** What the API inherits of this process's environment: nothing of its own settings (env.ts). */
const INHERITED = ['PATH', 'HOME', 'TMPDIR'];

/**
 * Starts dist/main.js (call `buildApi` first) on 127.0.0.1 configured by `env` alone, and resolves once
 * /api/health answers. `nodeArgs` go before the start flags (a CPU profile, say).
 */
export async function startBuiltApi(
  env: Record<string, string>,
  options: { nodeArgs?: string[] } = {},
): Promise<BuiltApi> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...START_FLAGS, join(API_DIR, 'dist', 'main.js')],
    {
      cwd: API_DIR,
      env: {
        ...Object.fromEntries(
          INHERITED.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
        ),
        ...env,
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, child);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return { child, url };
}
