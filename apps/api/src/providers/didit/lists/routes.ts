import { requestActor } from '../../../modules/auth/middleware';
import type { AppDeps } from '../../../platform/deps';
import { idempotencyKeyOf, replayAwareBody } from '../../../platform/idempotency';
import { createRouter } from '../../../platform/openapi';
import { apiRoute } from '../../../platform/routes';
import { listEntries, listLists, requestListEntryAdd, requestListEntryRemoval } from './service';

export function listRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(apiRoute('listList'), async (c) => c.json(await listLists(deps), 200))
    .openapi(apiRoute('listEntries'), async (c) =>
      c.json(await listEntries(deps, c.req.valid('param').listUuid, c.req.valid('query')), 200),
    )
    .openapi(apiRoute('listEntryAdd'), async (c) => {
      const result = await requestListEntryAdd(
        deps,
        requestActor(c),
        c.req.valid('param').listUuid,
        idempotencyKeyOf(c.req.valid('header')['idempotency-key'], true),
        c.req.valid('json'),
      );
      return c.json(replayAwareBody(c, result), 202);
    })
    .openapi(apiRoute('listEntryRemoval'), async (c) => {
      const { listUuid, entryUuid } = c.req.valid('param');
      const result = await requestListEntryRemoval(
        deps,
        requestActor(c),
        listUuid,
        entryUuid,
        idempotencyKeyOf(c.req.valid('header')['idempotency-key'], true),
        c.req.valid('json'),
      );
      return c.json(replayAwareBody(c, result), 202);
    });
}
