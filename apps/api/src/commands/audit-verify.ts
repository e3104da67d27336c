/**
 * Walks the audit log's hash chain (docs/reliability.md R16) and prints OK with the row count, or the first
 * row that was altered, removed or re-linked; exits 1 when the chain is broken or the file is missing.
 *
 *   pnpm audit:verify                        # DATABASE_FILE or .data/backoffice.sqlite
 */
import { existsSync } from 'node:fs';
import { openDatabase, verifyAuditChain } from '@backoffice/db';
import { readCommandEnv } from '../env';
import { commandPath } from './command-paths';

const env = readCommandEnv();
const file = commandPath(env.DATABASE_FILE, env.INIT_CWD);
if (!existsSync(file)) {
  console.error(`No database at ${file}; set DATABASE_FILE.`);
  process.exit(1);
}
// Read-only: verifying must never create, migrate or write to the file it vouches for.
const db = openDatabase(file, { readonly: true });
try {
  const result = verifyAuditChain(db);
  if (result.ok) {
    console.log(`OK: audit chain intact, ${result.rows} rows.`);
  } else {
    console.error(
      `BROKEN: audit row ${result.firstBrokenId} fails verification (${result.reason}); ` +
        `${result.rows} rows before it verify.`,
    );
    process.exitCode = 1;
  }
} finally {
  db.close();
}
