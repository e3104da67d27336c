import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, type Db, openDatabase } from '@backoffice/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSED_SINCE_SQL, closedSince } from './repo';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qa-repo-test-'));
  db = openDatabase(join(dir, 'test.sqlite'));
  applyMigrations(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('closed cases since the watermark', () => {
  it('are read through the decision-time index, whether or not the database was analysed', () => {
    // Mostly closed cases, as a queue that has run for a while holds: a status index matches nearly all.
    const insert = db.sqlite.prepare(
      `INSERT INTO cases (provider, kind, external_id, status, provider_status, created_at, updated_at, decided_at, version)
       VALUES ('didit', 'kyc_session', ?, ?, 'x', ?, ?, ?, 1)`,
    );
    db.sqlite.transaction(() => {
      for (let i = 1; i <= 3_000; i++) {
        const closed = i % 10 !== 0;
        const status = closed ? (i % 3 === 0 ? 'rejected' : 'approved') : 'needs_review';
        insert.run(`s${i}`, status, i, i, closed ? i * 1000 : null);
      }
    })();
    const plan = () =>
      db.sqlite
        .prepare(`EXPLAIN QUERY PLAN ${CLOSED_SINCE_SQL}`)
        .all({ at: 2_000_000, id: 0, until: 2_500_000, limit: 500 })
        .map((row) => (row as { detail: string }).detail);
    const throughDecisionTime = expect.arrayContaining([
      expect.stringMatching(
        /^SEARCH cases USING (COVERING )?INDEX cases_decided \(decided_at>\? AND decided_at<\?\)/,
      ),
    ]);
    expect(plan()).toEqual(throughDecisionTime);
    expect(plan().join(' ')).not.toMatch(/cases_status|USE TEMP B-TREE FOR ORDER BY/);
    db.sqlite.exec('ANALYZE');
    expect(plan()).toEqual(throughDecisionTime);
    expect(plan().join(' ')).not.toMatch(/cases_status|USE TEMP B-TREE FOR ORDER BY/);

    // And the rows are the closures of the range in (decided_at, id) order, after the watermark's own.
    const rows = closedSince(db, { decidedAt: 2_001_000, caseId: 2_001 }, 2_010_000, 500);
    expect(rows.map((row) => row.id)).toEqual([2_002, 2_003, 2_004, 2_005, 2_006, 2_007, 2_008, 2_009]);
  });
});
