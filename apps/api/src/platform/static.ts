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
  const isServerPath = (path: string) =>
    path.startsWith('/api/') || path.startsWith('/webhooks/') || path.startsWith('/ditto/');
  // The build may keep source maps next to the bundle for error reports; they hold the whole source,
  // so they are never served (404 rather than index.html, so nothing looks like a map was found).
  app.use('*', async (c, next) => {
    if (!isServerPath(c.req.path) && c.req.path.endsWith('.map')) return c.notFound();
    await next();
  });
  const serveFile = serveStatic({ root: relative(process.cwd(), root) });
  app.get('/assets/*', async (c) => {
    // A missing chunk (e.g. from a build before a deploy) is a 404, not index.html served as script.
    const file = await serveFile(c, async () => {});
    if (!file) return c.notFound();
    // Vite fingerprints asset names, so they can be cached for good. Set on the response itself:
    // serveStatic's onFound runs after the response is built, so a header set there is lost.
    file.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    return file;
  });
  app.use('*', (c, next) => (isServerPath(c.req.path) ? next() : serveFile(c, next)));
  app.get('*', (c, next) =>
    isServerPath(c.req.path)
      ? next()
      : Promise.resolve(c.html(indexHtml, 200, { 'Cache-Control': 'no-cache' })),
  );
}
