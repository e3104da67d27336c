import {
  AuditExportQuery,
  AuditListResponse,
  AuditQuery,
  AuditVerifyResponse,
  ROUTES,
} from '@backoffice/contracts';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { sameOriginOnly } from '../../platform/fetch-metadata';
import { createRouter, jsonContent, refusals } from '../../platform/openapi';
import { queryRead, routeDefiner } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { exportAuditCsv, listAuditEntries, verifyAuditLog } from './service';

const route = routeDefiner('Audit');

const listRoute = route(
  ROUTES.auditList,
  'The audit log, newest first, filtered and paged by a keyset cursor (nextBefore)',
  queryRead(
    AuditQuery,
    jsonContent(AuditListResponse.meta({ id: 'AuditListResponse' }), 'One page of audit entries'),
  ),
);

const exportRoute = route(
  ROUTES.auditExport,
  'Every audit entry matching the filters as a CSV download (streamed); the export is itself audited',
  queryRead(
    AuditExportQuery,
    { description: 'CSV with a header row', content: { 'text/csv': { schema: z.string() } } },
    refusals(400, 403),
  ),
);

const verifyRoute = route(
  ROUTES.auditVerify,
  'Walks the hash chain and reports the first row that was altered, removed or re-linked',
  {
    responses: {
      200: jsonContent(AuditVerifyResponse.meta({ id: 'AuditVerifyResponse' }), 'Verification result'),
    },
  },
);

export function auditRoutes(deps: AppDeps) {
  const router = createRouter();
  // The export writes an audit row: another site must not be able to trigger it.
  router.use('/audit/export.csv', sameOriginOnly());
  return router
    .openapi(listRoute, (c) => c.json(listAuditEntries(deps.db, c.req.valid('query')), 200))
    .openapi(exportRoute, (c) => {
      const stream = exportAuditCsv(deps, requestActor(c), c.req.valid('query'));
      const date = new Date(deps.now()).toISOString().slice(0, 10);
      return c.body(stream, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="audit-${date}.csv"`,
        'X-Content-Type-Options': 'nosniff',
      });
    })
    .openapi(verifyRoute, (c) => c.json(verifyAuditLog(deps.db), 200));
}
