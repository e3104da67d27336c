import { ROUTES } from '@backoffice/contracts';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { sameOriginOnly } from '../../platform/fetch-metadata';
import { createRouter, IdParam, refusals } from '../../platform/openapi';
import { pathQueryRead, routeDefiner } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { produceEvidencePack } from './service';

const route = routeDefiner('Cases');

const evidenceRoute = route(
  ROUTES.caseEvidencePack,
  'The evidence pack of a case: our PDF (with the JSON bundle attached) or the JSON bundle alone, ' +
    'checkable offline with `pnpm evidence:verify` (each export is audited)',
  pathQueryRead(
    IdParam,
    z.object({ format: z.enum(['pdf', 'json']).default('pdf') }),
    {
      description: 'The pack',
      content: { 'application/pdf': { schema: z.string() }, 'application/json': { schema: z.string() } },
    },
    refusals(400, 403, 404),
  ),
);

export function evidenceRoutes(deps: AppDeps) {
  const router = createRouter();
  // The export writes an audit row: another site must not be able to trigger it.
  router.use('/cases/:id/evidence', sameOriginOnly());
  return router.openapi(evidenceRoute, async (c) => {
    const { id } = c.req.valid('param');
    const viewer = requestActor(c);
    const pack = await produceEvidencePack(deps, viewer, id, c.req.valid('query').format);
    return c.body(pack.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': pack.contentType,
      'Content-Disposition': `attachment; filename="${pack.filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });
}
