import type { AppDeps } from '../../platform/deps';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { createStaffUser, listUsers, updateStaffUser } from './service';

export function userRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(apiRoute('userList'), (c) => c.json(listUsers(deps.db), 200))
    .openapi(apiRoute('userCreate'), async (c) =>
      c.json(await createStaffUser(deps, requestActor(c), c.req.valid('json')), 201),
    )
    .openapi(apiRoute('userUpdate'), async (c) => {
      const user = await updateStaffUser(deps, requestActor(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(user, 200);
    });
}
