import type { AppDeps } from '../../platform/deps';
import { sameOriginOnly } from '../../platform/fetch-metadata';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { exportAuditCsv, listAuditEntries, verifyAuditLog } from './service';

export function auditRoutes(deps: AppDeps) {
  const router = createRouter();
  // The export writes an audit row: another site must not be able to trigger it.
  router.use('/audit/export.csv', sameOriginOnly());
  return router
    .openapi(apiRoute('auditList'), (c) => c.json(listAuditEntries(deps.db, c.req.valid('query')), 200))
    .openapi(apiRoute('auditExport'), (c) => {
      const stream = exportAuditCsv(deps, requestActor(c), c.req.valid('query'));
      const date = new Date(deps.now()).toISOString().slice(0, 10);
      return c.body(stream, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="audit-${date}.csv"`,
        'X-Content-Type-Options': 'nosniff',
      });
    })
    .openapi(apiRoute('auditVerify'), (c) => c.json(verifyAuditLog(deps.db), 200));
}
