import { type Db, type Orm, users } from '@backoffice/db';
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { UserRow } from '../auth/repo';

export function listUserRows(db: Db): UserRow[] {
  return db.orm.select().from(users).orderBy(asc(users.name), asc(users.email)).all();
}

/** Active admins other than `userId`: who would be left if this one stopped being an active admin. */
export function countOtherActiveAdmins(tx: Orm, userId: string): number {
  return tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, userId)))
    .all().length;
}

export function updateUserRow(
  tx: Orm,
  userId: string,
  changes: Partial<Pick<UserRow, 'name' | 'role' | 'disabledAt' | 'passwordHash' | 'updatedAt'>>,
): UserRow {
  return tx.update(users).set(changes).where(eq(users.id, userId)).returning().get() as UserRow;
}
