import { Hono } from 'hono';
import { z } from 'zod';
import type { KryptogoEnv } from './app';
import { DD_AUDIT_STATUS } from './assumptions';
import { ddSummary, ownedDdTask, progressOf } from './dd';
import type { KryptogoSandboxEngine } from './engine';
import { badRequest } from './errors';
import { parseIdParam, parseJsonBody } from './validation';

const ConsoleAuditRequest = z.strictObject({
  accepted: z.boolean(),
  /** false: the console change sends no callback (the API only learns it by re-reading the task). */
  callback: z.boolean().default(true),
});

/**
 * `/_sandbox/kryptogo/dd/:taskId/console-audit`: a compliance officer audits a complete DD task in the
 * KryptoGO console, or changes its audit there, without the client's involvement (D4 would answer 409
 * to the client once the task is audited; the console is not bound by it).
 */
export function createConsoleApp(engine: KryptogoSandboxEngine) {
  return new Hono<KryptogoEnv>().post('/dd/:taskId/console-audit', async (c) => {
    const owner = c.get('owner');
    const task = ownedDdTask(engine, owner, parseIdParam(c.req.param('taskId')));
    const { accepted, callback } = await parseJsonBody(c.req.raw, ConsoleAuditRequest);
    if (progressOf(task) < 100) throw badRequest('the DD task has not finished its search yet');
    const now = engine.now();
    task.auditStatus = accepted ? DD_AUDIT_STATUS.accepted : DD_AUDIT_STATUS.rejected;
    task.auditTime = now;
    task.auditor = owner;
    task.updatedAt = now;
    task.commentLogs.push({
      comment: 'Changed in the KryptoGO console',
      accepted,
      time: now,
      employee_account: owner.account,
    });
    if (callback)
      engine.emitCallback(now, 'dd.accepted_changed', 'dd', task.id, task.callbackUrl, ddSummary(task));
    await engine.settle();
    return c.json({ task_id: task.id, audit_status: task.auditStatus, callback }, 200);
  });
}
