import type { CreateTagRequest, Tag, TagColour, UpdateTagRequest } from '@backoffice/contracts';
import { type CaseRow, type Orm, writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { findCaseForUpdate } from '../actions/repo';
import { actorAuditContext, caseAuditRef, emitAudit, type RequestActor } from '../audit/emit';
import {
  allTags,
  caseHasTag,
  deleteCaseTag,
  findTag,
  findTagByName,
  insertCaseTag,
  insertTag,
  type TagRow,
  tagsOfCase,
  updateTag,
} from './repo';

export type Actor = RequestActor;

export const auditContext = actorAuditContext;

export function toTag(row: TagRow): Tag {
  return { id: row.id, name: row.name, colour: row.colour as TagColour, retired: row.retiredAt !== null };
}

export function listTags(deps: AppDeps): Tag[] {
  return allTags(deps.db.orm).map(toTag);
}

function refuseDuplicateName(tx: Orm, name: string, exceptId?: number) {
  const existing = findTagByName(tx, name);
  if (existing && existing.id !== exceptId) {
    throw new AppError(409, 'tag_name_taken', `A tag named "${existing.name}" already exists.`);
  }
}

/*
 * Tag names and colours are labels from a fixed shape (see TagName in contracts), so the audit rows
 * carry them: a reader of the log sees what "tag 7" meant at the time.
 */

export function createTag(deps: AppDeps, actor: Actor, request: CreateTagRequest): Tag {
  const now = deps.now();
  return writeTransaction(deps.db, (tx) => {
    refuseDuplicateName(tx, request.name);
    const row = insertTag(tx, {
      name: request.name,
      colour: request.colour,
      createdBy: actor.user.id,
      createdAt: now,
      updatedAt: now,
    });
    emitAudit(tx, auditContext(actor), {
      action: 'tag.created',
      after: { tagId: row.id, tagName: row.name, colour: row.colour },
      at: now,
    });
    return toTag(row);
  });
}

export function changeTag(deps: AppDeps, actor: Actor, id: number, request: UpdateTagRequest): Tag {
  const now = deps.now();
  return writeTransaction(deps.db, (tx) => {
    const current = findTag(tx, id);
    if (!current) throw notFound(`Tag ${id}`);
    if (request.name !== undefined) refuseDuplicateName(tx, request.name, id);
    const retiredAt =
      request.retired === undefined ? current.retiredAt : request.retired ? (current.retiredAt ?? now) : null;
    const row = updateTag(tx, id, {
      name: request.name ?? current.name,
      colour: request.colour ?? current.colour,
      retiredAt,
      updatedAt: now,
    });
    const before = toTag(current);
    const after = toTag(row);
    if (JSON.stringify(before) === JSON.stringify(after)) return after;
    emitAudit(tx, auditContext(actor), {
      action:
        before.retired !== after.retired ? (after.retired ? 'tag.retired' : 'tag.restored') : 'tag.updated',
      before: { tagId: id, tagName: before.name, colour: before.colour, retired: before.retired },
      after: { tagId: id, tagName: after.name, colour: after.colour, retired: after.retired },
      at: now,
    });
    return after;
  });
}

/** A tag that can be put on a case: it exists and is not retired (checked once per request). */
export function tagToAdd(db: Orm, tagId: number): TagRow {
  const tag = findTag(db, tagId);
  if (!tag) throw notFound(`Tag ${tagId}`);
  if (tag.retiredAt !== null) {
    throw new AppError(409, 'tag_retired', `The tag "${tag.name}" is retired and can no longer be added.`);
  }
  return tag;
}

export function tagToRemove(db: Orm, tagId: number): TagRow {
  const tag = findTag(db, tagId);
  if (!tag) throw notFound(`Tag ${tagId}`);
  return tag;
}

/**
 * Puts the tag on the case inside the caller's transaction, with its audit row. Tags are local working
 * notes like comments: they do not bump the case version, so tagging never makes a pending decision stale.
 */
export function applyTag(
  tx: Orm,
  actor: Actor,
  target: CaseRow,
  tag: TagRow,
  change: 'add' | 'remove',
  now: number,
): 'applied' | 'unchanged' {
  const has = caseHasTag(tx, target.id, tag.id);
  if (change === 'add' ? has : !has) return 'unchanged';
  if (change === 'add')
    insertCaseTag(tx, { caseId: target.id, tagId: tag.id, addedBy: actor.user.id, addedAt: now });
  else deleteCaseTag(tx, target.id, tag.id);
  emitAudit(tx, auditContext(actor), {
    action: change === 'add' ? 'case.tag_added' : 'case.tag_removed',
    ...caseAuditRef(target),
    after: { tagId: tag.id, tagName: tag.name },
    at: now,
  });
  return 'applied';
}

export function caseTagsOf(deps: AppDeps, caseId: number): Tag[] {
  if (!findCaseForUpdate(deps.db.orm, caseId)) throw notFound(`Case ${caseId}`);
  return tagsOfCase(deps.db.orm, caseId).map(toTag);
}

/** Adds or removes one tag on one case (the case page); returns the case's tags afterwards. */
export function changeCaseTag(
  deps: AppDeps,
  actor: Actor,
  caseId: number,
  tagId: number,
  change: 'add' | 'remove',
): Tag[] {
  const now = deps.now();
  const result = writeTransaction(deps.db, (tx) => {
    const target = findCaseForUpdate(tx, caseId);
    if (!target) throw notFound(`Case ${caseId}`);
    const tag = change === 'add' ? tagToAdd(tx, tagId) : tagToRemove(tx, tagId);
    applyTag(tx, actor, target, tag, change, now);
    return { tags: tagsOfCase(tx, caseId).map(toTag), status: target.status, version: target.version };
  });
  deps.events.publishCaseChanged({ id: caseId, status: result.status, version: result.version });
  return result.tags;
}
