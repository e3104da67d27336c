import {
  type AddListEntryRequest,
  type CaseActionType,
  type CaseActionView,
  type ListEntriesQuery,
  type ListEntryPage,
  type ListView,
  listValueSchema,
  type RemoveListEntryRequest,
} from '@backoffice/contracts';
import type { CaseRow, Orm } from '@backoffice/db';
import {
  DIDIT_SYSTEM_BLOCKLIST_TYPES,
  type DiditList,
  type DiditListEntry,
} from '@backoffice/providers/didit';
import { ProviderError } from '@backoffice/providers/http';
import { type Actor, auditContext, caselessAuditRef, outboxCallFor } from '../../../modules/actions/apply';
import { fourEyesReason } from '../../../modules/actions/four-eyes';
import { transitionVerdict } from '../../../modules/actions/policy';
import { findCaseForUpdate, insertAction, readFourEyes, userRefs } from '../../../modules/actions/repo';
import { toActionView } from '../../../modules/actions/view';
import { caseAuditRef, caseAuditSnapshot, emitAudit } from '../../../modules/audit/emit';
import { touchCase } from '../../../modules/cases/writes';
import { insertOutboxRow } from '../../../modules/outbox/repo';
import type { AppDeps } from '../../../platform/deps';
import { AppError, notFound } from '../../../platform/errors';
import { applyIdempotentPost } from '../../../platform/idempotency';
import { findStoredResponse } from '../../../platform/idempotency-repo';
import { isDiditCase } from '../adapter';
import { type CaselessListParams, holdsValue } from '../lists-outbox';
import { diditUnavailable } from '../live-failure';
import { maskListValue } from './mask';
import { diditCasesBySession, openRemovals, openValueAdd } from './repo';

/** A Didit failure on a live read, as an answer the manager can act on. */
function providerFailure(error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  if (error.kind === 'client' && error.status === 404)
    return new AppError(404, 'not_found', 'Didit has no such list or entry.');
  return diditUnavailable(error, {
    unreachable: `Didit is not reachable right now (${error.kind}); try again shortly.`,
    answeredBadly: `Didit answered with an error (${error.status ?? error.kind}).`,
  });
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
  /** What the audit row says of the params: never a value, at most its masked form. */
  auditParams?: Record<string, string>;
  comment: string;
  idempotencyKey: string;
  /** Why a second person must approve, or null when one is enough. */
  secondPerson: (target: CaseRow | null) => string | null;
}

/**
 * Transaction 1 of a list change, as for any case action: the action on the case of the entry's session
 * (or on no case, for a typed value or an entry that did not come from one of our sessions), its audit
 * row (uuids and masks only: entry values are personal data, the comment stays on the action row) and,
 * unless a second manager must approve it, its outbox row.
 */
function requestListChange(deps: AppDeps, actor: Actor, caseId: number | null, change: ListChange) {
  const result = applyIdempotentPost<CaseActionView>(
    deps,
    {
      userId: actor.user.id,
      key: change.idempotencyKey,
      path: change.path,
      request: { caseId, type: change.type, params: change.params, comment: change.comment },
    },
    (tx, now) => {
      if (caseId === null) return requestCaselessChange(tx, actor, change, now);
      const target = findCaseForUpdate(tx, caseId);
      if (!target) throw notFound(`Case ${caseId}`);
      const verdict = transitionVerdict(target, change.type, false);
      if (!verdict.allowed) throw new AppError(409, 'transition_not_allowed', verdict.reason);
      refuseOpenRemoval(tx, change);
      const { action, status, secondPerson } = insertChangeAction(tx, actor, change, target, now);
      const touched = touchCase(tx, target, now, {
        context: auditContext(actor),
        entries: (current) => ({
          ...caseAuditRef(target),
          action: 'case.action_requested',
          before: caseAuditSnapshot(target),
          after: {
            ...caseAuditSnapshot(current),
            ...requestedFacts(action, status, change, secondPerson),
          },
          reason: null,
          at: now,
        }),
      });
      if (!secondPerson) insertOutboxRow(tx, action.id, outboxCallFor(tx, touched, action), now);
      return { status: 202, body: toActionView(tx, action) };
    },
  );
  if (!result.replayed && caseId !== null) {
    const row = findCaseForUpdate(deps.db.orm, caseId);
    if (row) deps.events.publishCaseChanged({ id: row.id, status: row.status, version: row.version });
  }
  return result;
}

