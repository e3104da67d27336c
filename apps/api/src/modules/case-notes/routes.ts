import {
  AssignRequest,
  CaseComment,
  CaseSummary,
  CreateCommentRequest,
  MetadataEntry,
  ROUTES,
  SetMetadataRequest,
  UserRef,
} from '@backoffice/contracts';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, currentUser, errorResponses, jsonContent } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestContext } from '../auth/middleware';
import { addComment, assignableUsers, assignCase, setMetadata } from './service';

const CaseIdParam = z.object({ id: z.coerce.number().int().positive() });
const json = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

const commentRoute = createRoute({
  ...apiRoute(ROUTES.caseCommentCreate),
  tags: ['Case notes'],
  summary: 'Add a comment to the case thread (local, not sent to the provider)',
  request: { params: CaseIdParam, body: json(CreateCommentRequest) },
  responses: { 201: jsonContent(CaseComment.meta({ id: 'CaseComment' }), 'The comment'), ...errorResponses },
});

const metadataRoute = createRoute({
  ...apiRoute(ROUTES.caseMetadataSet),
  tags: ['Case notes'],
  summary: 'Set or (with value null) remove metadata keys of the case',
  request: { params: CaseIdParam, body: json(SetMetadataRequest) },
  responses: {
    200: jsonContent(z.array(MetadataEntry.meta({ id: 'MetadataEntry' })), 'All metadata of the case'),
    ...errorResponses,
  },
});

const assignRoute = createRoute({
  ...apiRoute(ROUTES.caseAssigneeSet),
  tags: ['Case notes'],
  summary: 'Assign the case to an active user, or unassign it (null)',
  request: { params: CaseIdParam, body: json(AssignRequest) },
  responses: { 200: jsonContent(CaseSummary, 'The case'), ...errorResponses },
});

const assignableRoute = createRoute({
  ...apiRoute(ROUTES.assignableUsers),
  tags: ['Case notes'],
  summary: 'Active users a case can be assigned to',
  responses: { 200: jsonContent(z.array(UserRef), 'Active users by name') },
});

export function caseNoteRoutes(deps: AppDeps) {
  const actor = (c: Parameters<typeof requestContext>[0]) => ({
    user: currentUser(c),
    context: requestContext(c),
  });
  return createRouter()
    .openapi(commentRoute, (c) =>
      c.json(addComment(deps, actor(c), c.req.valid('param').id, c.req.valid('json').body), 201),
    )
    .openapi(metadataRoute, (c) =>
      c.json(setMetadata(deps, actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(assignRoute, (c) =>
      c.json(assignCase(deps, actor(c), c.req.valid('param').id, c.req.valid('json').assigneeId), 200),
    )
    .openapi(assignableRoute, (c) => c.json(assignableUsers(deps), 200));
}
