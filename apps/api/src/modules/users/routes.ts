import { CreateUserRequest, ROUTES, UpdateUserRequest, UserView } from '@backoffice/contracts';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, jsonBody, jsonContent, refusals } from '../../platform/openapi';
import { routeDefiner } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { createStaffUser, listUsers, updateStaffUser } from './service';

const route = routeDefiner('Users');

const UserViewSchema = UserView.meta({ id: 'UserView' });

const listRoute = route(ROUTES.userList, 'Every staff account, active and disabled', {
  responses: { 200: jsonContent(z.array(UserViewSchema), 'Staff accounts') },
});

const createUserRoute = route(ROUTES.userCreate, 'Creates a staff account', {
  request: { body: jsonBody(CreateUserRequest) },
  responses: {
    201: jsonContent(UserViewSchema, 'Created'),
    ...refusals(400, 409),
  },
});

const updateRoute = route(
  ROUTES.userUpdate,
  'Renames, changes role, disables/enables or sets a new password; disabling or a new password ends sessions',
  {
    request: {
      params: z.object({ id: z.string().min(1).max(100) }),
      body: jsonBody(UpdateUserRequest),
    },
    responses: {
      200: jsonContent(UserViewSchema, 'The account after the change'),
      ...refusals(400, 404, 409),
    },
  },
);

export function userRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, (c) => c.json(listUsers(deps.db), 200))
    .openapi(createUserRoute, async (c) =>
      c.json(await createStaffUser(deps, requestActor(c), c.req.valid('json')), 201),
    )
    .openapi(updateRoute, async (c) => {
      const user = await updateStaffUser(deps, requestActor(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(user, 200);
    });
}
