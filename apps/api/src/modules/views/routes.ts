import { CreateSavedViewRequest, ROUTES, SavedView } from '@backoffice/contracts';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, currentUser, errorResponses, IdParam, jsonContent } from '../../platform/openapi';
import { jsonCreate, pathOnly, routeDefiner } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { getView, listViews, removeView, saveView } from './service';

const route = routeDefiner('Saved views');
const SavedViewSchema = SavedView.meta({ id: 'SavedView' });

const listRoute = route(ROUTES.viewList, "The caller's saved queue views and the team's shared ones", {
  responses: { 200: jsonContent(z.array(SavedViewSchema), 'Views') },
});

const getRoute = route(
  ROUTES.viewDetail,
  'One view the caller owns or that is shared (the target of /queue?view=id)',
  pathOnly(IdParam, jsonContent(SavedViewSchema, 'The view')),
);

const createViewRoute = route(
  ROUTES.viewCreate,
  'Save the current filters, sort and columns under a name (sharing: managers; audited)',
  jsonCreate(CreateSavedViewRequest, jsonContent(SavedViewSchema, 'The view')),
);

const deleteViewRoute = route(
  ROUTES.viewDelete,
  'Delete a view (its owner; a shared one also a manager; audited when shared)',
  {
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted' }, ...errorResponses },
  },
);

export function viewRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, (c) => c.json(listViews(deps, currentUser(c).id), 200))
    .openapi(getRoute, (c) => c.json(getView(deps, currentUser(c).id, c.req.valid('param').id), 200))
    .openapi(createViewRoute, (c) => c.json(saveView(deps, requestActor(c), c.req.valid('json')), 201))
    .openapi(deleteViewRoute, (c) => {
      removeView(deps, requestActor(c), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
