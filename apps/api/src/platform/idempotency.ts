import { createHash } from 'node:crypto';
import { canonicalJson, type Db, type Orm, writeTransaction } from '@backoffice/db';
import { AppError } from './errors';
import { deleteStoredResponsesBefore, findStoredResponse, storeResponse } from './idempotency-repo';

/** Stored responses are kept at least this long (docs/reliability.md R11); older ones are purged on a timer. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;

/** A UUID, or any other unguessable token of the same kind; never anything that could carry data. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export interface IdempotencyScope {
  userId: string;
  key: string;
  method: string;
  path: string;
  /** SHA-256 of everything that makes the request what it is (body, preconditions). */
  fingerprint: string;
}

export interface StoredResponse<Body> {
  status: 200 | 201 | 202;
  body: Body;
  replayed: boolean;
}

/** The body of an idempotent response; a replayed one is marked with the `Idempotent-Replayed` header. */
export function replayAwareBody<Body>(
  c: { header(name: string, value: string): void },
  result: Pick<StoredResponse<Body>, 'body' | 'replayed'>,
): Body {
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
  return result.body;
}

/** Reads the `Idempotency-Key` header: 400 when it is required and missing, or malformed. */
export function idempotencyKeyOf(header: string | undefined, required: true): string;
export function idempotencyKeyOf(header: string | undefined, required: boolean): string | null;
export function idempotencyKeyOf(header: string | undefined, required: boolean): string | null {
  const key = header?.trim();
  if (!key) {
    if (!required) return null;
    throw new AppError(
      400,
      'idempotency_key_required',
      'Send an Idempotency-Key header (a new UUID per intended change) so a retried request is applied once.',
    );
  }
  if (!KEY_PATTERN.test(key)) {
    throw new AppError(
      400,
      'invalid_idempotency_key',
      'The Idempotency-Key must be a UUID (16–128 letters, digits, - or _).',
    );
  }
  return key;
}

export function requestFingerprint(parts: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

/**
 * Runs `work` once per (user, key) inside the caller's write transaction, so the change and its stored
 * response commit together: a replay with the same request returns the stored response, the same key
 * with a different request is refused with 422. Only successes are stored; a refused request changed
 * nothing, so sending it again re-evaluates it against the current state.
 */
export function runIdempotent<Body>(
  tx: Orm,
  scope: IdempotencyScope | null,
  now: number,
  work: () => { status: 200 | 201 | 202; body: Body },
): StoredResponse<Body> {
  if (!scope) return { ...work(), replayed: false };
  const stored = findStoredResponse(tx, scope.userId, scope.key);
  if (stored) {
    if (
      stored.method !== scope.method ||
      stored.path !== scope.path ||
      stored.requestHash !== scope.fingerprint
    ) {
      throw new AppError(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different request; send a new key for a new change.',
      );
    }
    return {
      status: stored.responseStatus as 200 | 201 | 202,
      body: JSON.parse(stored.responseBody) as Body,
      replayed: true,
    };
  }
  const result = work();
  storeResponse(tx, {
    userId: scope.userId,
    key: scope.key,
    method: scope.method,
    path: scope.path,
    requestHash: scope.fingerprint,
    responseStatus: result.status,
    responseBody: JSON.stringify(result.body),
    createdAt: now,
  });
  return { ...result, replayed: false };
}

/** A signed-in user's POST, as its Idempotency-Key record knows it. */
export interface IdempotentPost {
  userId: string;
  key: string;
  path: string;
  /** Everything that makes the request what it is (body, preconditions); stored as its fingerprint. */
  request: Record<string, unknown>;
}

/**
 * A user's POST applied once per Idempotency-Key: `work` runs in one write transaction with its stored
 * response (`runIdempotent`), at a `now` taken before the transaction waits for the write lock.
 */
export function applyIdempotentPost<Body>(
  deps: { db: Db; now: () => number },
  post: IdempotentPost,
  work: (tx: Orm, now: number) => { status: 200 | 201 | 202; body: Body },
): StoredResponse<Body> {
  const now = deps.now();
  const scope: IdempotencyScope = {
    userId: post.userId,
    key: post.key,
    method: 'POST',
    path: post.path,
    fingerprint: requestFingerprint(post.request),
  };
  return writeTransaction(deps.db, (tx) => runIdempotent(tx, scope, now, () => work(tx, now)));
}

/** Forgets stored responses older than the retention; returns how many went. */
export function purgeIdempotencyKeys(db: Db, now: number): number {
  return deleteStoredResponsesBefore(db.orm, now - IDEMPOTENCY_RETENTION_MS);
}
