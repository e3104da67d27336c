import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from './openapi';
import { mountSpa } from './static';

describe('mountSpa', () => {
  let dist: string;
  let app: Hono<AppEnv>;

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'spa-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1);');
    writeFileSync(join(dist, 'assets', 'index-abc.js.map'), '{"version":3,"sources":["src/main.tsx"]}');
    writeFileSync(join(dist, 'favicon.svg.map'), '{"version":3}');
    app = new Hono<AppEnv>();
    mountSpa(app, dist);
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves fingerprinted assets with a long cache and the SPA for client routes', async () => {
    const asset = await app.request('/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const route = await app.request('/cases/123');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('id="root"');
  });

  it('never serves source maps, in assets or at the root', async () => {
    const missingChunk = await app.request('/assets/gone-123.js');
    expect(missingChunk.status).toBe(404);
    for (const path of ['/assets/index-abc.js.map', '/favicon.svg.map', '/assets/missing.js.map']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('sources');
    }
  });
});
