import { caseActions, cases, type Orm } from '@backoffice/db';
import { DIDIT_PROVIDER } from '@backoffice/providers/didit';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { OPEN_ACTION_STATUSES } from '../../../modules/actions/action-types';

/** Our Didit cases of these sessions, by session id. */
export function diditCasesBySession(db: Orm, sessionIds: readonly string[]): Map<string, number> {
  const wanted = [...new Set(sessionIds)];
  if (wanted.length === 0) return new Map();
  const rows = db
    .select({ id: cases.id, externalId: cases.externalId })
    .from(cases)
    .where(and(eq(cases.provider, DIDIT_PROVIDER), inArray(cases.externalId, wanted)))
    .all();
  return new Map(rows.map((row) => [row.externalId, row.id]));
}

export interface OpenRemoval {
  actionId: number;
  status: string;
  requestedBy: string;
  entryUuid: string;
}

/** Removals of these entries not yet applied, failed for good or turned down (at most one each). */
export function openRemovals(db: Orm, entryUuids: readonly string[]): Map<string, OpenRemoval> {
  if (entryUuids.length === 0) return new Map();
  const entryUuid = sql<string>`json_extract(${caseActions.params}, '$.entryUuid')`;
  const rows = db
    .select({
      actionId: caseActions.id,
      status: caseActions.status,
      requestedBy: caseActions.requestedBy,
      entryUuid,
    })
    .from(caseActions)
    .where(
      and(
        eq(caseActions.type, 'list_entry_remove'),
        inArray(caseActions.status, [...OPEN_ACTION_STATUSES, 'failed']),
        inArray(entryUuid, [...entryUuids]),
      ),
    )
    .all();
  return new Map(rows.map((row) => [row.entryUuid, row]));
}

/** An add of this (normalised) value to this list not yet applied, failed for good or turned down. */
export function openValueAdd(
  db: Orm,
  listUuid: string,
  value: string,
): { actionId: number; status: string } | undefined {
  return db
    .select({ actionId: caseActions.id, status: caseActions.status })
    .from(caseActions)
    .where(
      and(
        eq(caseActions.type, 'list_entry_add'),
        inArray(caseActions.status, [...OPEN_ACTION_STATUSES, 'failed']),
        sql`json_extract(${caseActions.params}, '$.listUuid') = ${listUuid}`,
        sql`json_extract(${caseActions.params}, '$.value') = ${value}`,
      ),
    )
    .get();
}
