import {
  AddListEntryRequest,
  CaseActionView,
  ListEntriesQuery,
  ListEntryPage,
  ListView,
  RemoveListEntryRequest,
  ROUTES,
} from '@backoffice/contracts';
import { createRoute, z } from '@hono/zod-openapi';
import { requestContext } from '../../../modules/auth/middleware';
import type { AppDeps } from '../../../platform/deps';
import { idempotencyKeyOf } from '../../../platform/idempotency';
import { createRouter, currentUser, errorResponses, jsonContent } from '../../../platform/openapi';
import { apiRoute } from '../../../platform/routes';
import { listEntries, listLists, requestListEntryAdd, requestListEntryRemoval } from './service';

const ListParam = z.object({ listUuid: z.string().min(1).max(100) });
const EntryParam = ListParam.extend({ entryUuid: z.string().min(1).max(100) });
const Headers = z.object({
  'idempotency-key': z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Required: a replay returns the stored answer.' }),
});
const providerDown = {
  description: 'Didit answered badly or not at all; the message says which',
  content: errorResponses[400].content,
};
const ActionSchema = CaseActionView.meta({ id: 'CaseActionView' });

const listsRoute = createRoute({
  ...apiRoute(ROUTES.listList),
  tags: ['Lists'],
  summary: "Didit's blocklists, allowlists and custom lists, read live",
  responses: {
    200: jsonContent(z.array(ListView.meta({ id: 'ListView' })), 'Every list of the Didit application'),
    502: providerDown,
    503: providerDown,
  },
});

const entriesRoute = createRoute({
  ...apiRoute(ROUTES.listEntries),
  tags: ['Lists'],
  summary: 'Entries of a list (values masked) with the case of the session each came from',
  request: { params: ListParam, query: ListEntriesQuery },
  responses: {
    200: jsonContent(ListEntryPage.meta({ id: 'ListEntryPage' }), 'One page of entries'),
    400: errorResponses[400],
    404: errorResponses[404],
    502: providerDown,
    503: providerDown,
  },
});

const addRoute = createRoute({
  ...apiRoute(ROUTES.listEntryAdd),
  tags: ['Lists'],
  summary: "Adds a case's session to a list through the outbox (audited; blocklists follow four-eyes)",
  request: {
    params: ListParam,
    headers: Headers,
    body: { content: { 'application/json': { schema: AddListEntryRequest } }, required: true },
  },
  responses: {
    202: jsonContent(ActionSchema, 'The queued (or awaiting-approval) action'),
    400: errorResponses[400],
    404: errorResponses[404],
    409: errorResponses[409],
    502: providerDown,
    503: providerDown,
  },
});

const removalRoute = createRoute({
  ...apiRoute(ROUTES.listEntryRemoval),
  tags: ['Lists'],
  summary: 'Requests the removal of an entry; a second manager approves it (POST /api/actions/:id/decision)',
  request: {
    params: EntryParam,
    headers: Headers,
    body: { content: { 'application/json': { schema: RemoveListEntryRequest } }, required: true },
  },
  responses: {
    202: jsonContent(ActionSchema, 'The removal, awaiting approval'),
    400: errorResponses[400],
    404: errorResponses[404],
    409: errorResponses[409],
    502: providerDown,
    503: providerDown,
  },
});

export function listRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listsRoute, async (c) => c.json(await listLists(deps), 200))
    .openapi(entriesRoute, async (c) =>
      c.json(await listEntries(deps, c.req.valid('param').listUuid, c.req.valid('query')), 200),
    )
    .openapi(addRoute, async (c) => {
      const result = await requestListEntryAdd(
        deps,
        { user: currentUser(c), context: requestContext(c) },
        c.req.valid('param').listUuid,
        idempotencyKeyOf(c.req.valid('header')['idempotency-key'], true),
        c.req.valid('json'),
      );
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, 202);
    })
    .openapi(removalRoute, async (c) => {
      const { listUuid, entryUuid } = c.req.valid('param');
      const result = await requestListEntryRemoval(
        deps,
        { user: currentUser(c), context: requestContext(c) },
        listUuid,
        entryUuid,
        idempotencyKeyOf(c.req.valid('header')['idempotency-key'], true),
        c.req.valid('json'),
      );
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, 202);
    });
}
