import { close, fsync, open } from 'node:fs';
import type { Db, Orm } from './client';
import { writeTransaction } from './client';

/** Past this many waiting units a batch is flushed at once rather than on the next turn of the loop. */
export const GROUP_COMMIT_MAX_BATCH = 64;
/** A unit arriving this soon after the last commit means deliveries are streaming in: wait for company. */
export const GROUP_COMMIT_BUSY_GAP_MS = 5;
/** After a batch of several, the stream is assumed to go on for this long even with gaps in between. */
export const GROUP_COMMIT_BUSY_HOLD_MS = 20;
/** Two units submitted this close together (a commit in between or not) mean a stream as well. */
export const GROUP_COMMIT_BUSY_ARRIVAL_MS = 10;

interface PendingUnit {
  work: (tx: Orm) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit {
  /**
   * Runs `work` in a SAVEPOINT of a transaction shared with the other units submitted in the same turn
   * of the event loop, and settles only after that transaction committed, durably under the
   * connection's `synchronous` setting (see `deferredWalSync` for how FULL is kept). A unit that throws is rolled back to its savepoint alone and
   * its promise rejects with that error; the others still commit. `work` must be synchronous.
   */
  run<T>(work: (tx: Orm) => T): Promise<T>;
}

/** `PRAGMA synchronous` answers with a number: 2 is FULL, 1 NORMAL. */
const SYNCHRONOUS_FULL = 2;

/**
 * Makes a committed batch durable without holding the event loop: for a file database in WAL mode
 * opened with `synchronous=FULL`, the batch commits under NORMAL (SQLite writes the WAL frames but
 * does not fsync them) and this fsyncs the WAL file on libuv's thread pool before any unit of the
 * batch is acknowledged. The frames are on disk before anyone hears of them, which is FULL's promise;
 * the difference is only that the next batch runs its statements while the disk works. A checkpoint
 * that moved frames into the main file has synced the WAL and the main file itself (SQLite does at
 * NORMAL), so a WAL rewound and overwritten since still leaves the batch durable. `null` where the
 * connection keeps its own setting (memory databases, rollback journals, connections opened at NORMAL).
 * See docs/architecture.md, "Ingestion speed".
 */
function deferredWalSync(db: Db): { before(): void; after(): void; sync(): Promise<void> } | null {
  const sqlite = db.sqlite;
  if (sqlite.memory || sqlite.readonly) return null;
  if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return null;
  if (sqlite.pragma('synchronous', { simple: true }) !== SYNCHRONOUS_FULL) return null;
  const normal = sqlite.prepare('PRAGMA synchronous = NORMAL');
  const full = sqlite.prepare('PRAGMA synchronous = FULL');
  const walFile = `${sqlite.name}-wal`;
  return {
    before: () => normal.run(),
    after: () => full.run(),
    // Opened per batch: fsync on any descriptor of a file flushes all of its written pages.
    sync: () =>
      new Promise<void>((resolve, reject) => {
        open(walFile, 'r', (openError, fd) => {
          if (openError) return reject(openError);
          fsync(fd, (syncError) => close(fd, () => (syncError ? reject(syncError) : resolve())));
        });
      }),
  };
}

/**
 * One commit (one fsync under `synchronous=FULL`) costs far more than the statements of one webhook,
 * so concurrent units share it. Units run in submission order, each seeing the ones before it, which is
 * what makes a repeated key inside one batch behave exactly as it would across two transactions.
 */
export function createGroupCommit(db: Db): GroupCommit {
  const walSync = deferredWalSync(db);
  let pending: PendingUnit[] = [];
  let scheduled = false;
  let lastFlushEndedAt = Number.NEGATIVE_INFINITY;
  let lastBatchSize = 0;
  let lastSubmittedAt = Number.NEGATIVE_INFINITY;

  // Waiting costs a lone delivery a turn of the event loop; under a stream of deliveries, that turn is
  // what lets the others (their bytes already read) join the same commit.
  const busy = (now: number) => {
    const gap = now - lastFlushEndedAt;
    return (
      gap < GROUP_COMMIT_BUSY_GAP_MS ||
      now - lastSubmittedAt < GROUP_COMMIT_BUSY_ARRIVAL_MS ||
      (lastBatchSize > 1 && gap < GROUP_COMMIT_BUSY_HOLD_MS)
    );
  };

  const flush = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      commit(batch);
    } finally {
      lastFlushEndedAt = performance.now();
      lastBatchSize = batch.length;
    }
  };

  const commit = (batch: PendingUnit[]) => {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    walSync?.before();
    try {
      writeTransaction(db, (tx) => {
        for (const unit of batch) {
          try {
            // Nested better-sqlite3 transactions are SAVEPOINTs: a failure undoes this unit only.
            const value = db.sqlite.transaction(() => {
              const result = unit.work(tx);
              if (result instanceof Promise) {
                throw new Error('group commit work returned a promise; it must be synchronous');
              }
              return result;
            })();
            outcomes.push({ ok: true, value });
          } catch (error) {
            // Some errors (disk full, I/O) make SQLite abandon the whole transaction: what follows would
            // then run in autocommit outside the batch, so the batch fails as a whole instead.
            if (!db.sqlite.inTransaction) throw error;
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const unit of batch) unit.reject(error);
      return;
    } finally {
      walSync?.after();
    }
    const settle = () =>
      batch.forEach((unit, i) => {
        const outcome = outcomes[i];
        if (outcome?.ok) unit.resolve(outcome.value);
        else unit.reject(outcome?.error);
      });
    if (!walSync) return settle();
    walSync.sync().then(settle, (error) => {
      // Committed but not known to be on disk: nobody is told it was stored. A provider retries, and the
      // retry finds its event recorded (a duplicate) once the disk has it.
      for (const unit of batch) unit.reject(error);
    });
  };

  return {
    run<T>(work: (tx: Orm) => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const now = performance.now();
        const streaming = busy(now);
        lastSubmittedAt = now;
        pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (pending.length >= GROUP_COMMIT_MAX_BATCH) {
          flush();
        } else if (!scheduled) {
          scheduled = true;
          // Busy: after the I/O callbacks of this turn, so every request whose body already arrived joins.
          // Idle: right after the current callback, so a lone delivery waits for nothing.
          if (streaming) setImmediate(flush);
          else queueMicrotask(flush);
        }
      });
    },
  };
}

const perDatabase = new WeakMap<Db, GroupCommit>();

/** The one group-commit queue of a connection (one writer, so one queue). */
export function groupCommitFor(db: Db): GroupCommit {
  let queue = perDatabase.get(db);
  if (!queue) {
    queue = createGroupCommit(db);
    perDatabase.set(db, queue);
  }
  return queue;
}
