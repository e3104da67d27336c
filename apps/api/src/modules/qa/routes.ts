import type { AppDeps } from '../../platform/deps';
import { idempotencyKeyOf, replayAwareBody } from '../../platform/idempotency';
import { createRouter, currentUser } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { getQaItem, getQaSampling, listQa, recordQaOutcome, runQaSampler, setQaSampling } from './service';

export function qaRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(apiRoute('qaItemList'), (c) => c.json(listQa(deps, currentUser(c), c.req.valid('query')), 200))
    .openapi(apiRoute('qaItem'), (c) => c.json(getQaItem(deps, currentUser(c), c.req.valid('param').id), 200))
    .openapi(apiRoute('qaOutcome'), (c) => {
      const result = recordQaOutcome(deps, requestActor(c), {
        id: c.req.valid('param').id,
        idempotencyKey: idempotencyKeyOf(c.req.valid('header')['idempotency-key'], true),
        request: c.req.valid('json'),
      });
      return c.json(replayAwareBody(c, result), 200);
    })
    .openapi(apiRoute('qaSettings'), (c) => c.json(getQaSampling(deps), 200))
    .openapi(apiRoute('qaSettingsSave'), (c) =>
      c.json(setQaSampling(deps, requestActor(c), c.req.valid('json')), 200),
    )
    .openapi(apiRoute('qaSamplerRun'), (c) => c.json(runQaSampler(deps, requestActor(c)), 200));
}
