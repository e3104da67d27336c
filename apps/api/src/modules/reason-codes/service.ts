import type { ReasonCode, SaveReasonCodeRequest } from '@backoffice/contracts';
import { reasonCodes, writeTransaction } from '@backoffice/db';
import { eq, max } from 'drizzle-orm';
import type { AppDeps } from '../../platform/deps';
import { emitAudit, userAuditContext } from '../audit/emit';
import type { RequestContext, SignedInUser } from '../auth/service';

/**
 * Creates or changes one reason code. Codes are kept for ever (retired with `active: false`) because
 * past decisions and audit rows name them; the label can be reworded without touching that history.
 */
export function saveReasonCode(
  deps: AppDeps,
  actor: { user: SignedInUser; context: RequestContext },
  code: string,
  input: SaveReasonCodeRequest,
): ReasonCode {
  const appliesTo = [...new Set(input.appliesTo)];
  return writeTransaction(deps.db, (tx) => {
    const existing = tx.select().from(reasonCodes).where(eq(reasonCodes.code, code)).get();
    const snapshot = (row: { label: string; appliesTo: string; active: boolean } | undefined) =>
      row ? { label: row.label, appliesTo: JSON.parse(row.appliesTo) as string[], active: row.active } : null;
    if (existing) {
      tx.update(reasonCodes)
        .set({ label: input.label, appliesTo: JSON.stringify(appliesTo), active: input.active })
        .where(eq(reasonCodes.code, code))
        .run();
    } else {
      const last = tx
        .select({ value: max(reasonCodes.sortOrder) })
        .from(reasonCodes)
        .get();
      tx.insert(reasonCodes)
        .values({
          code,
          label: input.label,
          appliesTo: JSON.stringify(appliesTo),
          active: input.active,
          sortOrder: (last?.value ?? -1) + 1,
        })
        .run();
    }
    emitAudit(tx, userAuditContext(actor.user, actor.context), {
      action: existing ? 'settings.reason_code_changed' : 'settings.reason_code_created',
      before: existing ? { code, ...snapshot(existing) } : null,
      after: { code, label: input.label, appliesTo, active: input.active },
      at: deps.now(),
    });
    return { code, label: input.label, appliesTo, active: input.active };
  });
}
