import { randomUUID } from 'node:crypto';
import type { Harness, TestRole } from './harness';

/*
 * The steps API tests repeat to put a case in front of a reviewer and act on it, the way a reviewer's
 * browser does (read the version, then POST with If-Match and a fresh Idempotency-Key).
 */

/** Raw SQL against the test's database, for assertions on rows the API does not show. */
export const sqlOn =
  (h: Harness) =>
  <T>(query: string, ...params: unknown[]): T[] =>
    h.api.deps.db.sqlite.prepare(query).all(...params) as T[];

/** A Didit session in the sandbox, delivered by its webhooks: the case id and the session id. */
export async function newDiditCase(
  h: Harness,
  scenario = 'review_low_face_match',
): Promise<{ id: number; sessionId: string }> {
  const created = await h.sandbox('/_sandbox/didit/sessions', { scenario });
  if (created.status !== 201) throw new Error(`the sandbox did not create a session: ${created.status}`);
  const sessionId = created.body.sessions[0].session_id as string;
  await h.sandbox('/_sandbox/didit/webhooks/flush', {});
  const [row] = sqlOn(h)<{ id: number }>('SELECT id FROM cases WHERE external_id = ?', sessionId);
  if (!row) throw new Error(`no case for Didit session ${sessionId}`);
  return { id: row.id, sessionId };
}

/** Requests an action on a case at the version the reviewer just loaded. */
export async function requestAction(
  h: Harness,
  caseId: number,
  body: Record<string, unknown>,
  as: TestRole = 'analyst',
) {
  const detail = await h.call(`/api/cases/${caseId}`, { as });
  return h.call(`/api/cases/${caseId}/actions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'if-match': String(detail.body.version),
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify(body),
    as,
  });
}

/**
 * A JSON call as `as` (analyst by default), JSON-typed even without a body like every API write
 * (form-like writes are refused as cross-site).
 */
export const jsonCaller =
  (h: Harness) =>
  (path: string, method = 'GET', body?: unknown, as: TestRole = 'analyst') =>
    h.call(path, {
      method,
      as,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
