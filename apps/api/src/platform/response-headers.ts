import type { Context } from 'hono';

/**
 * Sets a header on the handler's answer from a middleware that runs after it (`await next()`).
 *
 * `c.header()` at that point makes hono rebuild the answer as a new Response around its body's
 * stream, and @hono/node-server then writes it by reading that stream (promises, sometimes a timer
 * tick) instead of writing the string it holds. On the queue that was a fifth of the API's time and
 * most of its p99 over the bare route (docs/architecture.md, "Queue speed"). The answer's own
 * `headers` take the change without rebuilding anything.
 */
export function setHeaderAfterHandler(
  c: Context,
  name: string,
  value: string,
  options?: { append?: boolean },
) {
  if (!c.finalized) {
    c.header(name, value, options);
    return;
  }
  if (options?.append) c.res.headers.append(name, value);
  else c.res.headers.set(name, value);
}
