import { CreateTagRequest, ROUTES, Tag, UpdateTagRequest } from '@backoffice/contracts';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, IdParam, jsonContent } from '../../platform/openapi';
import { jsonChange, jsonCreate, pathOnly, routeDefiner } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { caseTagsOf, changeCaseTag, changeTag, createTag, listTags } from './service';

const route = routeDefiner('Tags');
const TagSchema = Tag.meta({ id: 'Tag' });
const CaseTagParams = IdParam.extend({ tagId: z.coerce.number().int().positive() });

const listRoute = route(ROUTES.tagList, 'Every tag, retired ones included (they stay on old cases)', {
  responses: { 200: jsonContent(z.array(TagSchema), 'Tags by name') },
});

const createTagRoute = route(
  ROUTES.tagCreate,
  'Define a tag (managers; audited)',
  jsonCreate(CreateTagRequest, jsonContent(TagSchema, 'The tag')),
);

const updateTagRoute = route(
  ROUTES.tagUpdate,
  'Rename, recolour, retire or restore a tag (managers; audited)',
  jsonChange(IdParam, UpdateTagRequest, jsonContent(TagSchema, 'The tag')),
);

const caseTagsRoute = route(
  ROUTES.caseTags,
  "The case's tags",
  pathOnly(IdParam, jsonContent(z.array(TagSchema), 'Tags of the case')),
);

const addCaseTagRoute = route(
  ROUTES.caseTagAdd,
  'Put a tag on the case (a retired tag is refused with 409 tag_retired; audited)',
  pathOnly(CaseTagParams, jsonContent(z.array(TagSchema), 'Tags of the case')),
);

const removeCaseTagRoute = route(
  ROUTES.caseTagRemove,
  'Take a tag off the case (audited)',
  pathOnly(CaseTagParams, jsonContent(z.array(TagSchema), 'Tags of the case')),
);

export function tagRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, (c) => c.json(listTags(deps), 200))
    .openapi(createTagRoute, (c) => c.json(createTag(deps, requestActor(c), c.req.valid('json')), 201))
    .openapi(updateTagRoute, (c) =>
      c.json(changeTag(deps, requestActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(caseTagsRoute, (c) => c.json(caseTagsOf(deps, c.req.valid('param').id), 200))
    .openapi(addCaseTagRoute, (c) => {
      const { id, tagId } = c.req.valid('param');
      return c.json(changeCaseTag(deps, requestActor(c), id, tagId, 'add'), 200);
    })
    .openapi(removeCaseTagRoute, (c) => {
      const { id, tagId } = c.req.valid('param');
      return c.json(changeCaseTag(deps, requestActor(c), id, tagId, 'remove'), 200);
    });
}
