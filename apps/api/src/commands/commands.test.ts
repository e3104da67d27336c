import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { appendAudit, openDatabase, verifyAuditChain, writeTransaction } from '@backoffice/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../test/harness';

const run = promisify(execFile);
const API_DIR = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(API_DIR, '..', '..', 'node_modules', '.bin', 'tsx');

/** Runs a command the way `pnpm audit:verify` / `pnpm backup` do, against the given database file. */
async function command(script: string, databaseFile: string, args: string[] = []) {
  try {
    const { stdout, stderr } = await run(TSX, [join(API_DIR, 'src/commands', script), ...args], {
      cwd: API_DIR,
      env: { ...process.env, DATABASE_FILE: databaseFile, INIT_CWD: API_DIR },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

let h: Harness;
let dir: string;
let databaseFile: string;
beforeAll(async () => {
  h = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'api-commands-'));
  databaseFile = h.api.deps.db.sqlite.name;
  for (let i = 0; i < 5; i++) {
    writeTransaction(h.api.deps.db, (tx) =>
      appendAudit(tx, { actorType: 'system', actorId: null, action: 'test.row', after: { i } }),
    );
  }
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and verification commands', () => {
  it('backup writes a copy that opens, passes integrity_check and verifies, and never overwrites', async () => {
    const target = join(dir, 'backup.sqlite');
    const first = await command('backup.ts', databaseFile, ['--to', target]);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/OK: backup written/);
    const copy = openDatabase(target, { readonly: true });
    expect(copy.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(copy).ok).toBe(true);
    expect((copy.sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n).toBeGreaterThan(
      0,
    );
    copy.close();

    const again = await command('backup.ts', databaseFile, ['--to', target]);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/already exists/);
    expect(
      h.api.deps.db.sqlite
        .prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'system.backup_created'`)
        .get(),
    ).toEqual({ n: 1 });
  });

  it('audit:verify says OK with the row count on an intact chain', async () => {
    const result = await command('audit-verify.ts', databaseFile);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/OK: audit chain intact, \d+ rows/);
  });

  it('a row edited in the file is reported by GET /api/audit/verify and by audit:verify (exit 1, row id)', async () => {
    const tamperedId = 3;
    // An attacker with file access: a second connection, the trigger dropped, a row rewritten.
    const raw = openDatabase(databaseFile);
    raw.sqlite.exec('DROP TRIGGER audit_log_no_update');
    raw.sqlite.prepare(`UPDATE audit_log SET reason = 'nothing happened' WHERE id = ?`).run(tamperedId);
    raw.close();

    const api = await h.call('/api/audit/verify', { as: 'manager' });
    expect(api.status).toBe(200);
    expect(api.body).toEqual({
      ok: false,
      rows: tamperedId - 1,
      firstBrokenId: tamperedId,
      reason: 'hash_mismatch',
    });

    const result = await command('audit-verify.ts', databaseFile);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(new RegExp(`BROKEN: audit row ${tamperedId} `));

    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
    const missing = await command('audit-verify.ts', join(dir, 'missing.sqlite'));
    expect(missing.code).toBe(1);
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
  });
});
