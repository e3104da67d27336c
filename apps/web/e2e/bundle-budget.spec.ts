import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures';

// The JavaScript a cold load must fetch before the first screen can render, gzip-compressed.
const INITIAL_JS_BUDGET_BYTES = 250 * 1024;

test.describe('served SPA bundle', () => {
  test.use({ signedInAs: null });

  test('initial JavaScript stays within its gzip budget and ships no public source maps', async ({
    request,
  }) => {
    const html = await (await request.get('/')).text();
    // What index.html makes the browser fetch up front: its scripts (the entry module, the colour
    // scheme script) and the entry's modulepreloads.
    const initial = [
      ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
      ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ].map((match) => match[1] as string);
    expect(initial.length, 'index.html references its entry script').toBeGreaterThan(0);

    let gzipBytes = 0;
    const sizes: Record<string, number> = {};
    for (const path of initial) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const body = await response.body();
      sizes[path] = gzipSync(body, { level: 9 }).length;
      gzipBytes += sizes[path];
      // Hidden source maps: no pointer in the bundle, and the map itself is not served.
      expect(body.toString('utf8'), path).not.toContain('sourceMappingURL');
      expect((await request.get(`${path}.map`)).status(), `${path}.map`).toBe(404);
    }
    console.log(`initial JS: ${(gzipBytes / 1024).toFixed(1)} KB gzip`, sizes);
    expect(gzipBytes, `initial JS gzip bytes (${JSON.stringify(sizes)})`).toBeLessThanOrEqual(
      INITIAL_JS_BUDGET_BYTES,
    );
  });

  test("the queue screen's chunks are fetched early on the queue only, and all exist", async ({
    page,
    request,
  }) => {
    const html = await (await request.get('/')).text();
    // public/preload-queue.js, given the chunks by the build (vite.config.ts, preloadQueueScreen).
    const chunks = /data-chunks="([^"]+)"/.exec(html)?.[1]?.split(' ') ?? [];
    expect(
      chunks.some((chunk) => /\/assets\/QueuePage-[\w-]+\.js$/.test(chunk)),
      chunks.join(' '),
    ).toBe(true);
    for (const chunk of chunks) expect((await request.get(chunk)).status(), chunk).toBe(200);
    const preloads = (path: string) =>
      page
        .goto(path)
        .then(() =>
          page
            .locator('link[rel="modulepreload"]')
            .evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
        );
    expect(await preloads('/cases?status=needs_review')).toEqual(expect.arrayContaining(chunks));
    expect(await preloads('/sign-in')).not.toContain(chunks[0]);
  });
});
