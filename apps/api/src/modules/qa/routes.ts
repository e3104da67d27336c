import {
  QaItemDetail,
  QaListQuery,
  QaListResponse,
  QaOutcomeRequest,
  QaSamplerRun,
  QaSamplingSettings,
  ROUTES,
} from '@backoffice/contracts';
import type { AppDeps } from '../../platform/deps';
import { idempotencyKeyOf, replayAwareBody } from '../../platform/idempotency';
import { createRouter, currentUser, IdParam, jsonContent, refusals } from '../../platform/openapi';
import { idempotentChange, pathRead, queryRead, routeDefiner, settingsRoutes } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { getQaItem, getQaSampling, listQa, recordQaOutcome, runQaSampler, setQaSampling } from './service';

const route = routeDefiner('Supervision');
const SamplingSchema = QaSamplingSettings.meta({ id: 'QaSamplingSettings' });
const ItemDetailSchema = QaItemDetail.meta({ id: 'QaItemDetail' });

const listRoute = route(
  ROUTES.qaItemList,
  'The QA queue: sampled closed cases, newest first, with filters',
  queryRead(QaListQuery, jsonContent(QaListResponse.meta({ id: 'QaListResponse' }), 'A page of QA items')),
);

const itemRoute = route(
  ROUTES.qaItem,
  'One QA item with the reviewer note',
  pathRead(IdParam, jsonContent(ItemDetailSchema, 'The QA item'), refusals(404)),
);

const outcomeRoute = route(
  ROUTES.qaOutcome,
  'Agree or disagree with a sampled decision (audited; a disagreement flags the case)',
  {
    description:
      'Refused with 403 `qa_own_decision` to anyone who requested or approved an action on the case, and with ' +
      '409 `qa_already_reviewed` once the item has an outcome. Needs an Idempotency-Key.',
    ...idempotentChange(IdParam, QaOutcomeRequest, jsonContent(ItemDetailSchema, 'The reviewed item')),
  },
);

const settings = settingsRoutes(
  route,
  SamplingSchema,
  {
    route: ROUTES.qaSettings,
    summary: 'QA sampling: rate per provider and kind, every reversal, every high-risk approval',
    inForce: 'The sampling in force',
  },
  {
    route: ROUTES.qaSettingsSave,
    summary: 'Change the QA sampling (audited); applies to cases closed from now on',
    saved: jsonContent(SamplingSchema, 'The new sampling'),
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
      return c.json(replayAwareBody(c, result), 200);
    })
    .openapi(settings.readRoute, (c) => c.json(getQaSampling(deps), 200))
    .openapi(settings.saveRoute, (c) =>
      c.json(setQaSampling(deps, requestActor(c), c.req.valid('json')), 200),
    )
    .openapi(runRoute, (c) => c.json(runQaSampler(deps, requestActor(c)), 200));
}
