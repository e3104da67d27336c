import {
  AddListEntryRequest,
  CaseActionView,
  ListEntriesQuery,
  ListEntryPage,
  ListView,
  RemoveListEntryRequest,
  ROUTES,
} from '@backoffice/contracts';
import { z } from '@hono/zod-openapi';
import { requestActor } from '../../../modules/auth/middleware';
import type { AppDeps } from '../../../platform/deps';
import { idempotencyKeyOf, replayAwareBody } from '../../../platform/idempotency';
import {
  createRouter,
  IdempotencyKeyValue,
  jsonBody,
  jsonContent,
  refusals,
} from '../../../platform/openapi';
import { pathQueryRead, routeDefiner } from '../../../platform/routes';
import { diditDownResponses, diditItemResponses } from '../live-failure';
import { listEntries, listLists, requestListEntryAdd, requestListEntryRemoval } from './service';

const ListParam = z.object({ listUuid: z.string().min(1).max(100) });
const EntryParam = ListParam.extend({ entryUuid: z.string().min(1).max(100) });
const Headers = z.object({
  'idempotency-key': IdempotencyKeyValue.meta({
    description: 'Required: a replay returns the stored answer.',
  }),
});
const ActionSchema = CaseActionView.meta({ id: 'CaseActionView' });

const route = routeDefiner('Lists');

const listsRoute = route(ROUTES.listList, "Didit's blocklists, allowlists and custom lists, read live", {
  responses: {
    200: jsonContent(z.array(ListView.meta({ id: 'ListView' })), 'Every list of the Didit application'),
    ...diditDownResponses,
  },
});

const entriesRoute = route(
  ROUTES.listEntries,
  'Entries of a list (values masked) with the case of the session each came from',
  pathQueryRead(
    ListParam,
    ListEntriesQuery,
    jsonContent(ListEntryPage.meta({ id: 'ListEntryPage' }), 'One page of entries'),
    diditItemResponses,
  ),
);

/** The docs of a list change: an idempotent request that answers 202 with the action it queued. */
const listChange = <const P, const B>(params: P, body: B, accepted: string) => ({
  request: { params, headers: Headers, body: jsonBody(body) },
  responses: {
    202: jsonContent(ActionSchema, accepted),
    ...diditItemResponses,
    ...refusals(409),
  },
});

const addRoute = route(
  ROUTES.listEntryAdd,
  "Adds a case's session to a list through the outbox (audited; blocklists follow four-eyes)",
  listChange(ListParam, AddListEntryRequest, 'The queued (or awaiting-approval) action'),
);

const removalRoute = route(
  ROUTES.listEntryRemoval,
  'Requests the removal of an entry; a second manager approves it (POST /api/actions/:id/decision)',
  listChange(EntryParam, RemoveListEntryRequest, 'The removal, awaiting approval'),
);

export function listRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listsRoute, async (c) => c.json(await listLists(deps), 200))
    .openapi(entriesRoute, async (c) =>
      c.json(await listEntries(deps, c.req.valid('param').listUuid, c.req.valid('query')), 200),
    )
    .openapi(addRoute, async (c) => {
      const result = await requestListEntryAdd(
        deps,
        requestActor(c),
        c.req.valid('param').listUuid,
        idempotencyKeyOf(c.req.valid('header')['idempotency-key'], true),
        c.req.valid('json'),
      );
      return c.json(replayAwareBody(c, result), 202);
    })
    .openapi(removalRoute, async (c) => {
      const { listUuid, entryUuid } = c.req.valid('param');
      const result = await requestListEntryRemoval(
        deps,
        requestActor(c),
        listUuid,
        entryUuid,
        idempotencyKeyOf(c.req.valid('header')['idempotency-key'], true),
        c.req.valid('json'),
      );
      return c.json(replayAwareBody(c, result), 202);
    });
}
