import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type Me, ROLE_PERMISSIONS, type Role } from '@backoffice/contracts';
import { type Db, writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { type AuditContext, emitAudit, systemAuditContext, userAuditContext } from '../audit/emit';
import { DEMO_USERS } from './demo-users';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import {
  deleteSession,
  deleteSessionsOfUser,
  findSession,
  findUserByEmail,
  findUserById,
  insertSession,
  insertUser,
  type SessionRow,
  setLastLogin,
  slideSession,
  type UserRow,
} from './repo';

/** A session ends after this long without use, and in any case after the absolute lifetime. */
export const SESSION_IDLE_MS = 2 * 3_600_000;
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** Sliding the idle expiry on every request would write on every read; once a minute is plenty. */
const TOUCH_INTERVAL_MS = 60_000;

export interface RequestContext {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionTokenHash: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function toMe(user: Pick<UserRow, 'id' | 'email' | 'name' | 'role'>): Me {
  const role = user.role as Role;
  return { id: user.id, email: user.email, name: user.name, role, permissions: [...ROLE_PERMISSIONS[role]] };
}

/** A failed sign-in is the account's when it exists, else nobody's (the e-mail is not recorded). */
const signInAuditContext = (user: UserRow | undefined, context: RequestContext): AuditContext =>
  user
    ? userAuditContext(user, context)
    : { ...systemAuditContext('anonymous', context.requestId), ip: context.ip, userAgent: context.userAgent };

export async function createUser(
  db: Db,
  input: { email: string; name: string; role: Role; password: string },
  audit: { context: AuditContext; now: number },
): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  const email = input.email.toLowerCase();
  return writeTransaction(db, (tx) => {
    const existing = findUserByEmail(tx, email);
    if (existing) throw new AppError(409, 'user_exists', 'A user with this e-mail already exists.');
    const row = insertUser(tx, {
      id: randomUUID(),
      email,
      name: input.name,
      role: input.role,
      passwordHash,
      createdAt: audit.now,
      updatedAt: audit.now,
    });
    emitAudit(tx, audit.context, {
      action: 'user.created',
      after: { userId: row.id, role: row.role },
      at: audit.now,
    });
    return row;
  });
}

/**
 * Signs in: verifies the password (argon2id), then in one transaction removes the session the browser
 * presented (rotation: a planted session id never becomes authenticated), creates a fresh one and audits it.
 */
export async function signIn(
  deps: AppDeps,
  email: string,
  password: string,
  previousTokenHash: string | null,
  context: RequestContext,
): Promise<{ token: string; user: UserRow; expiresAt: number }> {
  const user = findUserByEmail(deps.db, email);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  const now = deps.now();
  if (!user || !passwordOk || user.disabledAt !== null) {
    writeTransaction(deps.db, (tx) =>
      emitAudit(tx, signInAuditContext(user, context), {
        action: 'auth.sign_in_failed',
        reason: !user ? 'unknown account' : user.disabledAt !== null ? 'account disabled' : 'wrong password',
        at: now,
      }),
    );
    throw new AppError(401, 'invalid_credentials', 'The e-mail or password is not correct.');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_IDLE_MS;
  writeTransaction(deps.db, (tx) => {
    if (previousTokenHash) deleteSession(tx, previousTokenHash);
    insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: now,
      expiresAt,
      lastSeenAt: now,
      ip: context.ip,
      userAgent: context.userAgent,
    });
    setLastLogin(tx, user.id, now);
    emitAudit(tx, userAuditContext(user, context), { action: 'auth.signed_in', at: now });
  });
  return { token, user, expiresAt };
}

/** A sign-in refused by the account backoff before the password was checked; audited like a failure. */
export function auditThrottledSignIn(deps: AppDeps, email: string, context: RequestContext): void {
  const user = findUserByEmail(deps.db, email);
  writeTransaction(deps.db, (tx) =>
    emitAudit(tx, signInAuditContext(user, context), {
      action: 'auth.sign_in_failed',
      reason: 'account throttled',
      at: deps.now(),
    }),
  );
}

export function signOut(deps: AppDeps, user: SignedInUser, context: RequestContext): void {
  writeTransaction(deps.db, (tx) => {
    deleteSession(tx, user.sessionTokenHash);
    emitAudit(tx, userAuditContext(user, context), { action: 'auth.signed_out', at: deps.now() });
  }); // After commit: open event streams of this user re-check their session and the ended one closes.
  deps.events.publishSessionsChanged(user.id);
}

/** Ends every other session of a user (after a password change or when disabling the account). */
export function endOtherSessions(db: Db, userId: string, keepTokenHash: string | null): void {
  deleteSessionsOfUser(db.orm, userId, keepTokenHash);
}

/** The session and its user while valid (not idle- or absolute-expired, account enabled); an expired row is deleted. */
function liveSession(deps: AppDeps, tokenHash: string): { session: SessionRow; user: UserRow } | null {
  const session = findSession(deps.db, tokenHash);
  const now = deps.now();
  if (!session) return null;
  if (session.expiresAt <= now || session.createdAt + SESSION_ABSOLUTE_MS <= now) {
    deleteSession(deps.db.orm, tokenHash);
    return null;
  }
  const user = findUserById(deps.db, session.userId);
  if (!user || user.disabledAt !== null) return null;
  return { session, user };
}

/**
 * For long-lived responses (the event stream): when the session they were opened with ends unless it is
 * used again (idle or absolute expiry, whichever is first), or null when it has already ended.
 */
export function sessionDeadline(deps: AppDeps, tokenHash: string): number | null {
  const live = liveSession(deps, tokenHash);
  if (!live) return null;
  return Math.min(live.session.expiresAt, live.session.createdAt + SESSION_ABSOLUTE_MS);
}

/**
 * The signed-in user of a session cookie, or null when missing, expired or the account is disabled.
 * `slidTo` is the new idle expiry when this request moved it (the cookie must then move with it).
 */
export function resolveSession(
  deps: AppDeps,
  token: string,
): { user: SignedInUser; slidTo: number | null } | null {
  const tokenHash = hashToken(token);
  const live = liveSession(deps, tokenHash);
  if (!live) return null;
  const { session, user } = live;
  const now = deps.now();
  let slidTo: number | null = null;
  if (now - session.lastSeenAt > TOUCH_INTERVAL_MS) {
    slidTo = Math.min(now + SESSION_IDLE_MS, session.createdAt + SESSION_ABSOLUTE_MS);
    slideSession(deps.db.orm, tokenHash, now, slidTo);
  }
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role as Role,
      sessionTokenHash: tokenHash,
    },
    slidTo,
  };
}

export async function seedDemoUsers(deps: AppDeps): Promise<void> {
  for (const user of DEMO_USERS) {
    if (findUserByEmail(deps.db, user.email)) continue;
    await createUser(deps.db, user, { context: systemAuditContext('bootstrap'), now: deps.now() });
  }
}

export { DEMO_USERS, findUserById };
