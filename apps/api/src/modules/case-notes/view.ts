import type { CaseComment, MetadataEntry, UserRef } from '@backoffice/contracts';
import type { Orm } from '@backoffice/db';
import { userRefs } from '../actions/repo';
import type { CommentRow, MetadataRow } from './repo';

const refOf = (refs: Map<string, UserRef>, id: string): UserRef => refs.get(id) ?? { id, name: id };

export function toCommentViews(db: Orm, rows: readonly CommentRow[]): CaseComment[] {
  const refs = userRefs(
    db,
    rows.map((row) => row.authorId),
  );
  return rows.map((row) => ({
    id: row.id,
    author: refOf(refs, row.authorId),
    body: row.body,
    createdAt: new Date(row.createdAt).toISOString(),
  }));
}

export function toMetadataViews(db: Orm, rows: readonly MetadataRow[]): MetadataEntry[] {
  const refs = userRefs(
    db,
    rows.map((row) => row.updatedBy),
  );
  return rows.map((row) => ({
    key: row.key,
    value: row.value,
    updatedBy: refOf(refs, row.updatedBy),
    updatedAt: new Date(row.updatedAt).toISOString(),
  }));
}

export function assigneeRef(db: Orm, assigneeId: string | null): UserRef | null {
  if (!assigneeId) return null;
  return userRefs(db, [assigneeId]).get(assigneeId) ?? { id: assigneeId, name: assigneeId };
}
