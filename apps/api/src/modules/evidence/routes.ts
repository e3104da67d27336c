import type { AppDeps } from '../../platform/deps';
import { sameOriginOnly } from '../../platform/fetch-metadata';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { produceEvidencePack } from './service';

export function evidenceRoutes(deps: AppDeps) {
  const router = createRouter();
  // The export writes an audit row: another site must not be able to trigger it.
  router.use('/cases/:id/evidence', sameOriginOnly());
  return router.openapi(apiRoute('caseEvidencePack'), async (c) => {
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
