/**
 * Writes a consistent copy of the database (docs/reliability.md R27) while the API keeps running:
 *
 *   pnpm backup --to /backups/backoffice-2025-01-31.sqlite
 *
 * `VACUUM INTO` takes a read snapshot (WAL lets writers continue) and writes a compacted copy. The copy
 * goes to a temporary name beside the target, is checked (`PRAGMA integrity_check` and the audit hash
 * chain), and only then gets its final name. An existing file is never overwritten, not even by a race.
 */
import { existsSync, linkSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, verifyAuditChain, writeTransaction } from '@backoffice/db';
import { readCommandEnv } from '../env';
import { emitAudit, systemAuditContext } from '../modules/audit/emit';
import { commandPath } from './command-paths';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = parseArgs({ options: { to: { type: 'string' } } });
if (!values.to) fail('Usage: pnpm backup --to <file>');
const env = readCommandEnv();
const source = commandPath(env.DATABASE_FILE, env.INIT_CWD);
const target = commandPath(values.to, env.INIT_CWD);
if (!existsSync(source)) fail(`No database at ${source}; set DATABASE_FILE.`);
if (existsSync(target))
  fail(`${target} already exists; choose a new file name (backups are never overwritten).`);

const partial = `${target}.partial-${process.pid}`;
const db = openDatabase(source);
try {
  db.sqlite.prepare('VACUUM INTO ?').run(partial);

  // Opened read-write on purpose: the app's own settings (WAL) apply, as they will after a restore;
  // closing checkpoints and removes the -wal file again.
  const copy = openDatabase(partial);
  let auditRows: number;
  try {
    const integrity = copy.sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      rmSync(partial, { force: true });
      fail(`The copy failed PRAGMA integrity_check (${String(integrity)}); nothing was kept.`);
    }
    const chain = verifyAuditChain(copy);
    if (!chain.ok) {
      // The copy is faithful; it is the source whose audit log was altered. Keep it as evidence.
      linkSync(partial, target);
      rmSync(partial, { force: true });
      fail(
        `Backup written to ${target}, but its audit chain is broken at row ${chain.firstBrokenId} ` +
          `(${chain.reason}), as in the source database. Investigate before relying on it.`,
      );
    }
    auditRows = chain.rows;
  } finally {
    copy.close();
  }
  // A hard link fails if the target appeared meanwhile, unlike a rename, which would replace it.
  linkSync(partial, target);
  rmSync(partial, { force: true });
  writeTransaction(db, (tx) =>
    emitAudit(tx, systemAuditContext('backup'), {
      action: 'system.backup_created',
      after: { file: basename(target), auditRows },
      at: Date.now(),
    }),
  );
  console.log(`OK: backup written to ${target}; integrity_check ok, audit chain intact (${auditRows} rows).`);
} catch (error) {
  rmSync(partial, { force: true });
  fail(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  db.close();
}
