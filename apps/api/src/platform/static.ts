import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './openapi';

/** Serves the built SPA; any non-API path that is not a file gets index.html (client-side routing). */
export function mountSpa(app: Hono<AppEnv>, distDir: string): void {
  const root = resolve(distDir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile))
    throw new Error(`WEB_DIST_DIR has no index.html: ${root} (build the web app first)`);
  const indexHtml = readFileSync(indexFile, 'utf8');
  app.use(
    '/assets/*',
    serveStatic({
      root: relative(process.cwd(), root),
      onFound: (_path, c) => {
        // Vite fingerprints asset names, so they can be cached for good.
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  const isServerPath = (path: string) =>
    path.startsWith('/api/') || path.startsWith('/webhooks/') || path.startsWith('/ditto/');
  const serveFile = serveStatic({ root: relative(process.cwd(), root) });
  app.use('*', (c, next) => (isServerPath(c.req.path) ? next() : serveFile(c, next)));
  app.get('*', (c, next) =>
    isServerPath(c.req.path)
      ? next()
      : Promise.resolve(c.html(indexHtml, 200, { 'Cache-Control': 'no-cache' })),
  );
}
