import { preparedQuery } from '@backoffice/db';
import { eq, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * `SELECT * FROM table WHERE column = :name` as a statement built once per connection: the shape of the
 * single-key reads on hot paths (a request's session and user, a setting). Run it with `.get({ [name]: … })`.
 */
export function preparedRowBy<const T extends SQLiteTable>(table: T, column: SQLiteColumn, name: string) {
  return preparedQuery((orm) =>
    orm
      .select()
      .from(table)
      .where(eq(column, sql.placeholder(name)))
      .prepare(),
  );
}
