import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, verifyAuditChain } from '@backoffice/db';
import { computeDiditWebhookSignatures } from '@backoffice/providers/didit';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../../../..');
const SECRET = 'durability_test_webhook_secret';

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}

function startApiProcess(databaseFile: string, port: number): ChildProcess {
  // One process (not the tsx CLI, which forks a child): SIGKILL must hit the process that writes.
  return spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_FILE: databaseFile,
      LOG_LEVEL: 'silent',
      // Nothing listens there: webhooks alone drive this test.
      DIDIT_BASE_URL: 'http://127.0.0.1:9',
      DIDIT_API_KEY: 'durability-test',
      DIDIT_WEBHOOK_SECRETS: SECRET,
      RECONCILE_ON_START: 'false',
    },
    stdio: 'ignore',
  });
}

async function waitHealthy(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('API did not start');
}

function signedWebhook(sessionId: string, eventId: string) {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    event_id: eventId,
    webhook_type: 'status.updated',
    timestamp: now,
    created_at: now,
    session_id: sessionId,
    status: 'In Progress',
  });
  const signatures = computeDiditWebhookSignatures(body, SECRET);
  return { body, headers: { 'content-type': 'application/json', 'x-signature': signatures.raw } };
}

const dir = mkdtempSync(join(tmpdir(), 'durability-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('durability (docs/reliability.md R26)', () => {
  it('kill -9 during a burst of webhook writes loses nothing that was acknowledged', async () => {
    const databaseFile = join(dir, 'backoffice.sqlite');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = startApiProcess(databaseFile, port);
    children.push(first);
    await waitHealthy(url);

    const acknowledged: string[] = [];
    let killed = false;
    const send = async (i: number) => {
      const eventId = randomUUID();
      const { body, headers } = signedWebhook(`burst-session-${i}`, eventId);
      try {
        const response = await fetch(`${url}/webhooks/didit`, { method: 'POST', headers, body });
        if (response.ok) acknowledged.push(eventId);
      } catch {
        // the process died under this request: not acknowledged, so it may be lost
      }
      if (!killed && acknowledged.length >= 150) {
        killed = true;
        first.kill('SIGKILL');
      }
    };
    // 20 concurrent senders until the process is killed mid-burst.
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (!killed && next < 5_000) await send(next++);
      }),
    );
    expect(killed).toBe(true);
    if (first.exitCode === null && first.signalCode === null) await once(first, 'exit');

    const second = startApiProcess(databaseFile, port);
    children.push(second);
    await waitHealthy(url);
    second.kill('SIGTERM');

    const db = openDatabase(databaseFile, { readonly: true });
    try {
      expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set(
        (
          db.sqlite.prepare("SELECT event_id FROM provider_events WHERE provider = 'didit'").all() as {
            event_id: string;
          }[]
        ).map((row) => row.event_id),
      );
      const lost = acknowledged.filter((eventId) => !stored.has(eventId));
      expect(lost).toEqual([]);
      expect(verifyAuditChain(db).ok).toBe(true);
    } finally {
      db.close();
    }
  }, 90_000);
});
