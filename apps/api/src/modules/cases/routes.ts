import type { AppDeps } from '../../platform/deps';
import { sameOriginOnly } from '../../platform/fetch-metadata';
import { createRouter, currentUser } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { parseIfMatch } from '../actions/request-action';
import { requestActor } from '../auth/middleware';
import { claimCase } from './claim';
import { clearCaseFlag } from './flag';
import { getCaseDetail, getCaseMedia, getCaseReport, listCaseSummaries } from './service';

export function caseRoutes(deps: AppDeps) {
  const router = createRouter();
  // These reads write audit rows: another site must not be able to trigger them.
  router.use('/cases/:id', sameOriginOnly());
  router.use('/cases/:id/media/:key', sameOriginOnly());
  router.use('/cases/:id/report.pdf', sameOriginOnly());
  return router
    .openapi(apiRoute('caseList'), (c) =>
      c.json(listCaseSummaries(deps.db, c.req.valid('query'), currentUser(c).id, deps.now()), 200),
    )
    .openapi(apiRoute('caseClaim'), (c) => {
      const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
      return c.json(claimCase(deps, requestActor(c), c.req.valid('param').id, ifMatch), 200);
    })
    .openapi(apiRoute('caseFlagClear'), (c) => {
      const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
      const { reason } = c.req.valid('json');
      return c.json(clearCaseFlag(deps, requestActor(c), c.req.valid('param').id, ifMatch, reason), 200);
    })
    .openapi(apiRoute('caseDetail'), async (c) =>
      c.json(await getCaseDetail(deps, c.req.valid('param').id, requestActor(c)), 200),
    )
    .openapi(apiRoute('caseMedia'), async (c) => {
      const { id, key } = c.req.valid('param');
      const media = await getCaseMedia(deps, requestActor(c), id, key);
      return c.body(media.bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': media.contentType,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
    })
    .openapi(apiRoute('caseReport'), async (c) => {
      const { id } = c.req.valid('param');
      const report = await getCaseReport(deps, requestActor(c), id);
      return c.body(report.bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="case-${id}-report.pdf"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
    });
}
