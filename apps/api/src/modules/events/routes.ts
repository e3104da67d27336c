import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { AppDeps } from '../../platform/deps';
import { createRouter } from '../../platform/openapi';

const KEEPALIVE_MS = 25_000;

const eventsRoute = createRoute({
  method: 'get',
  path: '/events',
  tags: ['Cases'],
  summary: 'Server-Sent Events: `case.changed` with {id, status, version} after every committed change',
  responses: {
    200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
  },
});

export function eventRoutes(deps: AppDeps) {
  return createRouter().openapi(
    eventsRoute,
    (c) =>
      streamSSE(c, async (stream) => {
        const unsubscribe = deps.events.onCaseChanged((event) => {
          void stream.writeSSE({ event: 'case.changed', data: JSON.stringify(event) });
        });
        stream.onAbort(unsubscribe);
        await stream.writeSSE({ event: 'ready', data: '{}' });
        while (!stream.aborted && !stream.closed) {
          await stream.sleep(KEEPALIVE_MS);
          // A comment line keeps proxies from closing an idle stream.
          await stream.write(': keepalive\n\n');
        }
        unsubscribe();
      }) as never,
  );
}
