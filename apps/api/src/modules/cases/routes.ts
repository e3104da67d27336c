import {
  CaseDetail,
  CaseListQuery,
  CaseListResponse,
  CaseSummary,
  ClearCaseFlagRequest,
  ROUTES,
} from '@backoffice/contracts';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { sameOriginOnly } from '../../platform/fetch-metadata';
import {
  createRouter,
  currentUser,
  errorResponse,
  IdParam,
  IfMatchHeader,
  jsonBody,
  jsonContent,
  refusals,
} from '../../platform/openapi';
import { pathRead, queryRead, routeDefiner } from '../../platform/routes';
import { parseIfMatch } from '../actions/request-action';
import { requestActor } from '../auth/middleware';
import { claimCase } from './claim';
import { clearCaseFlag } from './flag';
import { getCaseDetail, getCaseMedia, getCaseReport, listCaseSummaries } from './service';

const route = routeDefiner('Cases');

const listRoute = route(
  ROUTES.caseList,
  'The review queue: filter, sort and page (keyset cursor) over cases of every provider',
  queryRead(
    CaseListQuery,
    jsonContent(CaseListResponse.meta({ id: 'CaseListResponse' }), 'One page of cases'),
  ),
);

const detailRoute = route(
  ROUTES.caseDetail,
  'Everything a reviewer needs to decide one case (the first opening within a few minutes is audited)',
  pathRead(IdParam, jsonContent(CaseDetail.meta({ id: 'CaseDetail' }), 'The case'), refusals(400, 403, 404)),
);

const mediaRoute = route(
  ROUTES.caseMedia,
  'A document or selfie image of the case, fetched fresh from the provider',
  pathRead(
    IdParam.extend({ key: z.string().max(64) }),
    {
      description: 'Image bytes',
      content: { 'image/png': { schema: z.string() }, 'image/jpeg': { schema: z.string() } },
    },
    {
      ...refusals(400, 404),
      502: errorResponse('The provider cannot serve the image, or its URL is not an allowed media host'),
    },
  ),
);

const reportRoute = route(
  ROUTES.caseReport,
  "The provider's PDF report of the case (each download is audited)",
  pathRead(
    IdParam,
    { description: 'PDF bytes', content: { 'application/pdf': { schema: z.string() } } },
    { ...refusals(400, 404), 502: errorResponse('The provider could not produce the report') },
  ),
);

/** A change to the case at the version the caller saw (If-Match), and how such a change is refused. */
const versionedChange = { params: IdParam, headers: IfMatchHeader };
const versionedChangeRefusals = { ...refusals(400, 404, 409), 428: errorResponse('If-Match is missing') };

const claimRoute = route(
  ROUTES.caseClaim,
  'Take an unassigned case to work on it (If-Match: the case version seen; audited)',
  {
    request: versionedChange,
    responses: {
      200: jsonContent(CaseSummary, 'The case, now assigned to the caller'),
      ...versionedChangeRefusals,
    },
  },
);

const flagClearRoute = route(
  ROUTES.caseFlagClear,
  "Clear the case's flag with a reason (managers; If-Match: the case version seen; audited)",
  {
    request: {
      ...versionedChange,
      body: { ...jsonBody(ClearCaseFlagRequest), description: 'Why the flag is cleared' },
    },
    responses: {
      200: jsonContent(CaseSummary, 'The case, without its flag'),
      ...versionedChangeRefusals,
      ...refusals(403),
    },
  },
);

export function caseRoutes(deps: AppDeps) {
  const router = createRouter();
  // These reads write audit rows: another site must not be able to trigger them.
  router.use('/cases/:id', sameOriginOnly());
  router.use('/cases/:id/media/:key', sameOriginOnly());
  router.use('/cases/:id/report.pdf', sameOriginOnly());
  return router
    .openapi(listRoute, (c) =>
      c.json(listCaseSummaries(deps.db, c.req.valid('query'), currentUser(c).id, deps.now()), 200),
    )
    .openapi(claimRoute, (c) => {
      const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
      return c.json(claimCase(deps, requestActor(c), c.req.valid('param').id, ifMatch), 200);
    })
    .openapi(flagClearRoute, (c) => {
      const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
      const { reason } = c.req.valid('json');
      return c.json(clearCaseFlag(deps, requestActor(c), c.req.valid('param').id, ifMatch, reason), 200);
    })
    .openapi(detailRoute, async (c) =>
      c.json(await getCaseDetail(deps, c.req.valid('param').id, requestActor(c)), 200),
    )
    .openapi(mediaRoute, async (c) => {
      const { id, key } = c.req.valid('param');
      const media = await getCaseMedia(deps, requestActor(c), id, key);
      return c.body(media.bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': media.contentType,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
    })
    .openapi(reportRoute, async (c) => {
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
