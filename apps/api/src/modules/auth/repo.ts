import { type Db, type Orm, userSessions, users } from '@backoffice/db';
import { and, eq, lt, ne } from 'drizzle-orm';
import { preparedRowBy } from '../../platform/prepared-repo';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof userSessions.$inferSelect;

export function findUserByEmail(db: Db | Orm, email: string): UserRow | undefined {
  const orm = 'orm' in db ? db.orm : db;
  return orm.select().from(users).where(eq(users.email, email.toLowerCase())).get();
}

export function insertUser(tx: Orm, values: typeof users.$inferInsert): UserRow {
  return tx.insert(users).values(values).returning().get();
}

export function setLastLogin(tx: Orm, userId: string, at: number): void {
  tx.update(users).set({ lastLoginAt: at }).where(eq(users.id, userId)).run();
}

export function insertSession(tx: Orm, values: typeof userSessions.$inferInsert): void {
  tx.insert(userSessions).values(values).run();
}

export function deleteSession(tx: Orm, tokenHash: string): void {
  tx.delete(userSessions).where(eq(userSessions.tokenHash, tokenHash)).run();
}

/** Every session of the user, but the one kept (the caller's own), if any. */
export function deleteSessionsOfUser(tx: Orm, userId: string, keepTokenHash: string | null): void {
  const condition = keepTokenHash
    ? and(eq(userSessions.userId, userId), ne(userSessions.tokenHash, keepTokenHash))
    : eq(userSessions.userId, userId);
  tx.delete(userSessions).where(condition).run();
}

export function slideSession(tx: Orm, tokenHash: string, lastSeenAt: number, expiresAt: number): void {
  tx.update(userSessions).set({ lastSeenAt, expiresAt }).where(eq(userSessions.tokenHash, tokenHash)).run();
}

/**
 * Every API request looks up its session and user; these two queries are built and compiled once per
 * connection (drizzle prepared statements) instead of per request. Nothing is cached but the SQL, so a
 * sign-out or a disabled user takes effect on the very next request.
 */
const userById = preparedRowBy(users, users.id, 'id');
const sessionByTokenHash = preparedRowBy(userSessions, userSessions.tokenHash, 'tokenHash');

export function findUserById(db: Db | Orm, id: string): UserRow | undefined {
  return userById('orm' in db ? db.orm : db).get({ id });
}

export function findSession(db: Db, tokenHash: string): SessionRow | undefined {
  return sessionByTokenHash(db.orm).get({ tokenHash });
}

export function deleteExpiredSessions(db: Db, now: number): void {
  db.orm.delete(userSessions).where(lt(userSessions.expiresAt, now)).run();
}
