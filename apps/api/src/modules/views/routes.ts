import { CreateSavedViewRequest, SavedView } from '@backoffice/contracts';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, currentUser, errorResponses, jsonContent } from '../../platform/openapi';
import { requestContext } from '../auth/middleware';
import { getView, listViews, removeView, saveView } from './service';

const SavedViewSchema = SavedView.meta({ id: 'SavedView' });
const ViewIdParam = z.object({ id: z.coerce.number().int().positive() });

const listRoute = createRoute({
  method: 'get',
  path: '/views',
  tags: ['Saved views'],
  summary: "The caller's saved queue views and the team's shared ones",
  responses: { 200: jsonContent(z.array(SavedViewSchema), 'Views') },
});

const getRoute = createRoute({
  method: 'get',
  path: '/views/{id}',
  tags: ['Saved views'],
  summary: 'One view the caller owns or that is shared (the target of /queue?view=id)',
  request: { params: ViewIdParam },
  responses: { 200: jsonContent(SavedViewSchema, 'The view'), ...errorResponses },
});

const createViewRoute = createRoute({
  method: 'post',
  path: '/views',
  tags: ['Saved views'],
  summary: 'Save the current filters, sort and columns under a name (sharing: managers; audited)',
  request: { body: { content: { 'application/json': { schema: CreateSavedViewRequest } }, required: true } },
  responses: { 201: jsonContent(SavedViewSchema, 'The view'), ...errorResponses },
});

const deleteViewRoute = createRoute({
  method: 'delete',
  path: '/views/{id}',
  tags: ['Saved views'],
  summary: 'Delete a view (its owner; a shared one also a manager; audited when shared)',
  request: { params: ViewIdParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
});

export function viewRoutes(deps: AppDeps) {
  const actor = (c: Parameters<typeof requestContext>[0]) => ({
    user: currentUser(c),
    context: requestContext(c),
  });
  return createRouter()
    .openapi(listRoute, (c) => c.json(listViews(deps, currentUser(c).id), 200))
    .openapi(getRoute, (c) => c.json(getView(deps, currentUser(c).id, c.req.valid('param').id), 200))
    .openapi(createViewRoute, (c) => c.json(saveView(deps, actor(c), c.req.valid('json')), 201))
    .openapi(deleteViewRoute, (c) => {
      removeView(deps, actor(c), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
