import type { Db } from '@backoffice/db';

/** The part of a better-sqlite3 statement used here, with its parameters as a plain list. */
export interface Statement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  pluck(): Statement;
}
/** The SQL shapes are few (one per combination of filters used), so the cache stays small. */
const STATEMENT_CACHE_LIMIT = 500;
const statementCaches = new WeakMap<Db['sqlite'], Map<string, Statement>>();

/** A statement prepared once per connection (building and compiling per request cost more than running it). */
export function prepared(db: Db, text: string): Statement {
  let cache = statementCaches.get(db.sqlite);
  if (!cache) {
    cache = new Map();
    statementCaches.set(db.sqlite, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
    statement = db.sqlite.prepare(text) as unknown as Statement;
    cache.set(text, statement);
  }
  return statement;
}
