import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import { QUEUE_SCREEN_PATH } from './src/app/screenPaths';

// The API listens on 3000 in development; in production it serves `dist` itself, so the SPA always
// talks to a same-origin `/api` and never needs a configurable base URL.
const apiTarget = 'http://127.0.0.1:3000';

/**
 * Names in index.html the chunks the queue screen (the home screen) needs beyond the entry's own, for
 * public/preload-queue.js to fetch on a cold load of the queue while the entry is still loading. Only
 * the queue's paths fetch them, so the entry's budget (e2e/bundle-budget.spec.ts) is unchanged.
 */
function preloadQueueScreen(): Plugin {
  const staticImports = (chunks: Map<string, Rollup.OutputChunk>, from: Rollup.OutputChunk) => {
    const seen = new Set<string>();
    const visit = (chunk: Rollup.OutputChunk) => {
      for (const name of chunk.imports) {
        const next = chunks.get(name);
        if (next && !seen.has(name)) {
          seen.add(name);
          visit(next);
        }
      }
    };
    visit(from);
    return seen;
  };
  return {
    name: 'preload-queue-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunks = new Map(
          Object.values(context.bundle ?? {})
            .filter((output): output is Rollup.OutputChunk => output.type === 'chunk')
            .map((chunk) => [chunk.fileName, chunk]),
        );
        const all = [...chunks.values()];
        const entry = all.find((chunk) => chunk.isEntry);
        const screen = all.find((chunk) =>
          chunk.facadeModuleId?.endsWith('/src/features/queue/QueuePage.tsx'),
        );
        if (!entry || !screen)
          throw new Error('preload-queue-screen: no entry or queue screen chunk in the build');
        const loaded = staticImports(chunks, entry);
        const needed = [screen.fileName, ...staticImports(chunks, screen)].filter(
          (name) => name !== entry.fileName && !loaded.has(name),
        );
        return {
          html,
          tags: [
            {
              tag: 'script',
              attrs: {
                src: '/preload-queue.js',
                'data-path': QUEUE_SCREEN_PATH.source,
                'data-chunks': needed.map((name) => `/${name}`).join(' '),
              },
              injectTo: 'head-prepend',
            },
          ],
        };
      },
    },
  };
}

/**
 * react-router 7's package exports name only its development build (remix-run/react-router#14102, meant
 * to be temporary), so a production bundle would ship its dev-only checks and warnings. The package
 * carries the production build beside it; the build uses that one.
 */
function reactRouterProductionBuild(): string {
  const packageJson = createRequire(import.meta.url).resolve('react-router/package.json');
  const file = join(dirname(packageJson), 'dist/production/index.mjs');
  if (!existsSync(file)) throw new Error(`react-router's production build is not at ${file}`);
  return file;
}

export default defineConfig(({ command }) => ({
  plugins: [react(), preloadQueueScreen()],
  resolve: {
    alias: command === 'build' ? [{ find: /^react-router$/, replacement: reactRouterProductionBuild() }] : [],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': {
        target: apiTarget,
        changeOrigin: false,
        // Server-sent events must not be buffered or compressed by the proxy.
        configure: (proxy) => {
          proxy.on('proxyRes', (proxyRes) => {
            if (proxyRes.headers['content-type']?.includes('text/event-stream')) {
              proxyRes.headers['cache-control'] = 'no-cache';
            }
          });
        },
      },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: 'hidden',
  },
}));
