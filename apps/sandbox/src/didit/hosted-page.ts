import { Hono } from 'hono';
import { html } from 'hono/html';
import { HOSTED_SESSION_PATH, NOT_FOUND_DETAIL } from './assumptions.js';
import { detailError } from './http.js';
import type { Session } from './model.js';
import type { DiditSandbox } from './sandbox.js';

/**
 * The user-facing verification page behind a session's `url`: the simulated user opens it and finishes
 * the flow, and the browser is sent to `callback` as Didit does. It needs no API key, only the token.
 */
export function hostedSessionRoutes(sandbox: DiditSandbox) {
  const app = new Hono({ strict: true });
  const byToken = (token: string): Session => {
    const session = [...sandbox.sessions.values()].find((candidate) => candidate.token === token);
    if (!session) throw detailError(404, NOT_FOUND_DETAIL);
    return session;
  };

  app.get(`${HOSTED_SESSION_PATH}:token`, (c) => {
    const session = byToken(c.req.param('token'));
    const canStart = session.status === 'Not Started' || session.status === 'Resubmitted';
    const canFinish = session.status === 'In Progress';
    return c.html(html`<!doctype html>
      <html lang="en">
        <head><meta charset="utf-8" /><title>Identity verification (sandbox)</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto">
          <h1>Identity verification</h1>
          <p>Session #${session.number}: <strong>${session.status}</strong> (scenario <code>${session.scenario}</code>)</p>
          ${canStart ? html`<form method="post" action="${c.req.path}/start"><button>Start verification</button></form>` : ''}
          ${canFinish ? html`<form method="post" action="${c.req.path}/finish"><button>Finish verification</button></form>` : ''}
        </body>
      </html>`);
  });

  app.post(`${HOSTED_SESSION_PATH}:token/start`, async (c) => {
    const session = byToken(c.req.param('token'));
    await sandbox.startSession(session);
    return c.redirect(`${HOSTED_SESSION_PATH}${session.token}`, 303);
  });

  app.post(`${HOSTED_SESSION_PATH}:token/finish`, async (c) => {
    const session = byToken(c.req.param('token'));
    await sandbox.advanceSession(session, 'completed');
    if (!session.callback) return c.redirect(`${HOSTED_SESSION_PATH}${session.token}`, 303);
    const callback = new URL(session.callback);
    callback.searchParams.set('verificationSessionId', session.id);
    callback.searchParams.set('status', session.status);
    return c.redirect(callback.toString(), 303);
  });

  return app;
}
