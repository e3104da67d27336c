import type {
  AddListEntryRequest,
  CaseActionType,
  CaseActionView,
  ListEntriesQuery,
  ListEntryPage,
  ListView,
  RemoveListEntryRequest,
} from '@backoffice/contracts';
import { type CaseRow, writeTransaction } from '@backoffice/db';
import {
  DIDIT_SYSTEM_BLOCKLIST_TYPES,
  type DiditList,
  type DiditListEntry,
} from '@backoffice/providers/didit';
import { ProviderError } from '@backoffice/providers/http';
import type { AppDeps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { requestFingerprint, runIdempotent } from '../../platform/idempotency';
import { type Actor, auditContext, outboxCallFor } from '../actions/apply';
import { fourEyesReason, transitionVerdict } from '../actions/policy';
import { findCaseForUpdate, insertAction, readFourEyes, userRefs } from '../actions/repo';
import { toActionView } from '../actions/view';
import { caseAuditRef, caseAuditSnapshot } from '../audit/emit';
import { touchCase } from '../cases/writes';
import { insertOutboxRow } from '../outbox/repo';
import { maskListValue } from './mask';
import { diditCasesBySession, openRemovals } from './repo';

/** A Didit failure on a live read, as an answer the manager can act on. */
function providerFailure(error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  if (error.kind === 'client' && error.status === 404)
    return new AppError(404, 'not_found', 'Didit has no such list or entry.');
  const unreachable =
    error.kind === 'timeout' ||
    error.kind === 'network' ||
    error.kind === 'rate_limited' ||
    error.circuitOpen;
  return new AppError(
    unreachable ? 503 : 502,
    'provider_unavailable',
    unreachable
      ? `Didit is not reachable right now (${error.kind}); try again shortly.`
      : `Didit answered with an error (${error.status ?? error.kind}).`,
  );
}

async function fromDidit<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw providerFailure(error);
  }
}

const toListView = (list: DiditList): ListView => ({
  uuid: list.uuid,
  name: list.name ?? `${list.list_type ?? 'list'} · ${list.entry_type ?? 'unknown'}`,
  listType: list.list_type ?? 'unknown',
  entryType: list.entry_type ?? 'unknown',
  isSystem: list.is_system === true,
  entriesCount: typeof list.entries_count === 'number' ? list.entries_count : null,
});

export async function listLists(deps: AppDeps): Promise<ListView[]> {
  const lists = await fromDidit(() => deps.didit.client.listLists());
  return lists.map(toListView);
}

async function findList(deps: AppDeps, listUuid: string): Promise<DiditList> {
  const lists = await fromDidit(() => deps.didit.client.listLists());
  const list = lists.find((candidate) => candidate.uuid === listUuid);
  if (!list) throw notFound(`List ${listUuid}`);
  return list;
}

export async function listEntries(
  deps: AppDeps,
  listUuid: string,
  query: ListEntriesQuery,
): Promise<ListEntryPage> {
  const page = await fromDidit(() =>
    deps.didit.client.listEntries(listUuid, {
      ...(query.search ? { search: query.search } : {}),
      limit: query.limit,
      offset: query.offset,
    }),
  );
  const sessionIds = page.results.flatMap((entry) =>
    entry.reference_session_id ? [entry.reference_session_id] : [],
  );
  const caseIds = diditCasesBySession(deps.db.orm, sessionIds);
  const removals = openRemovals(
    deps.db.orm,
    page.results.map((entry) => entry.uuid),
  );
  const people = userRefs(
    deps.db.orm,
    [...removals.values()].map((removal) => removal.requestedBy),
  );
  return {
    count: page.count,
    entries: page.results.map((entry) => {
      const removal = removals.get(entry.uuid);
      return {
        uuid: entry.uuid,
        maskedValue: entry.value ? maskListValue(entry.entry_type ?? '', entry.value) : null,
        comment: entry.comment ?? null,
        referenceSessionId: entry.reference_session_id ?? null,
        caseId: entry.reference_session_id ? (caseIds.get(entry.reference_session_id) ?? null) : null,
        createdAt: entry.created_at ?? null,
        pendingRemoval: removal
          ? {
              actionId: removal.actionId,
              status: removal.status as CaseActionView['status'],
              requestedBy: people.get(removal.requestedBy) ?? {
                id: removal.requestedBy,
                name: removal.requestedBy,
              },
            }
          : null,
      };
    }),
  };
}

/** Finds an entry by uuid in its list, reading page after page (Didit has no single-entry read). */
async function findEntry(deps: AppDeps, listUuid: string, entryUuid: string): Promise<DiditListEntry> {
  for (let offset = 0; offset < 10_000; offset += 100) {
    const page = await fromDidit(() => deps.didit.client.listEntries(listUuid, { limit: 100, offset }));
    const entry = page.results.find((candidate) => candidate.uuid === entryUuid);
    if (entry) return entry;
    if (page.results.length < 100 || offset + 100 >= page.count) break;
  }
  throw notFound(`Entry ${entryUuid} of list ${listUuid}`);
}

interface ListChange {
  listUuid: string;
  /** The request path, for the idempotency record. */
  path: string;
  type: Extract<CaseActionType, 'list_entry_add' | 'list_entry_remove'>;
  params: Record<string, string>;
  comment: string;
  idempotencyKey: string;
  /** Why a second person must approve, or null when one is enough. */
  secondPerson: (target: CaseRow) => string | null;
}

