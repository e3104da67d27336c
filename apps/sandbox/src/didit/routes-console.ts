import { Hono } from 'hono';
import { z } from 'zod';
import { parseJsonBody } from './http.js';
import { reportedStatus, SESSION_STATUSES } from './model.js';
import type { DiditSandbox } from './sandbox.js';

const ConsoleEdit = z.strictObject({
  status: z.enum(SESSION_STATUSES),
  /** false: the console change sends no webhook (or it was lost), so only a re-read shows it. */
  webhook: z.boolean().default(true),
});

/** `/_sandbox/didit/sessions/:id/console-edit`: someone changes a session's decision in Didit's console. */
export function sandboxConsoleRoutes(sandbox: DiditSandbox) {
  const app = new Hono({ strict: false });
  app.post('/_sandbox/didit/sessions/:id/console-edit', async (c) => {
    const session = sandbox.findSession(c.req.param('id'));
    const { status, webhook } = await parseJsonBody(c, ConsoleEdit);
    await sandbox.consoleEdit(session, status, webhook);
    return c.json({ session_id: session.id, status: reportedStatus(session), webhook });
  });
  return app;
}
