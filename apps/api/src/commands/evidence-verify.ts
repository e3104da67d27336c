/**
 * Checks an evidence bundle offline, without the database (docs/evidence-pack.md): recomputes every audit
 * row's hash, follows the links to the chain head, and prints OK with the bundle's SHA-256 (to compare with
 * the `case.evidence_exported` audit row), or the row that fails; exits 1 when it fails.
 *
 *   pnpm evidence:verify case-12-evidence.json
 */
import { readFileSync } from 'node:fs';
import { verifyEvidenceBundle } from '../modules/evidence/verify';
import { commandPath } from './command-paths';

const [arg] = process.argv.slice(2);
if (!arg) {
  console.error('Usage: pnpm evidence:verify FILE   (the JSON bundle of an evidence pack)');
  process.exit(2);
}
const file = commandPath(arg, process.env.INIT_CWD);
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch {
  console.error(`Cannot read ${file}.`);
  process.exit(1);
}
const result = verifyEvidenceBundle(text);
if (result.ok) {
  console.log(
    `OK: case ${result.caseId}, ${result.rows} audit rows verified against their hashes and linked ` +
      `(through ${result.linkedRows} other rows' hashes) to chain head ${result.head.id} ${result.head.hash}.`,
  );
  console.log(`Bundle SHA-256 ${result.sha256}`);
} else {
  console.error(
    `FAILED: ${result.rowId === null ? 'the bundle' : `audit row ${result.rowId}`}: ${result.reason}.`,
  );
  process.exitCode = 1;
}
