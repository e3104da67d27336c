import {
  type CaseActionStatus,
  type CaseActionType,
  DEFAULT_FOUR_EYES,
  FourEyesSettings,
  type UserRef,
} from '@backoffice/contracts';
import {
  actionDecisionNotes,
  auditLog,
  caseActions,
  cases,
  type Orm,
  reasonCodes,
  users,
} from '@backoffice/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { readSetting, writeSetting } from '../../platform/settings-repo';
import { OPEN_ACTION_STATUSES } from './action-types';
import type { DecidedOutcome, DecisionHistory } from './four-eyes';

export type ActionRow = typeof caseActions.$inferSelect;

import type { CaseRow } from '@backoffice/db';
export type ReasonCodeRow = typeof reasonCodes.$inferSelect;

const FOUR_EYES_KEY = 'four_eyes';

export function findCaseForUpdate(tx: Orm, id: number): CaseRow | undefined {
  return tx.select().from(cases).where(eq(cases.id, id)).get();
}

export function findAction(db: Orm, id: number): ActionRow | undefined {
  return db.select().from(caseActions).where(eq(caseActions.id, id)).get();
}

export function actionsOfCase(db: Orm, caseId: number, limit = 100): ActionRow[] {
  return db
    .select()
    .from(caseActions)
    .where(eq(caseActions.caseId, caseId))
    .orderBy(desc(caseActions.id))
    .limit(limit)
    .all();
}

export function actionsWithStatus(
  db: Orm,
  statuses: readonly CaseActionStatus[],
  limit: number,
): ActionRow[] {
  return db
    .select()
    .from(caseActions)
    .where(inArray(caseActions.status, [...statuses]))
    .orderBy(desc(caseActions.id))
    .limit(limit)
    .all();
}

/** True while a status-changing action of this case has not reached a final state. */
export function hasOpenStatusAction(db: Orm, caseId: number, exceptActionId?: number): boolean {
  const open = db
    .select({ id: caseActions.id })
    .from(caseActions)
    .where(
      and(
        eq(caseActions.caseId, caseId),
        inArray(caseActions.type, ['approve', 'decline', 'request_resubmission']),
        inArray(caseActions.status, [...OPEN_ACTION_STATUSES]),
      ),
    )
    .all();
  return open.some((row) => row.id !== exceptActionId);
}

export function userRefs(db: Orm, ids: readonly (string | null)[]): Map<string, UserRef> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, wanted))
    .all();
  return new Map(rows.map((row) => [row.id, row]));
}

export function listReasonCodes(db: Orm): ReasonCodeRow[] {
  return db.select().from(reasonCodes).orderBy(reasonCodes.sortOrder, reasonCodes.code).all();
}

export function findReasonCode(db: Orm, code: string): ReasonCodeRow | undefined {
  return db.select().from(reasonCodes).where(eq(reasonCodes.code, code)).get();
}

export function reasonCodeAppliesTo(row: ReasonCodeRow): CaseActionType[] {
  try {
    const parsed: unknown = JSON.parse(row.appliesTo);
    return Array.isArray(parsed) ? (parsed as CaseActionType[]) : [];
  } catch {
    return [];
  }
}

export function insertReasonCodesIfEmpty(tx: Orm, rows: (typeof reasonCodes.$inferInsert)[]): number {
  const any = tx.select({ code: reasonCodes.code }).from(reasonCodes).limit(1).get();
  if (any) return 0;
  for (const row of rows) tx.insert(reasonCodes).values(row).run();
  return rows.length;
}

/** The stored four-eyes policy; a missing or unreadable row falls back to the safe default. */
export function readFourEyes(db: Orm): FourEyesSettings {
  return readSetting(db, FOUR_EYES_KEY, FourEyesSettings, DEFAULT_FOUR_EYES);
}

export function writeFourEyes(tx: Orm, value: FourEyesSettings, userId: string, now: number): void {
  writeSetting(tx, FOUR_EYES_KEY, value, userId, now);
}

export function insertAction(tx: Orm, row: typeof caseActions.$inferInsert): ActionRow {
  return tx.insert(caseActions).values(row).returning().get();
}

export function updateActionRow(
  tx: Orm,
  id: number,
  changes: Partial<typeof caseActions.$inferInsert>,
): ActionRow {
  return tx.update(caseActions).set(changes).where(eq(caseActions.id, id)).returning().get();
}

/** The newest audit row of a case: who or what changed it last. */
export function lastCaseChange(db: Orm, caseId: number) {
  return db
    .select({
      action: auditLog.action,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      at: auditLog.at,
    })
    .from(auditLog)
    .where(eq(auditLog.caseId, caseId))
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
}

const OUTCOME_OF_DECISION: Record<string, DecidedOutcome> = { approve: 'approved', decline: 'rejected' };

/**
 * Every outcome the case has reached, read from its audit trail (each case write records the status it
 * left the case in, whoever made it: a reviewer, the provider, the outbox), and the people who requested
 * or approved the decisions we applied ourselves.
 */
export function decisionHistory(db: Orm, caseId: number): DecisionHistory {
  const reached = db
    .selectDistinct({ status: sql<string>`json_extract(${auditLog.after}, '$.status')` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.caseId, caseId),
        sql`json_extract(${auditLog.after}, '$.status') IN ('approved', 'rejected')`,
      ),
    )
    .all();
  const decisions = db
    .select({
      type: caseActions.type,
      requestedBy: caseActions.requestedBy,
      approvedBy: caseActions.approvedBy,
    })
    .from(caseActions)
    .where(
      and(
        eq(caseActions.caseId, caseId),
        eq(caseActions.status, 'applied'),
        inArray(caseActions.type, Object.keys(OUTCOME_OF_DECISION)),
      ),
    )
    .all();
  const deciders = new Map<DecidedOutcome, Set<string>>();
  for (const decision of decisions) {
    const outcome = OUTCOME_OF_DECISION[decision.type];
    if (!outcome) continue;
    const people = deciders.get(outcome) ?? new Set<string>();
    people.add(decision.requestedBy);
    if (decision.approvedBy) people.add(decision.approvedBy);
    deciders.set(outcome, people);
  }
  return { outcomes: new Set(reached.map((row) => row.status as DecidedOutcome)), deciders };
}

export type DecisionNoteRow = typeof actionDecisionNotes.$inferSelect;

export function insertDecisionNote(
  tx: Orm,
  row: Omit<typeof actionDecisionNotes.$inferInsert, 'id'>,
): DecisionNoteRow {
  return tx.insert(actionDecisionNotes).values(row).returning().get();
}

export function decisionNotesOf(db: Orm, actionIds: readonly number[]): DecisionNoteRow[] {
  if (actionIds.length === 0) return [];
  return db
    .select()
    .from(actionDecisionNotes)
    .where(inArray(actionDecisionNotes.actionId, [...actionIds]))
    .orderBy(actionDecisionNotes.id)
    .all();
}
