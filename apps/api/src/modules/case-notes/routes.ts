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
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, IdParam, jsonContent } from '../../platform/openapi';
import { jsonChange, jsonCreateIn, routeDefiner } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { addComment, assignableUsers, assignCase, setMetadata } from './service';

const route = routeDefiner('Case notes');

const commentRoute = route(
  ROUTES.caseCommentCreate,
  'Add a comment to the case thread (local, not sent to the provider)',
  jsonCreateIn(
    IdParam,
    CreateCommentRequest,
    jsonContent(CaseComment.meta({ id: 'CaseComment' }), 'The comment'),
  ),
);

const metadataRoute = route(
  ROUTES.caseMetadataSet,
  'Set or (with value null) remove metadata keys of the case',
  jsonChange(
    IdParam,
    SetMetadataRequest,
    jsonContent(z.array(MetadataEntry.meta({ id: 'MetadataEntry' })), 'All metadata of the case'),
  ),
);

const assignRoute = route(
  ROUTES.caseAssigneeSet,
  'Assign the case to an active user, or unassign it (null)',
  jsonChange(IdParam, AssignRequest, jsonContent(CaseSummary, 'The case')),
);

const assignableRoute = route(ROUTES.assignableUsers, 'Active users a case can be assigned to', {
  responses: { 200: jsonContent(z.array(UserRef), 'Active users by name') },
});

export function caseNoteRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(commentRoute, (c) =>
      c.json(addComment(deps, requestActor(c), c.req.valid('param').id, c.req.valid('json').body), 201),
    )
    .openapi(metadataRoute, (c) =>
      c.json(setMetadata(deps, requestActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(assignRoute, (c) =>
      c.json(assignCase(deps, requestActor(c), c.req.valid('param').id, c.req.valid('json').assigneeId), 200),
    )
    .openapi(assignableRoute, (c) => c.json(assignableUsers(deps), 200));
}
