import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, type Db, openDatabase } from './client';

const DAY = 86_400_000;
let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'day-counts-test-'));
  db = openDatabase(join(dir, 'test.sqlite'));
  applyMigrations(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A small deterministic generator, so a failure replays the same sequence. */
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** What the counters must equal: the same rule counted over the cases themselves. */
const recount = (db: Db) =>
  db.sqlite
    .prepare(
      `SELECT day, provider, kind, measure, count FROM (
         SELECT created_at / ${DAY} AS day, provider, kind, 'in' AS measure, count(*) AS count FROM cases GROUP BY 1, 2, 3
         UNION ALL
         SELECT decided_at / ${DAY}, provider, kind, status, count(*) FROM cases
           WHERE decided_at IS NOT NULL AND status IN ('approved', 'rejected') GROUP BY 1, 2, 3, 4)
       ORDER BY 1, 2, 3, 4`,
    )
    .all();
const counters = (db: Db) =>
  db.sqlite
    .prepare(
      'SELECT day, provider, kind, measure, count FROM case_day_counts WHERE count <> 0 ORDER BY 1, 2, 3, 4',
    )
    .all();

describe('case_day_counts', () => {
  it('equals a recount of the cases after any sequence of inserts, decisions, reopenings and deletes', () => {
    const random = prng(7);
    const statuses = ['needs_review', 'approved', 'rejected', 'in_progress'] as const;
    const kinds = [
      ['didit', 'kyc_session'],
      ['kryptogo', 'dd_task'],
      ['ditto', 'kyc_submission'],
    ] as const;
    const start = Date.UTC(2026, 0, 1);
    const insert = db.sqlite.prepare(`INSERT INTO cases
      (provider, kind, external_id, subject_name, status, provider_status, created_at, updated_at, decided_at, version, payload)
      VALUES (?, ?, ?, 'Ana Pérez', ?, ?, ?, ?, ?, 1, '{}')`);
    const ids: number[] = [];
    // One transaction: the triggers run per statement all the same, without a disk sync per write.
    db.sqlite.exec('BEGIN');
    for (let step = 0; step < 1_500; step++) {
      const draw = random();
      const at = start + Math.floor(random() * 20 * DAY);
      if (draw < 0.4 || ids.length === 0) {
        const [provider, kind] = kinds[Math.floor(random() * kinds.length)]!;
        const status = statuses[Math.floor(random() * statuses.length)]!;
        const decided = status === 'approved' || status === 'rejected' ? at + DAY / 3 : null;
        ids.push(
          Number(insert.run(provider, kind, `c${step}`, status, status, at, at, decided).lastInsertRowid),
        );
        continue;
      }
      const id = ids[Math.floor(random() * ids.length)]!;
      if (draw < 0.6) {
        // A decision: the status and decided_at move together, as a case write does.
        const status = random() < 0.5 ? 'approved' : 'rejected';
        db.sqlite.prepare('UPDATE cases SET status = ?, decided_at = ? WHERE id = ?').run(status, at, id);
      } else if (draw < 0.75) {
        // Reopened: back in review; decided_at stays as it was (it no longer counts).
        db.sqlite.prepare("UPDATE cases SET status = 'needs_review' WHERE id = ?").run(id);
      } else if (draw < 0.85) {
        // The provider's own time for the case corrected.
        db.sqlite.prepare('UPDATE cases SET created_at = ? WHERE id = ?').run(at, id);
      } else if (draw < 0.92) {
        db.sqlite.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(at, id);
      } else {
        db.sqlite.prepare('DELETE FROM cases WHERE id = ?').run(id);
        ids.splice(ids.indexOf(id), 1);
      }
    }
    db.sqlite.exec('COMMIT');
    expect(counters(db).length).toBeGreaterThan(50);
    expect(counters(db)).toEqual(recount(db));
  });
});
