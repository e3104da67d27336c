import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, type Db, MIGRATIONS_FOLDER, openDatabase } from './client';

const FACTS_MIGRATION = '0021_decision_facts';
let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'decision-facts-test-'));
  db = openDatabase(join(dir, 'test.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The migrations up to, not including, the one that adds the decision facts. */
function migrateUpToFacts() {
  const folder = join(dir, 'drizzle');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  journal.entries = journal.entries.filter((entry) => entry.tag < FACTS_MIGRATION);
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  migrate(db.orm, { migrationsFolder: folder });
}

const run = (source: string, ...params: unknown[]) => db.sqlite.prepare(source).run(...params);

describe('decision facts', () => {
  it('are computed for the decisions taken before the migration, as the trigger computes them after', () => {
    migrateUpToFacts();
    run(`INSERT INTO cases (id, provider, kind, external_id, subject_name, status, provider_status, created_at, updated_at, version, payload)
         VALUES (1, 'didit', 'kyc_session', 's1', 'Ana', 'rejected', 'Declined', 1000, 1000, 1, '{}')`);
    const audit = (at: number, action: string, before: unknown, after: unknown) =>
      run(
        `INSERT INTO audit_log (at, actor_type, actor_id, action, case_id, before, after, prev_hash, hash)
         VALUES (?, 'user', 'u1', ?, 1, ?, ?, 'x', 'x')`,
        at,
        action,
        before === null ? null : JSON.stringify(before),
        JSON.stringify(after),
      );
    const action = (id: number, type: string, status: string, at: number) =>
      run(
        `INSERT INTO case_actions (id, case_id, type, params, status, requested_by, requested_at, case_version)
         VALUES (?, 1, ?, '{}', ?, 'u1', ?, 1)`,
        id,
        type,
        status,
        at,
      );
    audit(1000, 'case.created', null, { status: 'needs_review' });
    action(1, 'approve', 'applied', 5000);
    audit(5000, 'case.action_requested', { status: 'needs_review' }, { actionId: 1, type: 'approve' });
    action(2, 'decline', 'applied', 9000);
    audit(9000, 'case.action_requested', { status: 'approved' }, { actionId: 2, type: 'decline' });
    action(3, 'decline', 'failed', 9500);
    action(4, 'provider_comment', 'applied', 9600);

    applyMigrations(db);
    const facts = () =>
      db.sqlite
        .prepare(
          'SELECT action_id, type, review_at, seen_status, ours_before, handling_ms FROM decision_facts ORDER BY 1',
        )
        .all();
    expect(facts()).toEqual([
      {
        action_id: 1,
        type: 'approve',
        review_at: 1000,
        seen_status: 'needs_review',
        ours_before: 0,
        handling_ms: 4000,
      },
      {
        action_id: 2,
        type: 'decline',
        review_at: 1000,
        seen_status: 'approved',
        ours_before: 1,
        handling_ms: 8000,
      },
    ]);

    // After the migration the trigger fixes the same facts when a decision's applied row is written.
    action(5, 'approve', 'pending', 12_000);
    audit(12_000, 'case.action_requested', { status: 'rejected' }, { actionId: 5, type: 'approve' });
    audit(13_000, 'case.action_applied', null, { actionId: 5, type: 'approve', actionStatus: 'applied' });
    expect(facts()).toContainEqual({
      action_id: 5,
      type: 'approve',
      review_at: 1000,
      seen_status: 'rejected',
      ours_before: 1,
      handling_ms: 11_000,
    });
    // One decision is one primary-key read of the view.
    const plan = db.sqlite
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM decision_facts_now WHERE action_id = ?')
      .all(5)
      .map((row) => (row as { detail: string }).detail);
    expect(plan.some((detail) => /SEARCH a USING INTEGER PRIMARY KEY/.test(detail))).toBe(true);
  });

  it("read a decision's audit rows and earlier decisions by its case, whether or not the database was analysed", () => {
    applyMigrations(db);
    // Many decisions on many cases: an action or status index would walk all of them for each one.
    db.sqlite.transaction(() => {
      for (let id = 1; id <= 300; id++) {
        run(
          `INSERT INTO cases (id, provider, kind, external_id, status, provider_status, created_at, updated_at, version)
             VALUES (?, 'didit', 'kyc_session', ?, 'approved', 'Approved', ?, ?, 1)`,
          id,
          `s${id}`,
          id,
          id,
        );
        run(
          `INSERT INTO case_actions (id, case_id, type, params, status, requested_by, requested_at, case_version)
             VALUES (?, ?, 'approve', '{}', 'applied', 'u1', ?, 1)`,
          id,
          id,
          id * 10,
        );
        for (const [action, after] of [
          ['case.created', { status: 'needs_review' }],
          ['case.action_requested', { actionId: id, type: 'approve' }],
          ['case.action_applied', { actionId: id, type: 'approve', actionStatus: 'applied' }],
        ] as const) {
          run(
            `INSERT INTO audit_log (at, actor_type, actor_id, action, case_id, before, after, prev_hash, hash)
               VALUES (?, 'user', 'u1', ?, ?, '{"status":"needs_review"}', ?, 'x', 'x')`,
            id * 10,
            action,
            id,
            JSON.stringify(after),
          );
        }
      }
    })();
    const plan = () =>
      db.sqlite
        .prepare('EXPLAIN QUERY PLAN SELECT * FROM decision_facts_now WHERE action_id = ?')
        .all(5)
        .map((row) => (row as { detail: string }).detail)
        .filter((detail) => detail.startsWith('SEARCH') || detail.startsWith('SCAN'));
    const byCase = [
      expect.stringMatching(/^SEARCH a USING INTEGER PRIMARY KEY/),
      expect.stringMatching(/^SEARCH l USING (COVERING )?INDEX audit_log_case \(case_id=\?\)/),
      expect.stringMatching(/^SEARCH l USING (COVERING )?INDEX audit_log_case \(case_id=\?\)/),
      expect.stringMatching(/^SEARCH p USING (COVERING )?INDEX case_actions_case \(case_id=\? AND id<\?\)/),
    ];
    expect(
      db.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").pluck().get(),
    ).toBe(0);
    expect(plan()).toEqual(byCase);
    db.sqlite.exec('ANALYZE');
    expect(plan()).toEqual(byCase);
    expect(db.sqlite.prepare('SELECT count(*) FROM decision_facts').pluck().get()).toBe(300);
  });
});
