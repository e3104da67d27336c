import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Db, openDatabase } from './client';
import { createGroupCommit } from './group-commit';

/** fsyncs the group commit asked for while a test held them: the file, and the call to let it finish. */
const heldFsyncs: { path: string; finish: () => void }[] = [];
let holding: { error: Error | null } | null = null;
const openedPaths = new Map<number, string>();

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    open: ((path: string, flags: string, callback: (error: Error | null, fd: number) => void) =>
      real.open(path, flags, (error, fd) => {
        if (!error) openedPaths.set(fd, path);
        callback(error, fd);
      })) as typeof real.open,
    fsync: ((fd: number, callback: (error: Error | null) => void) => {
      const hold = holding;
      if (!hold) return real.fsync(fd, callback);
      heldFsyncs.push({
        path: openedPaths.get(fd) ?? '?',
        finish: () => (hold.error ? callback(hold.error) : real.fsync(fd, callback)),
      });
    }) as typeof real.fsync,
  };
});

/** Holds the group commit's next fsync until the returned call (which then fails with `error`, if given). */
function holdNextFsync(error: Error | null = null): () => void {
  holding = { error };
  return () => {
    holding = null;
    for (const held of heldFsyncs) held.finish();
  };
}

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
  holding = null;
  heldFsyncs.length = 0;
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
    let committedByNextTurn: string[] | null = null;
    setImmediate(() => {
      committedByNextTurn = committed();
    });
    const stored = queue.run(insert('solo'));
    await Promise.resolve();
    // Committed within this turn; the answer itself waits only for the WAL's fsync (below).
    expect(committed()).toEqual(['solo']);
    await stored;
    await new Promise((resolve) => setImmediate(resolve));
    expect(committedByNextTurn).toEqual(['solo']);
  });

  it('under synchronous=FULL, acknowledges a batch only after its WAL is fsynced, and keeps the connection at FULL', async () => {
    const queue = createGroupCommit(db);
    const release = holdNextFsync();
    let acknowledged = false;
    const stored = queue.run(insert('durable')).then(() => {
      acknowledged = true;
    });
    await vi.waitFor(() => expect(heldFsyncs.length).toBe(1), { timeout: 10_000 });
    // Committed (another connection reads it) but nobody has been told yet.
    expect(committed()).toEqual(['durable']);
    expect(acknowledged).toBe(false);
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    release();
    await stored;
    expect(acknowledged).toBe(true);
    expect(heldFsyncs[0]?.path).toBe(`${join(dir, 'test.sqlite')}-wal`);
  });

  it('rejects every unit of a batch whose WAL fsync fails', async () => {
    const queue = createGroupCommit(db);
    const release = holdNextFsync(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    const results = Promise.allSettled([queue.run(insert('p')), queue.run(insert('q'))]);
    await vi.waitFor(() => expect(heldFsyncs.length).toBe(1), { timeout: 10_000 });
    release();
    expect((await results).map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('a connection opened at synchronous=NORMAL keeps its setting and does not fsync on its own', async () => {
    const normal = openDatabase(join(dir, 'normal.sqlite'), { synchronous: 'NORMAL' });
    try {
      normal.sqlite.exec('CREATE TABLE item (k TEXT PRIMARY KEY)');
      const queue = createGroupCommit(normal);
      holdNextFsync();
      await queue.run(() => normal.sqlite.prepare('INSERT INTO item (k) VALUES (?)').run('n').changes);
      expect(heldFsyncs).toEqual([]);
      expect(normal.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      normal.close();
    }
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
