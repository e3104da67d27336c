import { ROUTES } from '@backoffice/contracts';
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
    expect(apiRoute(ROUTES.caseMedia)).toEqual({ method: 'get', path: '/cases/{id}/media/{key}' });
    expect(mountedRoute(ROUTES.dittoKyc, '/ditto')).toEqual({ method: 'post', path: '/kyc' });
    expect(() => apiRoute(ROUTES.diditWebhook)).toThrow(/not under \/api/);
  });
});
