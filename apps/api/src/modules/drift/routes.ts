import type { AppDeps } from '../../platform/deps';
import { idempotencyKeyOf, replayAwareBody } from '../../platform/idempotency';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { decideDrift, listDriftViews, resolveDrift } from './service';

export function driftRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(apiRoute('driftList'), (c) => c.json(listDriftViews(deps, c.req.valid('query')), 200))
    .openapi(apiRoute('driftResolve'), (c) => {
      const result = resolveDrift(deps, requestActor(c), {
        id: c.req.valid('param').id,
        idempotencyKey: idempotencyKeyOf(c.req.valid('header')['idempotency-key'], true),
        request: c.req.valid('json'),
      });
      return c.json(replayAwareBody(c, result), 200);
    })
    .openapi(apiRoute('driftDecision'), (c) =>
      c.json(decideDrift(deps, requestActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    );
}
