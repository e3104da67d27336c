import {
  QaItemDetail,
  QaListQuery,
  QaListResponse,
  QaOutcomeRequest,
  QaSamplerRun,
  QaSamplingSettings,
  ROUTES,
} from '@backoffice/contracts';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { idempotencyKeyOf } from '../../platform/idempotency';
import { createRouter, currentUser, errorResponses, jsonBody, jsonContent } from '../../platform/openapi';
import { routeDefiner } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { getQaItem, getQaSampling, listQa, recordQaOutcome, runQaSampler, setQaSampling } from './service';

const route = routeDefiner('Supervision');
const SamplingSchema = QaSamplingSettings.meta({ id: 'QaSamplingSettings' });
const ItemDetailSchema = QaItemDetail.meta({ id: 'QaItemDetail' });
const ItemParams = z.object({ id: z.coerce.number().int().positive() });

const listRoute = route(ROUTES.qaItemList, 'The QA queue: sampled closed cases, newest first, with filters', {
  request: { query: QaListQuery },
  responses: {
    200: jsonContent(QaListResponse.meta({ id: 'QaListResponse' }), 'A page of QA items'),
    400: errorResponses[400],
  },
});

const itemRoute = route(ROUTES.qaItem, 'One QA item with the reviewer note', {
  request: { params: ItemParams },
  responses: { 200: jsonContent(ItemDetailSchema, 'The QA item'), 404: errorResponses[404] },
});

const outcomeRoute = route(
  ROUTES.qaOutcome,
  'Agree or disagree with a sampled decision (audited; a disagreement flags the case)',
  {
    description:
      'Refused with 403 `qa_own_decision` to anyone who requested or approved an action on the case, and with ' +
      '409 `qa_already_reviewed` once the item has an outcome. Needs an Idempotency-Key.',
    request: {
      params: ItemParams,
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
      body: jsonBody(QaOutcomeRequest),
    },
    responses: { 200: jsonContent(ItemDetailSchema, 'The reviewed item'), ...errorResponses },
  },
);

const getSettingsRoute = route(
  ROUTES.qaSettings,
  'QA sampling: rate per provider and kind, every reversal, every high-risk approval',
  {
    responses: { 200: jsonContent(SamplingSchema, 'The sampling in force') },
  },
);

const putSettingsRoute = route(
  ROUTES.qaSettingsSave,
  'Change the QA sampling (audited); applies to cases closed from now on',
  {
    request: { body: jsonBody(SamplingSchema) },
    responses: { 200: jsonContent(SamplingSchema, 'The new sampling'), 400: errorResponses[400] },
  },
);

const runRoute = route(
  ROUTES.qaSamplerRun,
  'Sample the cases closed since the last run now (the sampler also runs periodically)',
  {
    responses: { 200: jsonContent(QaSamplerRun.meta({ id: 'QaSamplerRun' }), 'What the run did') },
  },
);

export function qaRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, (c) => c.json(listQa(deps, currentUser(c), c.req.valid('query')), 200))
    .openapi(itemRoute, (c) => c.json(getQaItem(deps, currentUser(c), c.req.valid('param').id), 200))
    .openapi(outcomeRoute, (c) => {
      const result = recordQaOutcome(deps, requestActor(c), {
        id: c.req.valid('param').id,
        idempotencyKey: idempotencyKeyOf(c.req.valid('header')['idempotency-key'], true),
        request: c.req.valid('json'),
      });
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, 200);
    })
    .openapi(getSettingsRoute, (c) => c.json(getQaSampling(deps), 200))
    .openapi(putSettingsRoute, (c) => c.json(setQaSampling(deps, requestActor(c), c.req.valid('json')), 200))
    .openapi(runRoute, (c) => c.json(runQaSampler(deps, requestActor(c)), 200));
}
