import { ROUTES, SlaPolicy, SlaPolicyChange } from '@backoffice/contracts';
import type { AppDeps } from '../../platform/deps';
import { createRouter, jsonContent } from '../../platform/openapi';
import { jsonSave, routeDefiner } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { getSlaPolicy, setSlaPolicy } from './service';

const route = routeDefiner('Settings');

const SlaPolicySchema = SlaPolicy.meta({ id: 'SlaPolicy' });

const getRoute = route(
  ROUTES.slaSettings,
  'Time to decide a case in review, per provider, kind and risk band',
  {
    responses: { 200: jsonContent(SlaPolicySchema, 'The due-time policy in force') },
  },
);

const putRoute = route(
  ROUTES.slaSettingsSave,
  'Replace the due-time policy; open cases get their due time recomputed (audited)',
  jsonSave(SlaPolicySchema, jsonContent(SlaPolicyChange.meta({ id: 'SlaPolicyChange' }), 'The new policy')),
);

export function slaRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(getRoute, (c) => c.json(getSlaPolicy(deps), 200))
    .openapi(putRoute, (c) => c.json(setSlaPolicy(deps, requestActor(c), c.req.valid('json')), 200));
}
