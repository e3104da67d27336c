import { caseTags, type Orm, tags } from '@backoffice/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';

export type TagRow = typeof tags.$inferSelect;

export function allTags(db: Orm): TagRow[] {
  return db
    .select()
    .from(tags)
    .orderBy(asc(sql`${tags.name} COLLATE NOCASE`))
    .all();
}

export function findTag(db: Orm, id: number): TagRow | undefined {
  return db.select().from(tags).where(eq(tags.id, id)).get();
}

export function findTagByName(db: Orm, name: string): TagRow | undefined {
  return db.select().from(tags).where(sql`${tags.name} = ${name} COLLATE NOCASE`).get();
}

export function insertTag(tx: Orm, row: typeof tags.$inferInsert): TagRow {
  return tx.insert(tags).values(row).returning().get();
}

export function updateTag(tx: Orm, id: number, change: Partial<typeof tags.$inferInsert>): TagRow {
  return tx.update(tags).set(change).where(eq(tags.id, id)).returning().get();
}

export function tagsOfCase(db: Orm, caseId: number): TagRow[] {
  return db
    .select({ tag: tags })
    .from(caseTags)
    .innerJoin(tags, eq(tags.id, caseTags.tagId))
    .where(eq(caseTags.caseId, caseId))
    .orderBy(asc(sql`${tags.name} COLLATE NOCASE`))
    .all()
    .map((row) => row.tag);
}

/** Tags of a page of cases in one query, by case id. */
export function tagsOfCases(db: Orm, caseIds: readonly number[]): Map<number, TagRow[]> {
  const byCase = new Map<number, TagRow[]>();
  if (caseIds.length === 0) return byCase;
  const rows = db
    .select({ caseId: caseTags.caseId, tag: tags })
    .from(caseTags)
    .innerJoin(tags, eq(tags.id, caseTags.tagId))
    .where(inArray(caseTags.caseId, [...caseIds]))
    .orderBy(asc(sql`${tags.name} COLLATE NOCASE`))
    .all();
  for (const row of rows) {
    const list = byCase.get(row.caseId) ?? [];
    list.push(row.tag);
    byCase.set(row.caseId, list);
  }
  return byCase;
}

export function caseHasTag(db: Orm, caseId: number, tagId: number): boolean {
  return (
    db
      .select({ one: sql`1` })
      .from(caseTags)
      .where(and(eq(caseTags.caseId, caseId), eq(caseTags.tagId, tagId)))
      .get() !== undefined
  );
}

export function insertCaseTag(tx: Orm, row: typeof caseTags.$inferInsert): void {
  tx.insert(caseTags).values(row).run();
}

export function deleteCaseTag(tx: Orm, caseId: number, tagId: number): void {
  tx.delete(caseTags)
    .where(and(eq(caseTags.caseId, caseId), eq(caseTags.tagId, tagId)))
    .run();
}
