import { Hono } from 'hono';
import { z } from 'zod';
import { LIST_ENTRIES_DEFAULT_LIMIT, LIST_ENTRIES_MAX_LIMIT } from './assumptions.js';
import { isoTimestamp } from './decision.js';
import { detailError, parseJsonBody, parseWith } from './http.js';
import {
  entryFingerprint,
  SANDBOX_LIST_ENTRY_TYPES,
  type SandboxList,
  type SandboxListEntry,
  type SessionEntryType,
  SYSTEM_BLOCKLIST_TYPES,
} from './lists.js';
import type { DiditSandbox } from './sandbox.js';

const CreateListBody = z.object({
  name: z.string().trim().min(1).max(200),
  list_type: z.enum(['blocklist', 'allowlist', 'custom']),
  entry_type: z.enum(SANDBOX_LIST_ENTRY_TYPES),
});

/**
 * Didit's add-entry body, written here rather than imported from the client's schema on purpose: the
 * sandbox stands for Didit, so a mistake in our client must not become the simulator's.
 */
const CreateEntryBody = z
  .object({
    value: z.string().trim().min(1).max(512).optional(),
    reference_session_id: z.string().min(1).max(100).optional(),
    display_label: z.string().max(200).optional(),
    comment: z.string().max(2000).optional(),
  })
  .refine(
    (body) => (body.value === undefined) !== (body.reference_session_id === undefined),
    'Give either value or reference_session_id.',
  );

const ListsQuery = z.object({
  list_type: z.enum(['blocklist', 'allowlist', 'custom']).optional(),
  entry_type: z.enum(SANDBOX_LIST_ENTRY_TYPES).optional(),
});

const EntriesQuery = z.object({
  search: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIST_ENTRIES_MAX_LIMIT).default(LIST_ENTRIES_DEFAULT_LIMIT),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const isSessionType = (type: string): type is SessionEntryType =>
  (SYSTEM_BLOCKLIST_TYPES as readonly string[]).includes(type);

/** Rows as the Lists API returns them; the fingerprint is ours and stays inside. */
function serializeList(sandbox: DiditSandbox, list: SandboxList) {
  return {
    ...list,
    entries_count: sandbox.lists.entriesOf(list).length,
    created_at: isoTimestamp(list.created_at),
  };
}

function serializeEntry({ fingerprint: _fingerprint, ...entry }: SandboxListEntry) {
  return { ...entry, created_at: isoTimestamp(entry.created_at) };
}

/** `/v3/lists/`: lists and their entries (docs/providers/didit.md, "Lists"). */
export function diditListRoutes(sandbox: DiditSandbox) {
  const app = new Hono({ strict: true });
  const base = () => sandbox.config.baseUrl();

  app.get('/v3/lists/', (c) => {
    const query = parseWith(ListsQuery, c.req.query());
    const results = [...sandbox.lists.lists.values()]
      .filter((list) => query.list_type === undefined || list.list_type === query.list_type)
      .filter((list) => query.entry_type === undefined || list.entry_type === query.entry_type)
      .map((list) => serializeList(sandbox, list));
    return c.json({ count: results.length, next: null, previous: null, results });
  });

  app.post('/v3/lists/', async (c) => {
    const body = await parseJsonBody(c, CreateListBody);
    return c.json(serializeList(sandbox, sandbox.lists.create(body)), 201);
  });

  app.get('/v3/lists/:listUuid/', (c) =>
    c.json(serializeList(sandbox, sandbox.lists.find(c.req.param('listUuid')))),
  );

  app.get('/v3/lists/:listUuid/entries/', (c) => {
    const list = sandbox.lists.find(c.req.param('listUuid'));
    const query = parseWith(EntriesQuery, c.req.query());
    const needle = query.search?.trim().toLowerCase();
    const matching = sandbox.lists
      .entriesOf(list)
      .filter(
        (entry) =>
          !needle ||
          [entry.value, entry.display_label, entry.comment, entry.reference_session_id].some((field) =>
            field?.toLowerCase().includes(needle),
          ),
      )
      .sort((a, b) => b.created_at - a.created_at);
    const page = matching.slice(query.offset, query.offset + query.limit);
    const link = (offset: number) => {
      const params = new URLSearchParams({ limit: String(query.limit), offset: String(offset) });
      if (query.search) params.set('search', query.search);
      return `${base()}/v3/lists/${list.uuid}/entries/?${params.toString()}`;
    };
    return c.json({
      count: matching.length,
      next: query.offset + query.limit < matching.length ? link(query.offset + query.limit) : null,
      previous: query.offset > 0 ? link(Math.max(0, query.offset - query.limit)) : null,
      results: page.map(serializeEntry),
    });
  });

  app.post('/v3/lists/:listUuid/entries/', async (c) => {
    const list = sandbox.lists.find(c.req.param('listUuid'));
    const body = await parseJsonBody(c, CreateEntryBody);
    let value: string | null;
    let fingerprint: string;
    if (body.reference_session_id !== undefined) {
      // Didit takes the value from the session itself: the face, the document number, the contact.
      const session = sandbox.findSession(body.reference_session_id);
      if (!isSessionType(list.entry_type)) {
        throw detailError(400, `A session has no ${list.entry_type} to add.`);
      }
      const person = session.outcome?.person ?? null;
      const found = sandbox.fingerprints(session, person)[list.entry_type];
      if (found === null) throw detailError(400, `This session has no ${list.entry_type} to add.`);
      fingerprint = found;
      value = list.entry_type === 'face' ? null : sandbox.sessionValues(session, person)[list.entry_type];
    } else {
      if (list.entry_type === 'face') {
        throw detailError(400, 'Add a face from a session (reference_session_id) or with face-upload.');
      }
      value = body.value ?? '';
      fingerprint = entryFingerprint(list.entry_type, value);
    }
    const entry = sandbox.lists.add(list, {
      fingerprint,
      value,
      display_label: body.display_label ?? null,
      comment: body.comment ?? null,
      reference_session_id: body.reference_session_id ?? null,
    });
    return c.json(serializeEntry(entry), 201);
  });

  app.delete('/v3/lists/:listUuid/entries/:entryUuid/', (c) => {
    sandbox.lists.remove(sandbox.lists.find(c.req.param('listUuid')), c.req.param('entryUuid'));
    return c.body(null, 204);
  });

  return app;
}
