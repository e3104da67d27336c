import { type Db, type Orm, userSessions, users } from '@backoffice/db';
import { eq, lt } from 'drizzle-orm';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof userSessions.$inferSelect;

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.orm.select().from(users).where(eq(users.email, email.toLowerCase())).get();
}

export function findUserById(db: Db | Orm, id: string): UserRow | undefined {
  const orm = 'orm' in db ? db.orm : db;
  return orm.select().from(users).where(eq(users.id, id)).get();
}

export function findSession(db: Db, tokenHash: string): SessionRow | undefined {
  return db.orm.select().from(userSessions).where(eq(userSessions.tokenHash, tokenHash)).get();
}

export function deleteExpiredSessions(db: Db, now: number): void {
  db.orm.delete(userSessions).where(lt(userSessions.expiresAt, now)).run();
}
