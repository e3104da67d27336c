import {
  type CaseActionRequest,
  type CaseView,
  type DecisionChecklist,
  type ReviewItem,
  ReviewItemKind,
  ReviewItemSeverity,
  type UserRef,
} from '@backoffice/contracts';
import type { CaseRow, Orm } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { adapterFor } from '../../providers/registry';
import { userRefs } from '../actions/repo';
import { findCase } from '../cases/repo';
import { checklistItemsOf, insertChecklistItems } from './repo';

/** The review checklist of a case as its provider's adapter reads the view (none without a view). */
export function reviewItemsOf(row: Pick<CaseRow, 'provider'>, view: CaseView | null): ReviewItem[] {
  if (!view) return [];
  return adapterFor(row.provider)?.reviewItems?.(view) ?? [];
}

/** The checklist a decision was taken against: computed before its transaction (the view may await). */
export interface ChecklistAtVersion {
  caseVersion: number;
  items: ReviewItem[];
}

type TickedRequest = Extract<CaseActionRequest, { checkedItems?: unknown }>;

/** Decisions that carry the checklist: every reasoned decision on the case itself. */
export function carriesChecklist(request: CaseActionRequest): request is TickedRequest {
  return (
    request.type === 'approve' ||
    request.type === 'decline' ||
    request.type === 'request_resubmission' ||
    request.type === 'blocklist' ||
    request.type === 'escalate'
  );
}

/** Outside any transaction: the case's checklist now, for a request that carries one. */
export async function checklistForRequest(
  deps: AppDeps,
  caseId: number,
  request: CaseActionRequest,
): Promise<ChecklistAtVersion | null> {
  if (!carriesChecklist(request)) return null;
  const row = findCase(deps.db, caseId);
  // A missing case is answered 404 by the use case.
  if (!row) return null;
  const view = (await adapterFor(row.provider)?.view(deps, row)) ?? null;
  return { caseVersion: row.version, items: reviewItemsOf(row, view) };
}

/** What the audit row says of the checklist: keys and counts only, never an item's words. */
export interface ChecklistAuditFacts {
  checklist: { total: number; checked: number; checkedItems: string[] };
}

/**
 * Inside transaction 1, after the version check: refuses a tick of an item the case does not have (400)
 * and stores every item, ticked or not, with the action. A case that moved since the checklist was read
 * is stale: the reviewer ticked against what they saw, which is no longer the case.
 */
export function recordChecklist(
  tx: Orm,
  checklist: ChecklistAtVersion | null,
  request: CaseActionRequest,
  action: { id: number; requestedBy: string; requestedAt: number },
): ChecklistAuditFacts | null {
  if (!checklist || !carriesChecklist(request)) return null;
  const ticked = new Set(request.checkedItems ?? []);
  const known = new Set(checklist.items.map((item) => item.key));
  const unknown = [...ticked].filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new AppError(
      400,
      'unknown_checklist_item',
      `${unknown.length === 1 ? 'A ticked item is' : `${unknown.length} ticked items are`} not on this case's checklist: ${unknown.slice(0, 5).join(', ')}. Reload the case and tick again.`,
    );
  }
  if (checklist.items.length === 0) return null;
  insertChecklistItems(
    tx,
    checklist.items.map((item, position) => ({
      actionId: action.id,
      position,
      itemKey: item.key,
      kind: item.kind,
      severity: item.severity,
      text: item.text,
      checked: ticked.has(item.key),
      checkedBy: action.requestedBy,
      checkedAt: action.requestedAt,
    })),
  );
  const checkedItems = checklist.items.filter((item) => ticked.has(item.key)).map((item) => item.key);
  return { checklist: { total: checklist.items.length, checked: checkedItems.length, checkedItems } };
}

/** The stored checklist of each action that has one, for the actions' views. */
export function decisionChecklists(db: Orm, actionIds: readonly number[]): Map<number, DecisionChecklist> {
  const rows = checklistItemsOf(db, actionIds);
  const refs = userRefs(
    db,
    rows.map((row) => row.checkedBy),
  );
  const refOf = (id: string): UserRef => refs.get(id) ?? { id, name: id };
  const byAction = new Map<number, DecisionChecklist>();
  for (const row of rows) {
    const list = byAction.get(row.actionId) ?? {
      items: [],
      checked: 0,
      total: 0,
      checkedBy: refOf(row.checkedBy),
      checkedAt: new Date(row.checkedAt).toISOString(),
    };
    list.items.push({
      key: row.itemKey,
      // Stored words are kept even if a later build names kinds differently.
      kind: ReviewItemKind.catch('issue').parse(row.kind),
      severity: ReviewItemSeverity.catch('medium').parse(row.severity),
      text: row.text,
      checked: row.checked,
    });
    list.total += 1;
    if (row.checked) list.checked += 1;
    byAction.set(row.actionId, list);
  }
  return byAction;
}
