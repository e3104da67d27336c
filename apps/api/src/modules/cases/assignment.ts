import type { CaseRow, Orm } from '@backoffice/db';
import { type AuditContext, caseAuditRef } from '../audit/emit';
import { writeCase } from './writes';

/**
 * Hands the case to `assigneeId` (`null`: to nobody) with its `case.assigned` audit row; `note` adds to
 * the row's `after` what kind of assignment it was (e.g. `{ bulk: true }`). Claiming has its own rule and
 * row (`claim.ts`).
 */
export function writeAssignment(
  tx: Orm,
  context: AuditContext,
  target: CaseRow,
  assigneeId: string | null,
  now: number,
  note: Record<string, unknown> = {},
): CaseRow {
  return writeCase(
    tx,
    target,
    { assigneeId, assignedAt: assigneeId === null ? null : now },
    {
      context,
      entries: () => ({
        ...caseAuditRef(target),
        action: 'case.assigned',
        before: { assigneeId: target.assigneeId },
        after: { assigneeId, ...note },
        at: now,
      }),
    },
  );
}
