import { ROUTES } from '@backoffice/contracts';
import { ROUTE_DOCS } from '@backoffice/contracts/route-docs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { type Harness, startHarness } from '../test/harness';
import { apiRoute, mountedRoute } from './routes';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('the contracts route table', () => {
  it('is exactly what the app serves under /api, /webhooks and /ditto', () => {
    const served = createApp(h.api.deps)
      .routes.filter((route) => route.method !== 'ALL' && /^\/(api|webhooks|ditto)(\/|$)/.test(route.path))
      .map((route) => `${route.method} ${route.path}`);
    const table = Object.values(ROUTES).map((route) => `${route.method} ${route.path}`);
    expect(served.filter((route) => !table.includes(route))).toEqual([]);
    expect(table.filter((route) => !served.includes(route))).toEqual([]);
  });

  it('gives createRoute the path below the mount in OpenAPI syntax', () => {
    expect(mountedRoute(ROUTES.caseMedia, '/api')).toEqual({
      method: 'get',
      path: '/cases/{id}/media/{key}',
    });
    expect(mountedRoute(ROUTES.dittoKyc, '/ditto')).toEqual({ method: 'post', path: '/kyc' });
    expect(() => mountedRoute(ROUTES.diditWebhook, '/api')).toThrow(/not under \/api/);
  });

  it('has a contracts definition for every /api route but the API reference, which documents the others', () => {
    const referenceRoutes = ['openApiDocument', 'docsPage', 'docsInitScript', 'docsAsset'];
    const apiRouteNames = Object.entries(ROUTES)
      .filter(([name, route]) => route.path.startsWith('/api/') && !referenceRoutes.includes(name))
      .map(([name]) => name);
    expect(Object.keys(ROUTE_DOCS).sort()).toEqual(apiRouteNames.sort());
  });

  it("builds an /api route from its ROUTES entry and its contracts definition, under the definition's tag", () => {
    expect(apiRoute('driftDecision')).toMatchObject({
      method: 'post',
      path: '/drift/{id}/decision',
      tags: ['Supervision'],
      summary: ROUTE_DOCS.driftDecision.summary,
      request: ROUTE_DOCS.driftDecision.request,
    });
  });
});
