import type { UserRef } from '@backoffice/contracts';
import { type Orm, users } from '@backoffice/db';
import { and, asc, inArray, isNull } from 'drizzle-orm';

/** Active users with one of `roles`, by name. */
export function activeUsersWithRoles(db: Orm, roles: string[]): UserRef[] {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(isNull(users.disabledAt), inArray(users.role, roles)))
    .orderBy(asc(users.name))
    .all();
}
