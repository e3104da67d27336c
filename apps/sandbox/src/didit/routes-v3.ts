import { type Context, Hono } from 'hono';
import { z } from 'zod';
import {
  BLOCKLIST_ADDED_MESSAGE,
  BLOCKLIST_REMOVED_MESSAGE,
  LIST_DEFAULT_LIMIT,
  LIST_MAX_LIMIT,
  NOT_FOUND_DETAIL,
} from './assumptions.js';
import { isoTimestamp } from './decision.js';
import { detailError, parseJsonBody, parseWith } from './http.js';
import { FEATURE_NODES, reportedStatus, type Session } from './model.js';
import { renderSessionPdf } from './pdf.js';
import { type DiditSandbox, newSecret, type WebhookDestination } from './sandbox.js';
import {
  BLOCKLIST_ITEM_TYPES,
  BlocklistAddBody,
  type BlocklistItemType,
  BlocklistRemoveBody,
  CreateDestinationBody,
  CreateReviewBody,
  CreateSessionBody,
  ListSessionsQuery,
  UpdateDataBody,
  UpdateDestinationBody,
  UpdateStatusBody,
  UpdateWebhookConfigBody,
} from './schemas.js';
import { serializeDelivery } from './webhooks.js';
import {
  CreateWorkflowBody,
  createWorkflow,
  serializeWorkflow,
  UpdateWorkflowBody,
  updateWorkflow,
} from './workflows.js';

