import { streamSSE } from 'hono/streaming';
import type { AppDeps } from '../../platform/deps';
import { createRouter, currentUser } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { sessionDeadline } from '../auth/service';

const KEEPALIVE_MS = 25_000;
/**
 * How often an open stream re-checks its session for idle and absolute expiry (sign-out and disabling
 * close it at once). The stream itself is not activity: an open tab does not keep a session alive.
 */
export const SESSION_RECHECK_MS = 5_000;

export function eventRoutes(deps: AppDeps) {
  return createRouter().openapi(apiRoute('events'), (c) => {
    const user = currentUser(c);
    return streamSSE(c, async (stream) => {
      let ended = false;
      let wake = () => {};
      let deadline = 0;
      /**
       * Before the deadline last read, a session can only end by sign-out, disabling or a password
       * reset, and those publish `sessions.changed` (which re-reads): so case events need no query.
       */
      const live = (reread: boolean) => {
        if (ended) return false;
        if (!reread && deps.now() < deadline) return true;
        const next = sessionDeadline(deps, user.sessionTokenHash);
        if (next === null || next <= deps.now()) {
          ended = true;
          wake();
          return false;
        }
        deadline = next;
        return true;
      };
      const unsubscribeCases = deps.events.onCaseChanged((event) => {
        // Nothing more goes to a browser whose session has ended, even before the next re-check.
        if (live(false)) void stream.writeSSE({ event: 'case.changed', data: JSON.stringify(event) });
      });
      const unsubscribeSessions = deps.events.onSessionsChanged((userId) => {
        if (userId === user.id) live(true);
      });
      const unsubscribe = () => {
        unsubscribeCases();
        unsubscribeSessions();
      };
      stream.onAbort(() => {
        unsubscribe();
        wake();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      let sinceKeepalive = 0;
      // The periodic re-read also catches a session removed by anything that did not publish.
      while (!stream.aborted && !stream.closed && live(true)) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, SESSION_RECHECK_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        sinceKeepalive += SESSION_RECHECK_MS;
        if (!ended && !stream.aborted && sinceKeepalive >= KEEPALIVE_MS) {
          sinceKeepalive = 0;
          // A comment line keeps proxies from closing an idle stream.
          await stream.write(': keepalive\n\n');
        }
      }
      unsubscribe();
      // Tells the page to sign in again rather than reconnect; returning ends the response.
      if (ended && !stream.aborted) await stream.writeSSE({ event: 'session.ended', data: '{}' });
    }) as never;
  });
}
