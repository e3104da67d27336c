import {
  ActionDecisionNote,
  CaseActionStatus,
  CaseActionType,
  type CaseActionView,
  type UserRef,
} from '@backoffice/contracts';
import type { Orm } from '@backoffice/db';
import { decisionChecklists } from '../checklist/service';
import { type ActionRow, decisionNotesOf, listReasonCodes, userRefs } from './repo';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A user who has since been deleted still shows as who they were: their id. */
const refOf = (refs: Map<string, UserRef>, id: string): UserRef => refs.get(id) ?? { id, name: id };

function paramsOf(row: ActionRow): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(row.params);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    // A typed list value is personal data: the view carries its mask (`maskedValue`), not the value.
    if (row.type === 'list_entry_add' && 'value' in parsed) {
      const { value: _value, ...shown } = parsed as Record<string, unknown>;
      return shown;
    }
    return parsed as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Turns action rows into the API view, resolving user names and reason labels in two queries. */
export function toActionViews(db: Orm, rows: readonly ActionRow[]): CaseActionView[] {
  if (rows.length === 0) return [];
  const notes = decisionNotesOf(
    db,
    rows.map((row) => row.id),
  );
  const refs = userRefs(db, [
    ...rows.flatMap((row) => [row.requestedBy, row.approvedBy]),
    ...notes.map((note) => note.authorId),
  ]);
  const notesByAction = new Map<number, typeof notes>();
  for (const note of notes)
    notesByAction.set(note.actionId, [...(notesByAction.get(note.actionId) ?? []), note]);
  const labels = new Map(listReasonCodes(db).map((reason) => [reason.code, reason.label]));
  const checklists = decisionChecklists(
    db,
    rows.map((row) => row.id),
  );
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
    decisionNotes: (notesByAction.get(row.id) ?? []).map((note) => ({
      decision: ActionDecisionNote.shape.decision.parse(note.decision),
      note: note.note,
      by: refOf(refs, note.authorId),
      at: new Date(note.createdAt).toISOString(),
    })),
    checklist: checklists.get(row.id) ?? null,
  }));
}

export function toActionView(db: Orm, row: ActionRow): CaseActionView {
  const [view] = toActionViews(db, [row]);
  if (!view) throw new Error('an action row always has a view');
  return view;
}
