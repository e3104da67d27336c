import type {
  CaseComment,
  CaseSummary,
  MetadataEntry,
  SetMetadataRequest,
  UserRef,
} from '@backoffice/contracts';
import { type CaseRow, type Orm, writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { findCaseForUpdate } from '../actions/repo';
import { actorAuditContext, caseAuditRef, emitAudit, type RequestActor } from '../audit/emit';
import { writeAssignment } from '../cases/assignment';
import { toCaseSummary } from '../cases/service';
import {
  activeUsers,
  deleteMetadata,
  findActiveUser,
  insertComment,
  metadataOf,
  upsertMetadata,
} from './repo';
import { toCommentViews, toMetadataViews } from './view';

type Actor = RequestActor;

const auditContext = actorAuditContext;

/*
 * Comments, metadata and assignment are local working notes: they never reach the provider and do not
 * bump the case version, so writing a note never makes a colleague's pending decision stale.
 */

/**
 * Writes a note on the case in one transaction (404 when there is no such case), then tells open screens
 * the case changed. The case version stays as it was: see above.
 */
function writeNote<T>(deps: AppDeps, caseId: number, write: (tx: Orm, target: CaseRow) => T): T {
  const written = writeTransaction(deps.db, (tx) => {
    const target = findCaseForUpdate(tx, caseId);
    if (!target) throw notFound(`Case ${caseId}`);
    return { note: write(tx, target), status: target.status, version: target.version };
  });
  deps.events.publishCaseChanged({ id: caseId, status: written.status, version: written.version });
  return written.note;
}

export function addComment(deps: AppDeps, actor: Actor, caseId: number, body: string): CaseComment {
  const now = deps.now();
  return writeNote(deps, caseId, (tx, target) => {
    const row = insertComment(tx, { caseId, authorId: actor.user.id, body, createdAt: now });
    // The comment text stays in its own table: free text may name the person, the audit row must not.
    emitAudit(tx, auditContext(actor), {
      ...caseAuditRef(target),
      action: 'case.comment_added',
      after: { commentId: row.id, length: body.length },
      at: now,
    });
    const [comment] = toCommentViews(tx, [row]);
    return comment as CaseComment;
  });
}

export function setMetadata(
  deps: AppDeps,
  actor: Actor,
  caseId: number,
  request: SetMetadataRequest,
): MetadataEntry[] {
  const now = deps.now();
  return writeNote(deps, caseId, (tx, target) => {
    const keys = request.entries.map((entry) => entry.key);
    if (new Set(keys).size !== keys.length) {
      throw new AppError(400, 'invalid_request', 'Each metadata key may appear once per request.');
    }
    const before = new Map(metadataOf(tx, caseId).map((row) => [row.key, row.value]));
    for (const entry of request.entries) {
      if (entry.value === null) deleteMetadata(tx, caseId, entry.key);
      else
        upsertMetadata(tx, {
          caseId,
          key: entry.key,
          value: entry.value,
          updatedBy: actor.user.id,
          updatedAt: now,
        });
    }
    // Keys only: values are free text that may carry personal data.
    emitAudit(tx, auditContext(actor), {
      ...caseAuditRef(target),
      action: 'case.metadata_changed',
      before: { keys: keys.filter((key) => before.has(key)) },
      after: {
        set: request.entries.filter((entry) => entry.value !== null).map((entry) => entry.key),
        removed: request.entries
          .filter((entry) => entry.value === null && before.has(entry.key))
          .map((entry) => entry.key),
      },
      at: now,
    });
    return toMetadataViews(tx, metadataOf(tx, caseId));
  });
}

export function assignCase(
  deps: AppDeps,
  actor: Actor,
  caseId: number,
  assigneeId: string | null,
): CaseSummary {
  const now = deps.now();
  const updated = writeTransaction(deps.db, (tx) => {
    const target = findCaseForUpdate(tx, caseId);
    if (!target) throw notFound(`Case ${caseId}`);
    if (assigneeId !== null && !findActiveUser(tx, assigneeId)) {
      throw new AppError(400, 'invalid_assignee', 'The assignee must be an active user.');
    }
    return writeAssignment(tx, auditContext(actor), target, assigneeId, now);
  });
  deps.events.publishCaseChanged({ id: updated.id, status: updated.status, version: updated.version });
  return toCaseSummary(updated);
}

export function assignableUsers(deps: AppDeps): UserRef[] {
  return activeUsers(deps.db.orm);
}
