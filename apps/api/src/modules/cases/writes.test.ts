import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHarness } from '../../test/harness';

/*
 * A case change and its audit row are one write: only cases/writes.ts touches the `cases` table, and
 * only audit/emit.ts appends to the audit chain (docs/architecture.md, "Audit"). This reads every source
 * file of the API, so a new module that writes around them fails here rather than in an audit review.
 */

const SRC = join(import.meta.dirname, '..', '..');
const CASE_WRITER = 'modules/cases/writes.ts';
const AUDIT_WRITER = 'modules/audit/emit.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Drizzle's `update(cases)` / `insert(cases)` / `delete(cases)` and raw SQL that writes the table. */
const CASE_WRITE = [
  /\.\s*(?:update|insert|delete)\s*\(\s*(?:schema\s*\.\s*)?cases\s*\)/,
  /\b(?:UPDATE|INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|DELETE\s+FROM)\s+["`]?cases\b/i,
];
const AUDIT_APPEND = /\bappendAudit\s*\(/;

function writersOutside(allowed: string, patterns: RegExp[]): string[] {
  return sourceFiles(SRC)
    .map((path) => relative(SRC, path).split('\\').join('/'))
    .filter((path) => path !== allowed)
    .filter((path) => {
      const text = readFileSync(join(SRC, path), 'utf8');
      return patterns.some((pattern) => pattern.test(text));
    });
}

describe('one write path', () => {
  it('the patterns catch the ways a case row can be written', () => {
    const hits = (text: string) => CASE_WRITE.some((pattern) => pattern.test(text));
    expect(hits('tx.update(cases).set({ status })')).toBe(true);
    expect(hits('db.orm\n  .insert(cases)\n  .values(row)')).toBe(true);
    expect(hits('tx.delete(schema.cases)')).toBe(true);
    expect(hits("sqlite.prepare('UPDATE cases SET status = ?')")).toBe(true);
    expect(hits('INSERT OR IGNORE INTO cases (id) VALUES (1)')).toBe(true);
    expect(hits('tx.update(caseActions).set({})')).toBe(false);
    expect(hits('SELECT * FROM cases')).toBe(false);
  });

  it('only cases/writes.ts inserts, updates or deletes cases', () => {
    expect(writersOutside(CASE_WRITER, CASE_WRITE)).toEqual([]);
  });

  it('only audit/emit.ts appends audit rows', () => {
    expect(writersOutside(AUDIT_WRITER, [AUDIT_APPEND])).toEqual([]);
  });
});

describe('the runtime check', () => {
  it('a test harness refuses to close over a case version that has no audit row', async () => {
    const h = await startHarness();
    const created = await h.sandbox('/_sandbox/didit/sessions', { scenario: 'review_low_face_match' });
    await h.sandbox('/_sandbox/didit/webhooks/flush', {});
    const sessionId = created.body.sessions[0].session_id as string;
    // What a write around cases/writes.ts would do: a new version and no trail.
    h.api.deps.db.sqlite
      .prepare('UPDATE cases SET version = version + 1 WHERE external_id = ?')
      .run(sessionId);
    await expect(h.close()).rejects.toThrow(/cases changed without an audit row/);
  });
});
