import { ROUTES, SlaPolicy, SlaPolicyChange } from '@backoffice/contracts';
import type { AppDeps } from '../../platform/deps';
import { createRouter, jsonContent } from '../../platform/openapi';
import { routeDefiner, settingsRoutes } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { getSlaPolicy, setSlaPolicy } from './service';

const route = routeDefiner('Settings');

const SlaPolicySchema = SlaPolicy.meta({ id: 'SlaPolicy' });

const settings = settingsRoutes(
  route,
  SlaPolicySchema,
  {
    route: ROUTES.slaSettings,
    summary: 'Time to decide a case in review, per provider, kind and risk band',
    inForce: 'The due-time policy in force',
  },
  {
    route: ROUTES.slaSettingsSave,
    summary: 'Replace the due-time policy; open cases get their due time recomputed (audited)',
    saved: jsonContent(SlaPolicyChange.meta({ id: 'SlaPolicyChange' }), 'The new policy'),
  },
);

export function slaRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(settings.readRoute, (c) => c.json(getSlaPolicy(deps), 200))
    .openapi(settings.saveRoute, (c) =>
      c.json(setSlaPolicy(deps, requestActor(c), c.req.valid('json')), 200),
    );
}
