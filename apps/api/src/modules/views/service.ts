import {
  CaseListQuery,
  CaseStatus,
  type CreateSavedViewRequest,
  roleHas,
  SAVED_VIEW_KEYS,
  type SavedView,
} from '@backoffice/contracts';
import { writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { emitAudit } from '../audit/emit';
import { type Actor, auditContext } from '../tags/service';
import { deleteView, findView, insertView, type SavedViewRow, viewCountOf, visibleViews } from './repo';

/** Saved views per person: enough for any working style, and a bound on what one account can store. */
export const MAX_VIEWS_PER_USER = 50;

const KNOWN_KEYS: ReadonlySet<string> = new Set(SAVED_VIEW_KEYS);
/** Keys of a queue URL that describe a position or a view, not the view's state: dropped on save. */
const TRANSIENT_KEYS: ReadonlySet<string> = new Set(['cursor', 'view']);
const COLUMN_LIST = /^[A-Za-z]{1,32}(,[A-Za-z]{1,32}){0,19}$/;

/**
 * Checks a view's query string the way the queue reads it: only known keys, each value one the list
 * endpoint accepts (the queue URL writes `status=all` for the All tab and `hide=` for hidden columns).
 */
export function normaliseViewSearch(search: string): string {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const kept = new URLSearchParams();
  const forQuery: Record<string, string> = {};
  for (const [key, value] of params) {
    if (TRANSIENT_KEYS.has(key)) continue;
    if (!KNOWN_KEYS.has(key)) throw badRequest(`A saved view cannot hold "${key.slice(0, 40)}".`);
    if (kept.has(key)) throw badRequest(`"${key}" appears more than once.`);
    if (key === 'hide') {
      if (value !== '' && !COLUMN_LIST.test(value)) throw badRequest('The hidden column list is not valid.');
    } else if (!(key === 'status' && value === 'all')) {
      forQuery[key] = value;
    }
    kept.set(key, value);
  }
  if (forQuery.status) {
    const statuses = forQuery.status.split(',');
    if (!statuses.every((status) => CaseStatus.safeParse(status).success)) {
      throw badRequest('The view names a status that does not exist.');
    }
  }
  const parsed = CaseListQuery.safeParse(forQuery);
  if (!parsed.success) {
    throw badRequest(
      'The view holds a filter the queue does not accept.',
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    );
  }
  return kept.toString();
}

function toSavedView(row: SavedViewRow, ownerName: string | null, viewerId: string): SavedView {
  return {
    id: row.id,
    name: row.name,
    search: row.search,
    shared: row.shared,
    owner: { id: row.ownerId, name: ownerName ?? row.ownerId },
    mine: row.ownerId === viewerId,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export function listViews(deps: AppDeps, viewerId: string): SavedView[] {
  return visibleViews(deps.db.orm, viewerId).map((row) => toSavedView(row.view, row.ownerName, viewerId));
}

/** A view the caller may open: their own, or a shared one. Anything else is "not found", not "forbidden". */
export function getView(deps: AppDeps, viewerId: string, id: number): SavedView {
  const found = findView(deps.db.orm, id);
  if (!found || (found.view.ownerId !== viewerId && !found.view.shared)) throw notFound(`View ${id}`);
  return toSavedView(found.view, found.ownerName, viewerId);
}

/*
 * Shared views change what the whole team is shown, so their creation and deletion are audited. The
 * audit row holds the view id only: names and the search (which may hold a typed name) are free text.
 */

export function saveView(deps: AppDeps, actor: Actor, request: CreateSavedViewRequest): SavedView {
  if (request.shared && !roleHas(actor.user.role, 'views:share')) {
    throw new AppError(403, 'forbidden', 'Only managers can share a view with the team.');
  }
  const search = normaliseViewSearch(request.search);
  const now = deps.now();
  const row = writeTransaction(deps.db, (tx) => {
    if (viewCountOf(tx, actor.user.id) >= MAX_VIEWS_PER_USER) {
      throw new AppError(
        409,
        'too_many_views',
        `You have ${MAX_VIEWS_PER_USER} saved views; delete one before saving another.`,
      );
    }
    const row = insertView(tx, {
      ownerId: actor.user.id,
      name: request.name,
      search,
      shared: request.shared,
      createdAt: now,
      updatedAt: now,
    });
    if (row.shared) {
      emitAudit(tx, auditContext(actor), {
        action: 'view.shared_created',
        after: { viewId: row.id },
        at: now,
      });
    }
    return row;
  });
  return toSavedView(row, actor.user.name, actor.user.id);
}

/** The owner deletes their view; a shared view can also be taken down by anyone allowed to share. */
export function removeView(deps: AppDeps, actor: Actor, id: number): void {
  const now = deps.now();
  writeTransaction(deps.db, (tx) => {
    const found = findView(tx, id);
    const mine = found?.view.ownerId === actor.user.id;
    if (!found || (!mine && !found.view.shared)) throw notFound(`View ${id}`);
    if (!mine && !roleHas(actor.user.role, 'views:share')) {
      throw new AppError(403, 'forbidden', 'Only its owner or a manager can delete a shared view.');
    }
    deleteView(tx, id);
    if (found.view.shared) {
      emitAudit(tx, auditContext(actor), {
        action: 'view.shared_deleted',
        before: { viewId: id, ownerId: found.view.ownerId },
        at: now,
      });
    }
  });
}
