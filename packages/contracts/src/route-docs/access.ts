import { z } from 'zod';
import { CreateUserRequest, LoginRequest, Me, UpdateUserRequest, UserView } from '../auth';
import { errorResponses, jsonBody, jsonContent, refusals } from './shapes';

const MeSchema = Me.meta({ id: 'Me' });
const UserViewSchema = UserView.meta({ id: 'UserView' });

/** Signing in and out, and the users an admin manages. */
export const accessRouteDocs = {
  login: {
    tag: 'Auth',
    summary: 'Sign in with e-mail and password; sets a new HttpOnly session cookie',
    request: { body: jsonBody(LoginRequest) },
    responses: {
      200: jsonContent(MeSchema, 'Signed in'),
      400: errorResponses[400],
      401: errorResponses[401],
      429: errorResponses[429],
    },
  },
  logout: {
    tag: 'Auth',
    summary: 'Sign out: ends the session on the server',
    responses: { 204: { description: 'Signed out' }, 401: errorResponses[401] },
  },
  me: {
    tag: 'Auth',
    summary: 'The signed-in user and their permissions',
    responses: { 200: jsonContent(MeSchema, 'The signed-in user'), 401: errorResponses[401] },
  },

  userList: {
    tag: 'Users',
    summary: 'Every staff account, active and disabled',
    responses: { 200: jsonContent(z.array(UserViewSchema), 'Staff accounts') },
  },
  userCreate: {
    tag: 'Users',
    summary: 'Creates a staff account',
    request: { body: jsonBody(CreateUserRequest) },
    responses: {
      201: jsonContent(UserViewSchema, 'Created'),
      ...refusals(400, 409),
    },
  },
  userUpdate: {
    tag: 'Users',
    summary:
      'Renames, changes role, disables/enables or sets a new password; disabling or a new password ends sessions',
    request: {
      params: z.object({ id: z.string().min(1).max(100) }),
      body: jsonBody(UpdateUserRequest),
    },
    responses: {
      200: jsonContent(UserViewSchema, 'The account after the change'),
      ...refusals(400, 404, 409),
    },
  },
};
