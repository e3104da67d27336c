import { type Context, Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { type Harness, startHarness } from '../test/harness';
import { setHeaderAfterHandler } from './response-headers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

/**
 * @hono/node-server answers with a lightweight Response that keeps the handler's string and writes it
 * directly; a middleware calling `c.header()` after the handler turns it into a full Response whose body
 * must be read as a stream. Its private marker is the only outside sign of which one the server got.
 */
const isLightweight = (response: Response) =>
  Object.getOwnPropertySymbols(response).some((symbol) => symbol.description === 'cache');

describe('middleware that runs after the handler keeps the answer lightweight', () => {
  it('a queue page (Cache-Control and security headers added afterwards) is written from its string', async () => {
    // The harness's server installed the lightweight Response globally; this app is the same app.
    const app = createApp(h.api.deps);
    const response = await app.fetch(
      new Request(`${h.apiUrl}/api/cases?status=needs_review`, {
        headers: { cookie: await h.cookieFor('analyst') },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(isLightweight(response)).toBe(true);
  });

  it('c.header() after the handler rebuilds the answer; setHeaderAfterHandler does not', async () => {
    const answerWith = async (setHeader: (c: Context) => void) => {
      const app = new Hono();
      app.use(async (c, next) => {
        await next();
        setHeader(c);
      });
      app.get('/page', (c) => c.json({ items: [] }));
      const response = await app.fetch(new Request('http://127.0.0.1/page'));
      expect(response.headers.get('x-after')).toBe('yes');
      return response;
    };
    expect(isLightweight(await answerWith((c) => c.header('X-After', 'yes')))).toBe(false);
    expect(isLightweight(await answerWith((c) => setHeaderAfterHandler(c, 'X-After', 'yes')))).toBe(true);
  });
});
