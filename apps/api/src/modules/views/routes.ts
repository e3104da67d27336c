import type { AppDeps } from '../../platform/deps';
import { createRouter, currentUser } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { getView, listViews, removeView, saveView } from './service';

export function viewRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(apiRoute('viewList'), (c) => c.json(listViews(deps, currentUser(c).id), 200))
    .openapi(apiRoute('viewDetail'), (c) =>
      c.json(getView(deps, currentUser(c).id, c.req.valid('param').id), 200),
    )
    .openapi(apiRoute('viewCreate'), (c) => c.json(saveView(deps, requestActor(c), c.req.valid('json')), 201))
    .openapi(apiRoute('viewDelete'), (c) => {
      removeView(deps, requestActor(c), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
