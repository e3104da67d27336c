import { type Orm, reasonCodes } from '@backoffice/db';
import { eq, max } from 'drizzle-orm';

type ReasonCodeFields = Pick<typeof reasonCodes.$inferInsert, 'label' | 'appliesTo' | 'active'>;

export function updateReasonCode(tx: Orm, code: string, fields: ReasonCodeFields): void {
  tx.update(reasonCodes).set(fields).where(eq(reasonCodes.code, code)).run();
}

/** A new code goes to the end of the list the dialogs show. */
export function appendReasonCode(tx: Orm, fields: ReasonCodeFields & { code: string }): void {
  const last = tx
    .select({ value: max(reasonCodes.sortOrder) })
    .from(reasonCodes)
    .get();
  tx.insert(reasonCodes)
    .values({ ...fields, sortOrder: (last?.value ?? -1) + 1 })
    .run();
}
