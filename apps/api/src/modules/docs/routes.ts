import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { AppEnv } from '../../platform/openapi';

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
// A Map, not an object literal: a file name such as `constructor` or `__proto__` must not find an
// inherited property and reach the file system.
const ASSETS = new Map<string, string>([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
]);

// Served from our origin (no CDN): the reference page must work on a self-hosted, offline install
// under a strict Content-Security-Policy, so even the start-up script is a file, not inline.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>API reference · Compliance back-office</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="reference"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script></body></html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#reference', deepLinking: true });`;

export function docsRoutes(api: OpenAPIHono<AppEnv>) {
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) =>
      c.json(
        api.getOpenAPI31Document({
          openapi: '3.1.0',
          info: {
            title: 'Compliance back-office API',
            version: '1.0.0',
            description: 'Review queue, case detail and provider webhooks. Errors share the ApiError shape.',
          },
        }),
      ),
    )
    .get('/docs', (c) => c.html(PAGE))
    .get('/docs/assets/init.js', (c) =>
      c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
    )
    .get('/docs/assets/:file', (c) => {
      const file = c.req.param('file');
      const type = ASSETS.get(file);
      if (!type) return c.notFound();
      return c.body(readFileSync(join(swaggerDir, file)), 200, {
        'Content-Type': type,
        'Cache-Control': 'public, max-age=86400',
      });
    });
}
