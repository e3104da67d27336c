import type { AppDeps } from '../../platform/deps';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { caseTagsOf, changeCaseTag, changeTag, createTag, listTags } from './service';

export function tagRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(apiRoute('tagList'), (c) => c.json(listTags(deps), 200))
    .openapi(apiRoute('tagCreate'), (c) => c.json(createTag(deps, requestActor(c), c.req.valid('json')), 201))
    .openapi(apiRoute('tagUpdate'), (c) =>
      c.json(changeTag(deps, requestActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(apiRoute('caseTags'), (c) => c.json(caseTagsOf(deps, c.req.valid('param').id), 200))
    .openapi(apiRoute('caseTagAdd'), (c) => {
      const { id, tagId } = c.req.valid('param');
      return c.json(changeCaseTag(deps, requestActor(c), id, tagId, 'add'), 200);
    })
    .openapi(apiRoute('caseTagRemove'), (c) => {
      const { id, tagId } = c.req.valid('param');
      return c.json(changeCaseTag(deps, requestActor(c), id, tagId, 'remove'), 200);
    });
}
