import type { AppDeps } from '../../platform/deps';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { getSlaPolicy, setSlaPolicy } from './service';

export function slaRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(apiRoute('slaSettings'), (c) => c.json(getSlaPolicy(deps), 200))
    .openapi(apiRoute('slaSettingsSave'), (c) =>
      c.json(setSlaPolicy(deps, requestActor(c), c.req.valid('json')), 200),
    );
}
