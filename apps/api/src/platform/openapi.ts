import { ApiError } from '@backoffice/contracts';
import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from './errors';

export type AppEnv = { Variables: { requestId: string } };

/** Every router is an OpenAPIHono whose validation failures become the one ApiError shape (400). */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.') || '(body)',
          message: issue.message,
        }));
        throw new AppError(400, 'invalid_request', 'The request is not valid.', issues);
      }
    },
  });
}

export const ApiErrorSchema = ApiError.meta({ id: 'ApiError' });

export const errorResponses = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: ApiErrorSchema } } },
  404: { description: 'Not found', content: { 'application/json': { schema: ApiErrorSchema } } },
} as const;

export const jsonContent = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