/**
 * The action row of a list change on `target` (or on no case), waiting for a second manager when the
 * change needs one and otherwise pending for the outbox.
 */
function insertChangeAction(tx: Orm, actor: Actor, change: ListChange, target: CaseRow | null, now: number) {
  const secondPerson = change.secondPerson(target);
  const status = secondPerson ? 'awaiting_approval' : 'pending';
  const action = insertAction(tx, {
    caseId: target?.id ?? null,
    type: change.type,
    params: JSON.stringify(change.params),
    reasonCode: null,
    note: change.comment,
    status,
    requestedBy: actor.user.id,
    requestedAt: now,
    // With no case, there is no case version the reviewer saw.
    caseVersion: target?.version ?? 0,
    resolvedAt: null,
  });
  return { action, status, secondPerson };
}

/** What a list change's `case.action_requested` row says of it, on a case or on none (no raw value). */
function requestedFacts(
  action: { id: number; type: string },
  status: string,
  change: ListChange,
  secondPerson: string | null,
) {
  return {
    actionId: action.id,
    type: action.type,
    actionStatus: status,
    ...(change.auditParams ?? change.params),
    noteLength: change.comment.length,
    ...(secondPerson ? { fourEyes: secondPerson } : {}),
  };
}

/** One removal of an entry at a time: a second request while one is open is refused. */
function refuseOpenRemoval(tx: Orm, change: ListChange): void {
  if (change.type !== 'list_entry_remove') return;
  const entryUuid = change.params.entryUuid ?? '';
  const open = openRemovals(tx, [entryUuid]).get(entryUuid);
  if (open) {
    throw new AppError(
      409,
      'transition_not_allowed',
      `A removal of this entry is already ${open.status} (action ${open.actionId}).`,
    );
  }
}

/** The same transaction 1 for a change no case carries: the action, its audit row and maybe its outbox row. */
function requestCaselessChange(tx: Orm, actor: Actor, change: ListChange, now: number) {
  refuseOpenRemoval(tx, change);
  if (change.type === 'list_entry_add' && change.params.value) {
    const open = openValueAdd(tx, change.listUuid, change.params.value);
    if (open) {
      throw new AppError(
        409,
        'transition_not_allowed',
        `This value is already being added to the list (action ${open.actionId}, ${open.status}).`,
      );
    }
  }
  const { action, status, secondPerson } = insertChangeAction(tx, actor, change, null, now);
  emitAudit(tx, auditContext(actor), {
    ...caselessAuditRef(action),
    action: 'case.action_requested',
    before: null,
    after: requestedFacts(action, status, change, secondPerson),
    reason: null,
    at: now,
  });
  if (!secondPerson) insertOutboxRow(tx, action.id, outboxCallFor(tx, null, action), now);
  return { status: 202 as const, body: toActionView(tx, action) };
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
  if (body.value !== undefined) return requestListValueAdd(deps, actor, list, idempotencyKey, body);
  if (!isSessionType(list.entry_type)) {
    throw new AppError(
      400,
      'invalid_request',
      `A ${list.entry_type ?? 'unknown'} list takes typed values, not sessions.`,
    );
  }
  // The contract requires one of value and caseId.
  const caseId = body.caseId ?? 0;
  const target = findCaseForUpdate(deps.db.orm, caseId);
  if (!isDiditCase(target)) throw notFound(`Didit case ${caseId}`);
  return requestListChange(deps, actor, caseId, {
    listUuid,
    path: `/api/lists/${listUuid}/entries`,
    type: 'list_entry_add',
    params: { listUuid, entryType: list.entry_type, listType: list.list_type ?? 'unknown' },
    comment: body.comment,
    idempotencyKey,
    secondPerson: (current) => addNeedsSecondPerson(deps, list, current),
  });
}

