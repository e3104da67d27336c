import type { CreateUserRequest, Role, UpdateUserRequest, UserView } from '@backoffice/contracts';
import { type Db, writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { actorAuditContext, emitAudit, type RequestActor } from '../audit/emit';
import { hashPassword } from '../auth/password';
import { findUserById, type UserRow } from '../auth/repo';
import { createUser, endOtherSessions } from '../auth/service';
import { countOtherActiveAdmins, listUserRows, updateUserRow } from './repo';

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    disabled: row.disabledAt !== null,
    lastLoginAt: row.lastLoginAt === null ? null : new Date(row.lastLoginAt).toISOString(),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export function listUsers(db: Db): UserView[] {
  return listUserRows(db).map(toUserView);
}

/** Creates a staff account (409 when the e-mail is taken); `createUser` audits it as `user.created`. */
export async function createStaffUser(
  deps: AppDeps,
  actor: RequestActor,
  input: CreateUserRequest,
): Promise<UserView> {
  const row = await createUser(deps.db, input, {
    context: actorAuditContext(actor),
    now: deps.now(),
  });
  return toUserView(row);
}

/**
 * Changes a staff account. Disabling it or setting a new password ends its sessions in the same
 * transaction (an admin changing their own password keeps the session they are using). An admin cannot
 * lock themselves out, and the last active admin can be neither disabled nor demoted: both are 409s
 * checked inside the write transaction, so two admins demoting each other at once cannot both win.
 */
export async function updateStaffUser(
  deps: AppDeps,
  actor: RequestActor,
  userId: string,
  input: UpdateUserRequest,
): Promise<UserView> {
  // Hashing is slow and async, so it happens before the (synchronous) transaction.
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  const now = deps.now();
  const row = writeTransaction(deps.db, (tx) => {
    const target = findUserById(tx, userId);
    if (!target) throw notFound('The user');
    const wasActiveAdmin = target.role === 'admin' && target.disabledAt === null;
    const role = input.role ?? (target.role as Role);
    const disabled = input.disabled ?? target.disabledAt !== null;
    const staysActiveAdmin = role === 'admin' && !disabled;
    if (wasActiveAdmin && !staysActiveAdmin) {
      if (target.id === actor.user.id) {
        throw new AppError(
          409,
          'cannot_lock_out_self',
          'You cannot disable your own account or remove your own admin role; ask another admin.',
        );
      }
      if (countOtherActiveAdmins(tx, target.id) === 0) {
        throw new AppError(
          409,
          'last_admin',
          'This is the last active admin; make someone else an admin first.',
        );
      }
    }

    const changes: Parameters<typeof updateUserRow>[2] = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== target.name) {
      changes.name = input.name;
      // Staff names are personal data: the audit records that the name changed, not the names.
      after.nameChanged = true;
    }
    if (role !== target.role) {
      changes.role = role;
      before.role = target.role;
      after.role = role;
    }
    if (disabled !== (target.disabledAt !== null)) {
      changes.disabledAt = disabled ? now : null;
      before.disabled = !disabled;
      after.disabled = disabled;
    }
    if (passwordHash !== undefined) {
      changes.passwordHash = passwordHash;
      after.passwordChanged = true;
    }
    if (Object.keys(changes).length === 0) return target;

    const updated = updateUserRow(tx, target.id, { ...changes, updatedAt: now });
    const endsSessions = (changes.disabledAt !== undefined && disabled) || passwordHash !== undefined;
    if (endsSessions) {
      const keep = target.id === actor.user.id ? actor.user.sessionTokenHash : null;
      // Same connection, so this delete is part of the transaction and rolls back with it.
      endOtherSessions(deps.db, target.id, keep);
      after.sessionsEnded = true;
    }
    emitAudit(tx, actorAuditContext(actor), {
      action: 'user.updated',
      before: { userId: target.id, ...before },
      after: { userId: target.id, ...after },
      at: now,
    });
    return updated;
  });
  // After commit, so a stream that re-checks sees the ended sessions and the disabled account.
  deps.events.publishSessionsChanged(row.id);
  return toUserView(row);
}
