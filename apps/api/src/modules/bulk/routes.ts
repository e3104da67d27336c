import type { AppDeps } from '../../platform/deps';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { applyBulk, reviewers } from './service';

export function bulkRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(apiRoute('caseBulk'), (c) => c.json(applyBulk(deps, requestActor(c), c.req.valid('json')), 200))
    .openapi(apiRoute('reviewerList'), (c) => c.json(reviewers(deps.db.orm), 200));
}
