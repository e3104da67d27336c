import {
  AUDIT_PAYLOADS,
  AuditAction,
  type AuditCaseSnapshot,
  type AuditSystemActor,
  type Provider,
} from '@backoffice/contracts';
import { type AuditEntry, appendAudit, canonicalJson, type Orm } from '@backoffice/db';
import type { RequestContext, SignedInUser } from '../auth/service';

/*
 * The one way the API writes an audit row (docs/architecture.md, "Audit"). The entry is checked before it
 * is chained: an unknown action, a payload of the wrong shape or one that carries a personal-data key
 * throws, and since every caller is inside the write transaction of the change it records, the change
 * rolls back with it. A change is never committed without its row, and a row never holds personal data.
 */

/** Who did it: a signed-in user with their role, the provider that called us, or one of our processes. */
export type AuditActor =
  | { type: 'user'; id: string; role: string }
  | { type: 'provider'; id: Provider }
  | { type: 'system'; id: AuditSystemActor };

/** The actor plus where the request came from; built once per request or job, never per row. */
export interface AuditContext {
  actor: AuditActor;
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/** What a row says about the change: the stored entry without the actor and request, which the context gives. */
export type AuditEmitEntry = Omit<AuditEntry, keyof AuditContextFields | 'action'> & { action: AuditAction };

type AuditContextFields = Pick<
  AuditEntry,
  'actorType' | 'actorId' | 'actorRole' | 'requestId' | 'ip' | 'userAgent'
>;

/** A refused entry: a programming error, so it surfaces as a 500 and the transaction rolls back. */
export class AuditRejected extends Error {
  constructor(action: string, problem: string) {
    super(`audit entry ${action} refused: ${problem}`);
    this.name = 'AuditRejected';
  }
}

export const userAuditContext = (user: { id: string; role: string }, request?: RequestContext | null) =>
  ({
    actor: { type: 'user', id: user.id, role: user.role },
    requestId: request?.requestId ?? null,
    ip: request?.ip ?? null,
    userAgent: request?.userAgent ?? null,
  }) satisfies AuditContext;

export const providerAuditContext = (provider: Provider, requestId?: string | null): AuditContext => ({
  actor: { type: 'provider', id: provider },
  requestId: requestId ?? null,
});

export const systemAuditContext = (id: AuditSystemActor, requestId?: string | null): AuditContext => ({
  actor: { type: 'system', id },
  requestId: requestId ?? null,
});

/** The case an audit row is about: its id and the provider's reference to it. */
export const caseAuditRef = (row: { id: number; provider: string; externalId: string }) => ({
  caseId: row.id,
  provider: row.provider,
  externalId: row.externalId,
});

/** The one snapshot of a case that goes into audit rows (see `AuditCaseSnapshot`). */
export function caseAuditSnapshot(
  row: Pick<AuditCaseSnapshot, keyof AuditCaseSnapshot> & Record<string, unknown>,
): AuditCaseSnapshot {
  return {
    status: row.status,
    providerStatus: row.providerStatus,
    riskScore: row.riskScore,
    riskBand: row.riskBand,
    warningCount: row.warningCount,
    version: row.version,
  };
}

/**
 * Keys that name personal data. A payload never carries them at any depth; a fact about them is spelled
 * differently (`nameChanged`, `noteLength`).
 */
const PERSONAL_DATA_KEYS = new Set(
  [
    'name',
    'fullName',
    'firstName',
    'lastName',
    'subjectName',
    'dateOfBirth',
    'birthDate',
    'dob',
    'documentNumber',
    'email',
    'address',
    'phone',
    'note',
    'body',
    'comment',
    'text',
    'value',
    'image',
    'portrait',
    'selfie',
    'payload',
    'password',
    'passwordHash',
  ].map((key) => key.toLowerCase()),
);

/** A payload is a label-sized fact sheet; a large one is a copied document, which belongs elsewhere. */
const MAX_PAYLOAD_CHARS = 16_384;
const MAX_REASON_CHARS = 1_000;

function personalDataKey(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = personalDataKey(item);
      if (found) return found;
    }
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (PERSONAL_DATA_KEYS.has(key.toLowerCase())) return key;
    const found = personalDataKey(inner);
    if (found) return found;
  }
  return null;
}

function checkPayload(
  action: string,
  side: 'before' | 'after',
  payload: Record<string, unknown> | null | undefined,
  schema: import('zod').ZodType | null | undefined,
): void {
  const present = payload !== null && payload !== undefined;
  if (schema === null && present) throw new AuditRejected(action, `${side} must be empty`);
  if (!present) return;
  if (typeof payload !== 'object' || Array.isArray(payload))
    throw new AuditRejected(action, `${side} must be an object`);
  if (canonicalJson(payload).length > MAX_PAYLOAD_CHARS)
    throw new AuditRejected(action, `${side} is larger than ${MAX_PAYLOAD_CHARS} characters`);
  const key = personalDataKey(payload);
  if (key) throw new AuditRejected(action, `${side} carries the personal-data key "${key}"`);
  if (schema) {
    const parsed = schema.safeParse(payload);
    if (!parsed.success)
      throw new AuditRejected(action, `${side} has the wrong shape: ${parsed.error.issues[0]?.message}`);
  }
}

/** Validates the entry, then appends it to the hash chain inside the caller's transaction. */
export function emitAudit(
  tx: Orm,
  context: AuditContext,
  entry: AuditEmitEntry,
): { id: number; hash: string } {
  const action = AuditAction.safeParse(entry.action);
  if (!action.success) throw new AuditRejected(String(entry.action), 'unknown action');
  const shape = AUDIT_PAYLOADS[action.data];
  checkPayload(action.data, 'before', entry.before, shape?.before);
  checkPayload(action.data, 'after', entry.after, shape?.after);
  if (entry.reason && entry.reason.length > MAX_REASON_CHARS)
    throw new AuditRejected(action.data, `reason is longer than ${MAX_REASON_CHARS} characters`);
  const { actor } = context;
  return appendAudit(tx, {
    actorType: actor.type,
    actorId: actor.id,
    actorRole: actor.type === 'user' ? actor.role : null,
    action: action.data,
    caseId: entry.caseId ?? null,
    provider: entry.provider ?? null,
    externalId: entry.externalId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
    requestId: context.requestId ?? null,
    ip: context.ip ?? null,
    userAgent: context.userAgent ?? null,
    at: entry.at ?? Date.now(),
  });
}

/** A signed-in user acting through a request, as the use cases take them. */
export interface RequestActor {
  user: SignedInUser;
  context: RequestContext;
}

/** The audit context of a request actor. */
export const actorAuditContext = ({ user, context }: RequestActor) => userAuditContext(user, context);
