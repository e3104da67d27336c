import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS } from '../platform/access';
import { type Harness, startHarness } from '../test/harness';

/**
 * docs/reliability.md R24: every inbound body is parsed at the boundary, so hostile input gets a 4xx —
 * never a 5xx, never a crash — on every route that takes one. The route list comes from the access
 * table, so a new mutating route is fuzzed without anyone remembering to add it.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // A real case so `:id` routes reach their body validation, not only the 404.
  const created = await h.sandbox('/_sandbox/didit/sessions', { scenario: 'review_aml_pep' });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await h?.close();
});

/** Sign-out ends the session the fuzzer uses; sign-in is fuzzed without a session below. */
const SKIPPED = new Set(['POST /api/auth/logout']);
const mutating = (Object.keys(ROUTE_ACCESS) as string[]).filter(
  (route) => /^(POST|PUT|PATCH|DELETE) /.test(route) && !SKIPPED.has(route),
);

const hostileBody = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.string({ maxLength: 500 }),
  fc.constant('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'),
  fc.constant(`${'['.repeat(3000)}${']'.repeat(3000)}`),
  fc.constant(JSON.stringify({ type: 'approve', reasonCode: 'x'.repeat(100_000) })),
  fc.constant(JSON.stringify({ type: 'decline', reasonCode: null, note: 42 })),
  fc.constant(JSON.stringify({ entries: [{ key: '../../etc', value: '\u0000' }] })),
);

/** A provider that this test app leaves unconfigured answers 503 by design; anything else 5xx is a bug. */
const notConfigured = (body: unknown) =>
  typeof body === 'object' &&
  body !== null &&
  /not_configured$/.test(String((body as { code?: unknown }).code));

describe('fuzzed request bodies (R24)', () => {
  it.each(mutating)('%s answers hostile bodies with a 4xx', async (route) => {
    const [method, pattern] = route.split(' ') as [string, string];
    const path = pattern.replace(/:id\b/, '1').replace(/:\w+/g, 'x');
    const cookie = await h.cookieFor('admin');
    await fc.assert(
      fc.asyncProperty(hostileBody, fc.string({ maxLength: 40 }), async (body, header) => {
        const response = await fetch(`${h.apiUrl}${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            cookie,
            'if-match': header,
            'idempotency-key': header,
          },
          body,
        });
        const text = await response.text();
        const parsed = (() => {
          try {
            return JSON.parse(text);
          } catch {
            return text;
          }
        })();
        if (response.status >= 500)
          expect(notConfigured(parsed), `${response.status} ${text.slice(0, 300)}`).toBe(true);
      }),
      { numRuns: 12 },
    );
  });

  it('the process survived and Object.prototype is untouched', async () => {
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    // No sign-in here: the fuzzed sign-ins above have used up this connection's attempts.
    expect((await h.call('/api/health', { as: null })).status).toBe(200);
  });
});