/**
 * Transaction 1 of a list change, as for any case action: the action on the case of the entry's session,
 * its audit row (uuids only: entry values are personal data, the comment stays on the action row) and,
 * unless a second manager must approve it, its outbox row.
 */
function requestListChange(deps: AppDeps, actor: Actor, caseId: number, change: ListChange) {
  const now = deps.now();
  const result = writeTransaction(deps.db, (tx) =>
    runIdempotent<CaseActionView>(
      tx,
      {
        userId: actor.user.id,
        key: change.idempotencyKey,
        method: 'POST',
        path: change.path,
        fingerprint: requestFingerprint({
          caseId,
          type: change.type,
          params: change.params,
          comment: change.comment,
        }),
      },
      now,
      () => {
        const target = findCaseForUpdate(tx, caseId);
        if (!target) throw notFound(`Case ${caseId}`);
        const verdict = transitionVerdict(target, change.type, false);
        if (!verdict.allowed) throw new AppError(409, 'transition_not_allowed', verdict.reason);
        if (change.type === 'list_entry_remove') {
          const open = openRemovals(tx, [change.params.entryUuid ?? '']).get(change.params.entryUuid ?? '');
          if (open) {
            throw new AppError(
              409,
              'transition_not_allowed',
              `A removal of this entry is already ${open.status} (action ${open.actionId}).`,
            );
          }
        }
        const secondPerson = change.secondPerson(target);
        const status = secondPerson ? 'awaiting_approval' : 'pending';
        const action = insertAction(tx, {
          caseId: target.id,
          type: change.type,
          params: JSON.stringify(change.params),
          reasonCode: null,
          note: change.comment,
          status,
          requestedBy: actor.user.id,
          requestedAt: now,
          caseVersion: target.version,
          resolvedAt: null,
        });
        const touched = touchCase(tx, target, now, {
          context: auditContext(actor),
          entries: (current) => ({
            ...caseAuditRef(target),
            action: 'case.action_requested',
            before: caseAuditSnapshot(target),
            after: {
              ...caseAuditSnapshot(current),
              actionId: action.id,
              type: action.type,
              actionStatus: status,
              ...change.params,
              noteLength: change.comment.length,
              ...(secondPerson ? { fourEyes: secondPerson } : {}),
            },
            reason: null,
            at: now,
          }),
        });
        if (!secondPerson) insertOutboxRow(tx, action.id, outboxCallFor(tx, touched, action), now);
        return { status: 202, body: toActionView(tx, action) };
      },
    ),
  );
  if (!result.replayed) {
    const row = findCaseForUpdate(deps.db.orm, caseId);
    if (row) deps.events.publishCaseChanged({ id: row.id, status: row.status, version: row.version });
  }
  return result;
}

const isSessionType = (
  type: string | null | undefined,
): type is (typeof DIDIT_SYSTEM_BLOCKLIST_TYPES)[number] =>
  (DIDIT_SYSTEM_BLOCKLIST_TYPES as readonly (string | null | undefined)[]).includes(type);

/** Adds a case's session to a list. Into a blocklist, the same four-eyes rule as blocklisting from the case. */
export async function requestListEntryAdd(
  deps: AppDeps,
  actor: Actor,
  listUuid: string,
  idempotencyKey: string,
  body: AddListEntryRequest,
) {
  const list = await findList(deps, listUuid);
  if (!isSessionType(list.entry_type)) {
    throw new AppError(
      400,
      'invalid_request',
      `A ${list.entry_type ?? 'unknown'} list takes values, not sessions; add to it in Didit's console.`,
    );
  }
  const target = findCaseForUpdate(deps.db.orm, body.caseId);
  if (target?.provider !== 'didit') throw notFound(`Didit case ${body.caseId}`);
  return requestListChange(deps, actor, body.caseId, {
    listUuid,
    path: `/api/lists/${listUuid}/entries`,
    type: 'list_entry_add',
    params: { listUuid, entryType: list.entry_type, listType: list.list_type ?? 'unknown' },
    comment: body.comment,
    idempotencyKey,
    secondPerson: (current) => {
      const settings = readFourEyes(deps.db.orm);
      if (list.list_type === 'blocklist' && settings.actions.includes('blocklist')) {
        return 'blocklist always needs a second person';
      }
      return fourEyesReason(settings, current, 'list_entry_add');
    },
  });
}

/** Asks for an entry's removal; it reaches Didit only after a second manager approves it. */
export async function requestListEntryRemoval(
  deps: AppDeps,
  actor: Actor,
  listUuid: string,
  entryUuid: string,
  idempotencyKey: string,
  body: RemoveListEntryRequest,
) {
  const entry = await findEntry(deps, listUuid, entryUuid);
  const sessionId = entry.reference_session_id;
  const caseId = sessionId ? diditCasesBySession(deps.db.orm, [sessionId]).get(sessionId) : undefined;
  if (caseId === undefined) {
    throw new AppError(
      409,
      'transition_not_allowed',
      'This entry did not come from a session of ours, so no case can carry its removal; remove it in Didit’s console.',
    );
  }
  return requestListChange(deps, actor, caseId, {
    listUuid,
    path: `/api/lists/${listUuid}/entries/${entryUuid}/removal`,
    type: 'list_entry_remove',
    params: { listUuid, entryUuid, entryType: entry.entry_type ?? 'unknown' },
    comment: body.comment,
    idempotencyKey,
    secondPerson: () => 'removing a list entry always needs a second manager',
  });
}
