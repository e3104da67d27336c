import type { AppDeps } from '../../platform/deps';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { saveReasonCode } from './service';

export function reasonCodeRoutes(deps: AppDeps) {
  return createRouter().openapi(apiRoute('reasonCodeSave'), (c) => {
    const saved = saveReasonCode(deps, requestActor(c), c.req.valid('param').code, c.req.valid('json'));
    return c.json(saved, 200);
  });
}
