import {
  QaItemDetail,
  QaListQuery,
  QaListResponse,
  QaOutcomeRequest,
  QaSamplerRun,
  QaSamplingSettings,
} from '@backoffice/contracts';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { idempotencyKeyOf } from '../../platform/idempotency';
import { createRouter, currentUser, errorResponses, jsonContent } from '../../platform/openapi';
import { requestContext } from '../auth/middleware';
import { getQaItem, getQaSampling, listQa, recordQaOutcome, runQaSampler, setQaSampling } from './service';

const SamplingSchema = QaSamplingSettings.meta({ id: 'QaSamplingSettings' });
const ItemDetailSchema = QaItemDetail.meta({ id: 'QaItemDetail' });
const ItemParams = z.object({ id: z.coerce.number().int().positive() });

const listRoute = createRoute({
  method: 'get',
  path: '/qa/items',
  tags: ['Supervision'],
  summary: 'The QA queue: sampled closed cases, newest first, with filters',
  request: { query: QaListQuery },
  responses: {
    200: jsonContent(QaListResponse.meta({ id: 'QaListResponse' }), 'A page of QA items'),
    400: errorResponses[400],
  },
});

const itemRoute = createRoute({
  method: 'get',
  path: '/qa/items/{id}',
  tags: ['Supervision'],
  summary: 'One QA item with the reviewer note',
  request: { params: ItemParams },
  responses: { 200: jsonContent(ItemDetailSchema, 'The QA item'), 404: errorResponses[404] },
});

const outcomeRoute = createRoute({
  method: 'post',
  path: '/qa/items/{id}/outcome',
  tags: ['Supervision'],
  summary: 'Agree or disagree with a sampled decision (audited; a disagreement flags the case)',
  description:
    'Refused with 403 `qa_own_decision` to anyone who requested or approved an action on the case, and with ' +
    '409 `qa_already_reviewed` once the item has an outcome. Needs an Idempotency-Key.',
  request: {
    params: ItemParams,
    headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
    body: { content: { 'application/json': { schema: QaOutcomeRequest } }, required: true },
  },
  responses: { 200: jsonContent(ItemDetailSchema, 'The reviewed item'), ...errorResponses },
});

const getSettingsRoute = createRoute({
  method: 'get',
  path: '/qa/settings',
  tags: ['Supervision'],
  summary: 'QA sampling: rate per provider and kind, every reversal, every high-risk approval',
  responses: { 200: jsonContent(SamplingSchema, 'The sampling in force') },
});

const putSettingsRoute = createRoute({
  method: 'put',
  path: '/qa/settings',
  tags: ['Supervision'],
  summary: 'Change the QA sampling (audited); applies to cases closed from now on',
  request: { body: { content: { 'application/json': { schema: SamplingSchema } }, required: true } },
  responses: { 200: jsonContent(SamplingSchema, 'The new sampling'), 400: errorResponses[400] },
});

const runRoute = createRoute({
  method: 'post',
  path: '/qa/sampler/run',
  tags: ['Supervision'],
  summary: 'Sample the cases closed since the last run now (the sampler also runs periodically)',
  responses: { 200: jsonContent(QaSamplerRun.meta({ id: 'QaSamplerRun' }), 'What the run did') },
});

export function qaRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, (c) => c.json(listQa(deps, currentUser(c), c.req.valid('query')), 200))
    .openapi(itemRoute, (c) => c.json(getQaItem(deps, currentUser(c), c.req.valid('param').id), 200))
    .openapi(outcomeRoute, (c) => {
      const result = recordQaOutcome(
        deps,
        { user: currentUser(c), context: requestContext(c) },
        {
          id: c.req.valid('param').id,
          idempotencyKey: idempotencyKeyOf(c.req.valid('header')['idempotency-key'], true),
          request: c.req.valid('json'),
        },
      );
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, 200);
    })
    .openapi(getSettingsRoute, (c) => c.json(getQaSampling(deps), 200))
    .openapi(putSettingsRoute, (c) =>
      c.json(
        setQaSampling(deps, { user: currentUser(c), context: requestContext(c) }, c.req.valid('json')),
        200,
      ),
    )
    .openapi(runRoute, (c) =>
      c.json(runQaSampler(deps, { user: currentUser(c), context: requestContext(c) }), 200),
    );
}