/** Into a blocklist, the blocklist four-eyes rule; otherwise the rule configured for list additions. */
function addNeedsSecondPerson(deps: AppDeps, list: DiditList, current: CaseRow | null): string | null {
  const settings = readFourEyes(deps.db.orm);
  if (list.list_type === 'blocklist' && settings.actions.includes('blocklist')) {
    return 'blocklist always needs a second person';
  }
  if (!current) {
    // Without a case there is no case-level rule (risk, amount) to consult: the list-action switch decides.
    return settings.actions.includes('list_entry_add') ? 'list additions need a second person' : null;
  }
  return fourEyesReason(settings, current, 'list_entry_add');
}

/**
 * Adds a typed value to a list (no session behind it). The value is validated for the list's entry kind
 * and sent in its normalised form; the audit row keeps only its mask.
 */
async function requestListValueAdd(
  deps: AppDeps,
  actor: Actor,
  list: DiditList,
  idempotencyKey: string,
  body: AddListEntryRequest,
) {
  const entryType = list.entry_type ?? 'unknown';
  const schema = listValueSchema(entryType);
  if (!schema) {
    throw new AppError(
      400,
      'invalid_request',
      entryType === 'face'
        ? 'A face cannot be typed in: add it from the case of the session it was seen in.'
        : `A ${entryType} list takes no typed values.`,
    );
  }
  const parsed = schema.safeParse(body.value ?? '');
  if (!parsed.success) {
    throw new AppError(400, 'invalid_request', parsed.error.issues[0]?.message ?? 'Invalid value.');
  }
  const value = parsed.data;
  const path = `/api/lists/${list.uuid}/entries`;
  // A replay of this very request returns its stored answer; a fresh request for a value that is
  // already on the list is refused before anything is queued.
  const replay = findStoredResponse(deps.db.orm, actor.user.id, idempotencyKey) !== undefined;
  if (!replay && (await fromDidit(() => holdsValue(deps.didit.client, list.uuid, entryType, value)))) {
    throw new AppError(409, 'transition_not_allowed', 'This value is already on the list.');
  }
  const maskedValue = maskListValue(entryType, value);
  const params: CaselessListParams = {
    provider: 'didit',
    change: 'value_add',
    listUuid: list.uuid,
    listType: list.list_type ?? 'unknown',
    entryType,
    value,
    maskedValue,
  };
  const { value: _value, ...auditParams } = params;
  return requestListChange(deps, actor, null, {
    listUuid: list.uuid,
    path,
    type: 'list_entry_add',
    params,
    auditParams,
    comment: body.comment,
    idempotencyKey,
    secondPerson: (current) => addNeedsSecondPerson(deps, list, current),
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
  // An entry that did not come from one of our sessions is removed the same way, on no case.
  const caseId = sessionId ? (diditCasesBySession(deps.db.orm, [sessionId]).get(sessionId) ?? null) : null;
  const entryType = entry.entry_type ?? 'unknown';
  const params: Record<string, string> =
    caseId === null
      ? ({
          provider: 'didit',
          change: 'entry_remove',
          listUuid,
          entryUuid,
          entryType,
        } satisfies CaselessListParams)
      : { listUuid, entryUuid, entryType };
  return requestListChange(deps, actor, caseId, {
    listUuid,
    path: `/api/lists/${listUuid}/entries/${entryUuid}/removal`,
    type: 'list_entry_remove',
    params,
    comment: body.comment,
    idempotencyKey,
    secondPerson: () => 'removing a list entry always needs a second manager',
  });
}
