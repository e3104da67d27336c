import { actionChecklistItems, type Orm } from '@backoffice/db';
import { asc, inArray } from 'drizzle-orm';

export type ChecklistItemRow = typeof actionChecklistItems.$inferSelect;

export function insertChecklistItems(tx: Orm, rows: readonly ChecklistItemRow[]): void {
  if (rows.length === 0) return;
  tx.insert(actionChecklistItems)
    .values([...rows])
    .run();
}

export function checklistItemsOf(db: Orm, actionIds: readonly number[]): ChecklistItemRow[] {
  if (actionIds.length === 0) return [];
  return db
    .select()
    .from(actionChecklistItems)
    .where(inArray(actionChecklistItems.actionId, [...actionIds]))
    .orderBy(asc(actionChecklistItems.actionId), asc(actionChecklistItems.position))
    .all();
}
