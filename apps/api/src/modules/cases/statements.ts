import type { Db } from '@backoffice/db';

/** The part of a better-sqlite3 statement used here, with its parameters as a plain list. */
export interface Statement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  pluck(): Statement;
  raw(toggle?: boolean): Statement;
}
/** The SQL shapes are few (one per combination of filters used), so the cache stays small. */
const STATEMENT_CACHE_LIMIT = 500;
const statementCaches = new WeakMap<Db['sqlite'], Map<string, Statement>>();

/**
 * A statement prepared once per connection (building and compiling per request cost more than running it).
 * With `rows: 'arrays'` it returns each row as an array of column values in select order: better-sqlite3
 * builds a row object natively at about twice the cost of an array (a queue page of 51 rows at 1,000,000
 * cases: 256 against 129 µs), so the queue's page reads arrays and makes its objects in JavaScript.
 */
export function prepared(db: Db, text: string, rows: 'objects' | 'arrays' = 'objects'): Statement {
  const key = rows === 'arrays' ? `arrays:${text}` : text;
  let cache = statementCaches.get(db.sqlite);
  if (!cache) {
    cache = new Map();
    statementCaches.set(db.sqlite, cache);
  }
  let statement = cache.get(key);
  if (!statement) {
    if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
    statement = db.sqlite.prepare(text) as unknown as Statement;
    if (rows === 'arrays') statement.raw(true);
    cache.set(key, statement);
  }
  return statement;
}
