import type { ReasonCode, SaveReasonCodeRequest } from '@backoffice/contracts';
import { writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { findReasonCode } from '../actions/repo';
import { actorAuditContext, emitAudit, type RequestActor } from '../audit/emit';
import { appendReasonCode, updateReasonCode } from './repo';

/**
 * Creates or changes one reason code. Codes are kept for ever (retired with `active: false`) because
 * past decisions and audit rows name them; the label can be reworded without touching that history.
 */
export function saveReasonCode(
  deps: AppDeps,
  actor: RequestActor,
  code: string,
  input: SaveReasonCodeRequest,
): ReasonCode {
  const appliesTo = [...new Set(input.appliesTo)];
  return writeTransaction(deps.db, (tx) => {
    const existing = findReasonCode(tx, code);
    const snapshot = (row: { label: string; appliesTo: string; active: boolean } | undefined) =>
      row ? { label: row.label, appliesTo: JSON.parse(row.appliesTo) as string[], active: row.active } : null;
    if (existing) {
      updateReasonCode(tx, code, {
        label: input.label,
        appliesTo: JSON.stringify(appliesTo),
        active: input.active,
      });
    } else {
      appendReasonCode(tx, {
        code,
        label: input.label,
        appliesTo: JSON.stringify(appliesTo),
        active: input.active,
      });
    }
    emitAudit(tx, actorAuditContext(actor), {
      action: existing ? 'settings.reason_code_changed' : 'settings.reason_code_created',
      before: existing ? { code, ...snapshot(existing) } : null,
      after: { code, label: input.label, appliesTo, active: input.active },
      at: deps.now(),
    });
    return { code, label: input.label, appliesTo, active: input.active };
  });
}
