import { CaseActionStatus, CaseActionType, type CaseActionView, type UserRef } from '@backoffice/contracts';
import type { Orm } from '@backoffice/db';
import { type ActionRow, listReasonCodes, userRefs } from './repo';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A user who has since been deleted still shows as who they were: their id. */
const refOf = (refs: Map<string, UserRef>, id: string): UserRef => refs.get(id) ?? { id, name: id };

function paramsOf(row: ActionRow): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(row.params);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Turns action rows into the API view, resolving user names and reason labels in two queries. */
export function toActionViews(db: Orm, rows: readonly ActionRow[]): CaseActionView[] {
  if (rows.length === 0) return [];
  const refs = userRefs(
    db,
    rows.flatMap((row) => [row.requestedBy, row.approvedBy]),
  );
  const labels = new Map(listReasonCodes(db).map((reason) => [reason.code, reason.label]));
  return rows.map((row) => ({
    id: row.id,
    caseId: row.caseId,
    type: CaseActionType.parse(row.type),
    status: CaseActionStatus.parse(row.status),
    reasonCode: row.reasonCode,
    reasonLabel: row.reasonCode ? (labels.get(row.reasonCode) ?? row.reasonCode) : null,
    note: row.note,
    params: paramsOf(row),
    requestedBy: refOf(refs, row.requestedBy),
    requestedAt: new Date(row.requestedAt).toISOString(),
    approvedBy: row.approvedBy ? refOf(refs, row.approvedBy) : null,
    approvedAt: iso(row.approvedAt),
    resolvedAt: iso(row.resolvedAt),
    attempts: row.attempts,
    lastError: row.lastError,
  }));
}

export function toActionView(db: Orm, row: ActionRow): CaseActionView {
  const [view] = toActionViews(db, [row]);
  if (!view) throw new Error('an action row always has a view');
  return view;
}
