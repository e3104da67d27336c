import type { CaseComment, MetadataEntry, UserRef } from '@backoffice/contracts';
import type { Orm } from '@backoffice/db';
import { userRefs } from '../actions/repo';
import type { CommentRow, MetadataRow } from './repo';

const refOf = (refs: Map<string, UserRef>, id: string): UserRef => refs.get(id) ?? { id, name: id };

/** Maps rows that each name one person to views, looking the people up in one query. */
function viewsNaming<Row, View>(
  db: Orm,
  rows: readonly Row[],
  personOf: (row: Row) => string,
  toView: (row: Row, person: UserRef) => View,
): View[] {
  const refs = userRefs(db, rows.map(personOf));
  return rows.map((row) => toView(row, refOf(refs, personOf(row))));
}

export function toCommentViews(db: Orm, rows: readonly CommentRow[]): CaseComment[] {
  return viewsNaming(
    db,
    rows,
    (row) => row.authorId,
    (row, author) => ({
      id: row.id,
      author,
      body: row.body,
      createdAt: new Date(row.createdAt).toISOString(),
    }),
  );
}

export function toMetadataViews(db: Orm, rows: readonly MetadataRow[]): MetadataEntry[] {
  return viewsNaming(
    db,
    rows,
    (row) => row.updatedBy,
    (row, updatedBy) => ({
      key: row.key,
      value: row.value,
      updatedBy,
      updatedAt: new Date(row.updatedAt).toISOString(),
    }),
  );
}

export function assigneeRef(db: Orm, assigneeId: string | null): UserRef | null {
  if (!assigneeId) return null;
  return refOf(userRefs(db, [assigneeId]), assigneeId);
}