function foldText(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function personFields(session: Session) {
  const person = session.outcome?.person;
  if (!person) return { full_name: null, document_number: null, issuing_state: null, document_type: null };
  const edits = session.idDataEdits;
  return {
    full_name: `${edits.first_name ?? person.firstName} ${edits.last_name ?? person.lastName}`,
    document_number: edits.document_number ?? person.documentNumber,
    issuing_state: person.country.alpha3,
    document_type: edits.document_type ?? person.documentType,
  };
}

/** List rows: the documented columns plus a few assumed ones (docs/providers/didit.md §1.5.4). */
function listRow(sandbox: DiditSandbox, session: Session) {
  const person = personFields(session);
  return {
    session_id: session.id,
    session_kind: 'user',
    session_number: session.number,
    status: reportedStatus(session),
    vendor_data: session.vendorData,
    workflow_id: session.workflowId,
    features: sandbox.workflowOf(session).features.map(({ feature }) => FEATURE_NODES[feature].label),
    full_name: person.full_name,
    issuing_state: person.issuing_state,
    document_type: person.document_type,
    country: person.issuing_state,
    created_at: isoTimestamp(session.createdAt),
    updated_at: isoTimestamp(session.updatedAt),
  };
}

function matchesFilters(session: Session, query: ListSessionsQuery): boolean {
  if (query.status.length > 0 && !query.status.includes(reportedStatus(session))) return false;
  if (query.vendor_data !== undefined && session.vendorData !== query.vendor_data) return false;
  if (query.workflow_id !== undefined && session.workflowId !== query.workflow_id) return false;
  const person = personFields(session);
  if (query.country !== undefined && person.issuing_state !== query.country.toUpperCase()) return false;
  const createdDay = isoTimestamp(session.createdAt).slice(0, 10);
  if (query.date_from !== undefined && createdDay < query.date_from) return false;
  if (query.date_to !== undefined && createdDay > query.date_to) return false;
  if (query.search) {
    const needle = foldText(query.search.trim());
    const haystack = [
      person.full_name,
      session.vendorData,
      session.id,
      person.document_number,
      String(session.number),
    ];
    if (!haystack.some((value) => value !== null && foldText(value).includes(needle))) return false;
  }
  return true;
}

const BatchDeleteBody = z.object({
  session_numbers: z.array(z.number().int().positive()).optional(),
  delete_all: z.boolean().optional(),
});

/** The item types a blocklist body's `<prefix><type>` flags select; a body that selects none is refused. */
function selectedTypes(
  flags: Record<string, unknown>,
  prefix: string,
  noneSelected: string,
): BlocklistItemType[] {
  const types = BLOCKLIST_ITEM_TYPES.filter((type) => flags[`${prefix}${type}`] === true);
  if (types.length === 0) throw detailError(400, noneSelected);
  return types;
}

function serializeDestination(destination: WebhookDestination) {
  return { ...destination, created_at: isoTimestamp(destination.created_at) };
}

/** Fire-and-forget like the real provider; deliveries already log their own failures. */
function inBackground(delivery: Promise<void>): void {
  delivery.catch(() => undefined);
}

/** The Didit v3 API as seen by our backend (paths are relative to the sandbox origin). */
export function diditApiRoutes(sandbox: DiditSandbox) {
  const base = () => sandbox.config.baseUrl();
  const session = (id: string) => sandbox.findSession(id);
  const app = new Hono({ strict: true });

  // ---- workflows ----
  app.get('/v3/workflows/', (c) =>
    c.json(
      [...sandbox.workflows.values()]
        .filter((workflow) => !workflow.deleted)
        .map((workflow) => serializeWorkflow(workflow, base())),
    ),
  );
  app.post('/v3/workflows/', async (c) => {
    const workflow = createWorkflow(await parseJsonBody(c, CreateWorkflowBody), sandbox.clock.now());
    if (workflow.is_default) for (const other of sandbox.workflows.values()) other.is_default = false;
    sandbox.workflows.set(workflow.uuid, workflow);
    return c.json(serializeWorkflow(workflow, base()), 201);
  });
  app.get('/v3/workflows/:id/', (c) =>
    c.json(serializeWorkflow(sandbox.findWorkflow(c.req.param('id')), base())),
  );
  app.patch('/v3/workflows/:id/', async (c) => {
    const current = sandbox.findWorkflow(c.req.param('id'));
    const updated = updateWorkflow(current, await parseJsonBody(c, UpdateWorkflowBody));
    if (updated.is_default && !current.is_default)
      for (const other of sandbox.workflows.values()) other.is_default = false;
    sandbox.workflows.set(updated.uuid, updated);
    return c.json(serializeWorkflow(updated, base()));
  });
  app.delete('/v3/workflows/:id/', (c) => {
    const workflow = sandbox.findWorkflow(c.req.param('id'));
    sandbox.workflows.set(workflow.uuid, { ...workflow, deleted: true, is_default: false });
    return c.body(null, 204);
  });

  // ---- sessions ----
  app.post('/v3/session/', async (c) => {
    const { session: created, delivered } = sandbox.createSession(await parseJsonBody(c, CreateSessionBody));
    inBackground(delivered);
    return c.json(sandbox.serializeCreatedSession(created), 201);
  });

  app.get('/v3/sessions/', (c) => {
    const url = new URL(c.req.url);
    const query = parseWith(ListSessionsQuery, Object.fromEntries(url.searchParams));
    const pageStyle =
      query.page !== undefined || (query.page_size !== undefined && query.limit === undefined);
    const limit = Math.min((pageStyle ? query.page_size : query.limit) ?? LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT);
    const offset = pageStyle ? ((query.page ?? 1) - 1) * limit : (query.offset ?? 0);
    const matching =
      query.session_kind === 'business'
        ? []
        : [...sandbox.sessions.values()]
            .filter((candidate) => matchesFilters(candidate, query))
            .sort((left, right) => right.number - left.number);
    const link = (targetOffset: number) => {
      const target = new URL(`${base()}${url.pathname}${url.search}`);
      if (pageStyle) {
        target.searchParams.set('page', String(Math.floor(targetOffset / limit) + 1));
        if (targetOffset === 0) target.searchParams.delete('page');
      } else {
        target.searchParams.set('limit', String(limit));
        if (targetOffset > 0) target.searchParams.set('offset', String(targetOffset));
        else target.searchParams.delete('offset');
      }
      return target.toString();
    };
    return c.json({
      count: matching.length,
      next: offset + limit < matching.length ? link(offset + limit) : null,
      previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
      results: matching.slice(offset, offset + limit).map((item) => listRow(sandbox, item)),
    });
  });

  app.get('/v3/session/:id/decision/', (c) => c.json(sandbox.decisionOf(session(c.req.param('id')))));

  app.patch('/v3/session/:id/update-status/', async (c) => {
    const target = session(c.req.param('id'));
    const { delivered } = sandbox.updateStatus(target, await parseJsonBody(c, UpdateStatusBody));
    inBackground(delivered);
    return c.json({ session_id: target.id });
  });

  app.patch('/v3/session/:id/update-data/', async (c) => {
    const target = session(c.req.param('id'));
    const { node_id: _nodeId, ...edits } = await parseJsonBody(c, UpdateDataBody);
    inBackground(sandbox.updateIdData(target, edits as Record<string, string | null>));
    return c.json({ session_id: target.id });
  });

  app.delete('/v3/session/:id/delete/', (c) => {
    sandbox.deleteSession(session(c.req.param('id')));
    return c.body(null, 204);
  });

  const batchDelete = async (c: Context) => {
    const body = await parseJsonBody(c, BatchDeleteBody);
    if (!body.delete_all && !body.session_numbers?.length) {
      throw detailError(400, 'Provide session_numbers or set delete_all to true.');
    }
    const numbers = new Set(body.session_numbers ?? []);
    for (const candidate of [...sandbox.sessions.values()]) {
      if (body.delete_all || numbers.has(candidate.number)) sandbox.deleteSession(candidate);
    }
    return c.body(null, 204);
  };
  app.post('/v3/sessions/delete/', batchDelete);
  app.delete('/v3/sessions/delete/', batchDelete);

  // Served with and without the trailing slash (conflict C4).
  for (const path of ['/v3/session/:id/generate-pdf/', '/v3/session/:id/generate-pdf']) {
    app.get(path, async (c) => {
      const target = session(c.req.param('id') ?? '');
      const pdf = await renderSessionPdf(target, sandbox.decisionOf(target), new Date(sandbox.clock.now()));
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="session_${target.number}.pdf"`,
      });
    });
  }

  // ---- reviews ----
  app.get('/v3/sessions/:id/reviews/', (c) => c.json(session(c.req.param('id')).reviews));
  app.post('/v3/sessions/:id/reviews/', async (c) => {
    const target = session(c.req.param('id'));
    const body = await parseJsonBody(c, CreateReviewBody);
    if (body.new_status) {
      const reviewsBefore = target.reviews.length;
      const update = parseWith(UpdateStatusBody, { ...body, comment: body.comment });
      inBackground(sandbox.updateStatus(target, update).delivered);
      // A same-status no-op records the comment only.
      if (target.reviews.length > reviewsBefore) return c.json(target.reviews.at(-1), 201);
    }
    return c.json(sandbox.addComment(target, body.comment), 201);
  });

  // ---- blocklist ----
  app.post('/v3/blocklist/add/', async (c) => {
    const body = await parseJsonBody(c, BlocklistAddBody);
    const types = selectedTypes(body, 'blocklist_', 'Select at least one item to blocklist.');
    const blocked = sandbox.blocklistAdd(session(body.session_id), types);
    return c.json({ message: BLOCKLIST_ADDED_MESSAGE, session_id: body.session_id, blocked });
  });
  app.post('/v3/blocklist/remove/', async (c) => {
    const body = await parseJsonBody(c, BlocklistRemoveBody);
    const types = selectedTypes(body, 'unblock_', 'Select at least one item to remove from the blocklist.');
    const removed = sandbox.blocklistRemove(session(body.session_id), types);
    return c.json({ message: BLOCKLIST_REMOVED_MESSAGE, session_id: body.session_id, removed });
  });
  app.get('/v3/blocklist/', (c) => {
    const itemType = c.req.query('item_type');
    if (itemType !== undefined && !(BLOCKLIST_ITEM_TYPES as readonly string[]).includes(itemType)) {
      throw detailError(400, `"${itemType}" is not a valid item_type.`);
    }
    const types = itemType === undefined ? BLOCKLIST_ITEM_TYPES : [itemType as BlocklistItemType];
    return c.json(
      types.flatMap((type) =>
        sandbox.lists.entriesOf(sandbox.lists.systemBlocklist(type)).map((entry) => ({
          uuid: entry.uuid,
          item_type: type,
          value_preview: `${type}:${entry.fingerprint.slice(0, 8)}…`,
          session_id: entry.reference_session_id,
          created_at: isoTimestamp(entry.created_at),
        })),
      ),
    );
  });

  // ---- webhook configuration and delivery log ----
  app.get('/v3/webhook/', (c) => c.json(sandbox.webhookConfig));
  app.patch('/v3/webhook/', async (c) => {
    const { rotate_secret_key: rotate, ...changes } = await parseJsonBody(c, UpdateWebhookConfigBody);
    sandbox.webhookConfig = {
      ...sandbox.webhookConfig,
      ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
    };
    // Rotation invalidates the old secret immediately (documented).
    if (rotate) sandbox.webhookConfig.secret_shared_key = newSecret();
    return c.json(sandbox.webhookConfig);
  });

  app.get('/v3/webhook/destinations/', (c) =>
    c.json([...sandbox.destinations.values()].map(serializeDestination)),
  );
  app.post('/v3/webhook/destinations/', async (c) => {
    const body = await parseJsonBody(c, CreateDestinationBody);
    const destination: WebhookDestination = {
      uuid: crypto.randomUUID(),
      label: body.label,
      url: body.url,
      enabled: body.enabled ?? true,
      webhook_version: body.webhook_version ?? 'v3',
      subscribed_events: body.subscribed_events ?? null,
      secret_shared_key: newSecret(),
      created_at: sandbox.clock.now(),
    };
    sandbox.destinations.set(destination.uuid, destination);
    return c.json(serializeDestination(destination), 201);
  });
  const findDestination = (id: string) => {
    const destination = sandbox.destinations.get(id);
    if (!destination) throw detailError(404, NOT_FOUND_DETAIL);
    return destination;
  };
  app.get('/v3/webhook/destinations/:id/', (c) =>
    c.json(serializeDestination(findDestination(c.req.param('id')))),
  );
  app.patch('/v3/webhook/destinations/:id/', async (c) => {
    const destination = findDestination(c.req.param('id'));
    const { rotate_secret_key: rotate, ...changes } = await parseJsonBody(c, UpdateDestinationBody);
    Object.assign(
      destination,
      Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
    );
    if (rotate) destination.secret_shared_key = newSecret();
    return c.json(serializeDestination(destination));
  });
  app.delete('/v3/webhook/destinations/:id/', (c) => {
    sandbox.destinations.delete(findDestination(c.req.param('id')).uuid);
    return c.body(null, 204);
  });

  app.get('/v3/session/:id/webhooks/', (c) => {
    const target = session(c.req.param('id'));
    return c.json(
      sandbox.webhooks.deliveries
        .filter((delivery) => delivery.sessionId === target.id)
        .map(serializeDelivery)
        .reverse(),
    );
  });
  // Documented without a trailing slash.
  app.get('/v3/session/:id/webhook/:uuid', (c) => {
    const target = session(c.req.param('id'));
    const delivery = sandbox.webhooks.deliveries.find(
      (candidate) => candidate.uuid === c.req.param('uuid') && candidate.sessionId === target.id,
    );
    if (!delivery) throw detailError(404, NOT_FOUND_DETAIL);
    return c.json(serializeDelivery(delivery));
  });

  return app;
}
