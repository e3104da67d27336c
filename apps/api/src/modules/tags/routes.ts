import { CreateTagRequest, Tag, UpdateTagRequest } from '@backoffice/contracts';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, currentUser, errorResponses, jsonContent } from '../../platform/openapi';
import { requestContext } from '../auth/middleware';
import { caseTagsOf, changeCaseTag, changeTag, createTag, listTags } from './service';

const TagSchema = Tag.meta({ id: 'Tag' });
const json = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const TagIdParam = z.object({ id: z.coerce.number().int().positive() });
const CaseTagParams = z.object({
  id: z.coerce.number().int().positive(),
  tagId: z.coerce.number().int().positive(),
});

const listRoute = createRoute({
  method: 'get',
  path: '/tags',
  tags: ['Tags'],
  summary: 'Every tag, retired ones included (they stay on old cases)',
  responses: { 200: jsonContent(z.array(TagSchema), 'Tags by name') },
});

const createTagRoute = createRoute({
  method: 'post',
  path: '/tags',
  tags: ['Tags'],
  summary: 'Define a tag (managers; audited)',
  request: { body: json(CreateTagRequest) },
  responses: { 201: jsonContent(TagSchema, 'The tag'), ...errorResponses },
});

const updateTagRoute = createRoute({
  method: 'patch',
  path: '/tags/{id}',
  tags: ['Tags'],
  summary: 'Rename, recolour, retire or restore a tag (managers; audited)',
  request: { params: TagIdParam, body: json(UpdateTagRequest) },
  responses: { 200: jsonContent(TagSchema, 'The tag'), ...errorResponses },
});

const caseTagsRoute = createRoute({
  method: 'get',
  path: '/cases/{id}/tags',
  tags: ['Tags'],
  summary: "The case's tags",
  request: { params: TagIdParam },
  responses: { 200: jsonContent(z.array(TagSchema), 'Tags of the case'), ...errorResponses },
});

const addCaseTagRoute = createRoute({
  method: 'put',
  path: '/cases/{id}/tags/{tagId}',
  tags: ['Tags'],
  summary: 'Put a tag on the case (a retired tag is refused with 409 tag_retired; audited)',
  request: { params: CaseTagParams },
  responses: { 200: jsonContent(z.array(TagSchema), 'Tags of the case'), ...errorResponses },
});

const removeCaseTagRoute = createRoute({
  method: 'delete',
  path: '/cases/{id}/tags/{tagId}',
  tags: ['Tags'],
  summary: 'Take a tag off the case (audited)',
  request: { params: CaseTagParams },
  responses: { 200: jsonContent(z.array(TagSchema), 'Tags of the case'), ...errorResponses },
});

export function tagRoutes(deps: AppDeps) {
  const actor = (c: Parameters<typeof requestContext>[0]) => ({
    user: currentUser(c),
    context: requestContext(c),
  });
  return createRouter()
    .openapi(listRoute, (c) => c.json(listTags(deps), 200))
    .openapi(createTagRoute, (c) => c.json(createTag(deps, actor(c), c.req.valid('json')), 201))
    .openapi(updateTagRoute, (c) =>
      c.json(changeTag(deps, actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(caseTagsRoute, (c) => c.json(caseTagsOf(deps, c.req.valid('param').id), 200))
    .openapi(addCaseTagRoute, (c) => {
      const { id, tagId } = c.req.valid('param');
      return c.json(changeCaseTag(deps, actor(c), id, tagId, 'add'), 200);
    })
    .openapi(removeCaseTagRoute, (c) => {
      const { id, tagId } = c.req.valid('param');
      return c.json(changeCaseTag(deps, actor(c), id, tagId, 'remove'), 200);
    });
}
