import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { NAME_TERMS_FUNCTION, nameSearchTermsJson } from './name-terms';
import * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface Db {
  sqlite: Database.Database;
  orm: Orm;
  /**
   * Drops the ORM's prepared statements: the next run of each is prepared again through
   * `sqlite.prepare` (a test that watches `prepare` to read the query plans sees every statement).
   */
  forgetPreparedStatements(): void;
  close(): void;
}

/**
 * The nearest `drizzle/` folder (with drizzle-kit's journal) at or above this module: the repository's
 * own from the TypeScript sources, the copy beside the bundle when the API runs from its build (dist/).
 */
function findMigrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`no drizzle/meta/_journal.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const MIGRATIONS_FOLDER = findMigrationsFolder();

export interface OpenOptions {
  /** `synchronous=FULL` survives power loss, NORMAL only process crashes; FULL unless told otherwise. */
  synchronous?: 'FULL' | 'NORMAL';
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const sqlite = new Database(file, { readonly: options.readonly ?? false });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.function(NAME_TERMS_FUNCTION, { deterministic: true }, nameSearchTermsJson);
  const cached = withStatementCache(sqlite);
  const orm = drizzle({ client: cached.client, schema });
  return { sqlite, orm, forgetPreparedStatements: cached.forget, close: () => sqlite.close() };
}

/**
 * How many distinct statements the ORM's connection keeps prepared, least recently used dropped first.
 * Statements with IN lists of other lengths are other texts, so the bound keeps memory bounded.
 */
export const ORM_STATEMENT_CACHE_SIZE = 500;

/**
 * drizzle prepares its SQL again on every call, and SQLite's prepare (parsing and planning) cost as
 * much as running most of our statements: a fifth of the webhook ingestion profile. The ORM gets the
 * connection with `prepare` answered from a cache of statements by SQL text; everything else is the
 * connection itself. drizzle sets raw (array) mode on a statement just before it runs one that way, so
 * a statement handed out again starts in object mode, as a fresh one does.
 */
function withStatementCache(sqlite: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  const prepare = (source: string) => {
    let statement = statements.get(source);
    if (statement) {
      statements.delete(source);
      if (statement.reader) statement.raw(false);
    } else {
      statement = sqlite.prepare(source);
      if (statements.size >= ORM_STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
    }
    statements.set(source, statement);
    return statement;
  };
  const client = new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { client, forget: () => statements.clear() };
}

/** Applies every committed migration in `drizzle/`; returns how many are applied in total. */
export function applyMigrations(db: Db): number {
  migrate(db.orm, { migrationsFolder: MIGRATIONS_FOLDER });
  const row = db.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
  return row.n;
}

/**
 * Runs `work` in one IMMEDIATE transaction (the write lock is taken up front, so two writers never
 * deadlock on upgrade). `work` must be synchronous: better-sqlite3 commits when the callback returns,
 * so an awaited promise inside would escape the transaction.
 */
export function writeTransaction<T>(db: Db, work: (orm: Orm) => T): T {
  const run = db.sqlite.transaction(() => {
    const result = work(db.orm);
    if (result instanceof Promise) {
      throw new Error('writeTransaction callback returned a promise; transactions must be synchronous');
    }
    return result;
  });
  return run.immediate();
}
