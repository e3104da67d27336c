import { getTableColumns, type Placeholder, sql, type Table } from 'drizzle-orm';
import type { Orm } from './client';

/**
 * A drizzle query built once per connection and run many times with its placeholders filled.
 *
 * drizzle turns a query's objects into SQL again on every call, and on the webhook path that building
 * cost more than SQLite running the statements (docs/architecture.md, "Ingestion speed"). A query made
 * here is built and prepared on first use for each connection and then only bound and run. Nothing but
 * the SQL is kept, so every run reads the database as it is.
 */
export function preparedQuery<T>(build: (orm: Orm) => T): (orm: Orm) => T {
  const perConnection = new WeakMap<Orm, T>();
  return (orm) => {
    let query = perConnection.get(orm);
    if (query === undefined) {
      query = build(orm);
      perConnection.set(orm, query);
    }
    return query;
  };
}

type Columns<T extends Table> = T['_']['columns'];

/**
 * One placeholder per column of `table` (but `omit`), named after the column's key: the values of an
 * insert that always writes every column, so one prepared statement serves every row.
 */
export function placeholdersFor<T extends Table, K extends keyof Columns<T> & string = never>(
  table: T,
  omit: readonly K[] = [],
): Record<Exclude<keyof Columns<T> & string, K>, Placeholder> {
  const values: Record<string, Placeholder> = {};
  for (const key of Object.keys(getTableColumns(table))) {
    if (!(omit as readonly string[]).includes(key)) values[key] = sql.placeholder(key);
  }
  return values as Record<Exclude<keyof Columns<T> & string, K>, Placeholder>;
}

/**
 * A complete row for a prepared insert of every column: each column `values` leaves out takes the
 * schema's default, or null, exactly as a plain insert would have left it.
 */
export function completeRow<T extends Table, V extends Partial<T['$inferInsert']>>(
  table: T,
  values: V,
): Record<keyof Columns<T> & string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const given = (values as Record<string, unknown>)[key];
    if (given !== undefined) row[key] = given;
    else if (column.hasDefault && column.default !== undefined) {
      if (typeof column.default === 'object' && column.default !== null)
        throw new Error(`column ${key} has an SQL default; a prepared insert cannot reproduce it`);
      row[key] = column.default;
    } else row[key] = null;
  }
  return row as Record<keyof Columns<T> & string, unknown>;
}
