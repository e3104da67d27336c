import type { AppDeps } from '../../platform/deps';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { addComment, assignableUsers, assignCase, setMetadata } from './service';

export function caseNoteRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(apiRoute('caseCommentCreate'), (c) =>
      c.json(addComment(deps, requestActor(c), c.req.valid('param').id, c.req.valid('json').body), 201),
    )
    .openapi(apiRoute('caseMetadataSet'), (c) =>
      c.json(setMetadata(deps, requestActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(apiRoute('caseAssigneeSet'), (c) =>
      c.json(assignCase(deps, requestActor(c), c.req.valid('param').id, c.req.valid('json').assigneeId), 200),
    )
    .openapi(apiRoute('assignableUsers'), (c) => c.json(assignableUsers(deps), 200));
}
