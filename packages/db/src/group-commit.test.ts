import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Db, openDatabase } from './client';
import { createGroupCommit } from './group-commit';

let dir: string;
let db: Db;
let reader: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  db = openDatabase(join(dir, 'test.sqlite'));
  db.sqlite.exec('CREATE TABLE item (k TEXT PRIMARY KEY)');
  reader = openDatabase(join(dir, 'test.sqlite'), { readonly: true });
});
afterEach(() => {
  reader.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (k: string) => () => db.sqlite.prepare('INSERT INTO item (k) VALUES (?)').run(k).changes;
const committed = () =>
  (reader.sqlite.prepare('SELECT k FROM item ORDER BY k').all() as { k: string }[]).map((r) => r.k);

/** Counts `BEGIN IMMEDIATE` transactions (one commit each) opened on the writer connection. */
function countCommits() {
  const original = db.sqlite.transaction.bind(db.sqlite);
  const counter = { commits: 0 };
  vi.spyOn(db.sqlite, 'transaction').mockImplementation(((fn: (...args: unknown[]) => unknown) => {
    const transaction = original(fn);
    return Object.assign((...args: unknown[]) => transaction(...args), {
      deferred: transaction.deferred,
      exclusive: transaction.exclusive,
      immediate: (...args: unknown[]) => {
        counter.commits++;
        return transaction.immediate(...args);
      },
    });
  }) as typeof db.sqlite.transaction);
  return counter;
}

describe('createGroupCommit', () => {
  it('units submitted together share one commit; a failing unit is rolled back alone and rejects alone', async () => {
    const queue = createGroupCommit(db);
    const counter = countCommits();
    const settled = Promise.allSettled([
      queue.run(insert('a')),
      queue.run(insert('b')),
      queue.run(insert('a')), // the same key again: sees the first, fails on the primary key
      queue.run(() => {
        insert('c')();
        throw new Error('poisoned unit');
      }),
      queue.run(insert('d')),
    ]);
    // Nothing is visible (nor acknowledged) before the batch commits.
    expect(committed()).toEqual([]);
    const results = await settled;
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    expect(String((results[3] as PromiseRejectedResult).reason)).toMatch(/poisoned unit/);
    expect(committed()).toEqual(['a', 'b', 'd']);
    expect(counter.commits).toBe(1);
  });

  it('a lone unit commits without waiting for a later turn of the event loop', async () => {
    const queue = createGroupCommit(db);
    let turnPassed = false;
    setImmediate(() => {
      turnPassed = true;
    });
    await queue.run(insert('solo'));
    expect(turnPassed).toBe(false);
    expect(committed()).toEqual(['solo']);
  });

  it('fails every unit of a batch whose commit cannot happen, and none is stored', async () => {
    const queue = createGroupCommit(db);
    // Another connection holds the write lock past the busy timeout.
    const blocker = openDatabase(join(dir, 'test.sqlite'));
    blocker.sqlite.pragma('busy_timeout = 0');
    db.sqlite.pragma('busy_timeout = 0');
    blocker.sqlite.exec('BEGIN IMMEDIATE');
    try {
      const results = await Promise.allSettled([queue.run(insert('x')), queue.run(insert('y'))]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    } finally {
      blocker.sqlite.exec('ROLLBACK');
      blocker.close();
    }
    expect(committed()).toEqual([]);
  });

  it('refuses asynchronous work, which would escape the transaction', async () => {
    const queue = createGroupCommit(db);
    await expect(queue.run(async () => insert('late')())).rejects.toThrow(/synchronous/);
    expect(committed()).toEqual([]);
  });
});
