import { Hono } from 'hono';
import { z } from 'zod';
import { HTTP_FAULT_KINDS } from './faults.js';
import { detailError, parseJsonBody, parseWith } from './http.js';
import { reportedStatus } from './model.js';
import { RATE_LIMIT_SCOPES } from './rate-limit.js';
import type { DiditSandbox } from './sandbox.js';
import { SCENARIO_NAMES } from './scenarios.js';
import { CreateSessionBody } from './schemas.js';
import { serializeDelivery, WEBHOOK_FAULT_KINDS } from './webhooks.js';

const ControlCreateSessions = z.object({
  scenario: z.enum(SCENARIO_NAMES),
  count: z.number().int().min(1).max(100).default(1),
  vendor_data: z.string().nullable().optional(),
  workflow_id: z.string().optional(),
  expected_details: z.record(z.string(), z.unknown()).nullable().optional(),
  contact_details: z.record(z.string(), z.unknown()).nullable().optional(),
  metadata: z
    .union([z.record(z.string(), z.unknown()), z.string()])
    .nullable()
    .optional(),
  until: z.enum(['created', 'started', 'completed']).default('completed'),
});

const AdvanceSession = z.object({
  to: z.enum(['started', 'completed', 'abandoned', 'expired', 'kyc_expired']),
});
const ReportStatus = z.object({
  /** Any string: a documented status, or one Didit has not documented (the session then reports it). */
  status: z.string().min(1).max(64),
  /** `webhook_only`: send a signed status.updated claiming the status while the session stays as it is. */
  mode: z.enum(['apply', 'webhook_only']).default('apply'),
});
const AdvanceClock = z.object({
  seconds: z
    .number()
    .min(0)
    .max(10 * 365 * 24 * 3600),
});

const AddHttpFault = z.object({
  match: z.object({ method: z.string().optional(), pathPrefix: z.string().optional() }).default({}),
  kind: z.enum(HTTP_FAULT_KINDS),
  status: z.number().int().min(400).max(599).optional(),
  ms: z.number().int().min(0).max(120_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  times: z.number().int().min(1).optional(),
});

const AddWebhookFault = z.object({
  kind: z.enum(WEBHOOK_FAULT_KINDS),
  times: z.number().int().min(1).default(1),
});

const ResendWebhook = z.object({ event_id: z.string().min(1) });

const RateLimitOverrides = z
  .object({
    ...Object.fromEntries(RATE_LIMIT_SCOPES.map((scope) => [scope, z.number().int().min(1).optional()])),
    window_seconds: z.number().int().min(1).max(3600).optional(),
  })
  .strict();

const DeliveriesQuery = z.object({ session_id: z.string().optional(), event_id: z.string().optional() });

function clockState(sandbox: DiditSandbox) {
  const now = sandbox.clock.now();
  return { now: new Date(now).toISOString(), epoch_ms: now, epoch_seconds: Math.floor(now / 1000) };
}

/** Test controls under `/_sandbox/`: scenario sessions, the clock, fault injection, rate limits. */
export function sandboxControlRoutes(sandbox: DiditSandbox) {
  const app = new Hono({ strict: false });

  app.get('/_sandbox/didit/scenarios', (c) => c.json({ scenarios: SCENARIO_NAMES }));

  app.post('/_sandbox/didit/sessions', async (c) => {
    const body = await parseJsonBody(c, ControlCreateSessions);
    const created = [];
    for (let index = 0; index < body.count; index++) {
      // Same validation and code path as POST /v3/session/.
      const request = parseWith(CreateSessionBody, {
        workflow_id: body.workflow_id ?? sandbox.defaultWorkflowId,
        vendor_data: body.vendor_data,
        expected_details: body.expected_details,
        contact_details: body.contact_details,
        metadata: body.metadata,
      });
      const { session, delivered } = sandbox.createSession(request, body.scenario);
      await delivered;
      await sandbox.driveSession(session, body.until);
      created.push(session);
    }
    return c.json(
      {
        sessions: created.map((session) => ({
          session_id: session.id,
          session_number: session.number,
          session_token: session.token,
          status: session.status,
          vendor_data: session.vendorData,
          scenario: session.scenario,
        })),
      },
      201,
    );
  });

  app.post('/_sandbox/didit/sessions/:id/advance', async (c) => {
    const session = sandbox.findSession(c.req.param('id'));
    const { to } = await parseJsonBody(c, AdvanceSession);
    await sandbox.advanceSession(session, to);
    return c.json({ session_id: session.id, status: session.status });
  });

  app.post('/_sandbox/didit/sessions/:id/status', async (c) => {
    const session = sandbox.findSession(c.req.param('id'));
    const { status, mode } = await parseJsonBody(c, ReportStatus);
    await sandbox.reportStatus(session, status, mode);
    return c.json({ session_id: session.id, status: reportedStatus(session) });
  });

  app.get('/_sandbox/clock', (c) => c.json(clockState(sandbox)));
  app.post('/_sandbox/clock/advance', async (c) => {
    const { seconds } = await parseJsonBody(c, AdvanceClock);
    await sandbox.scheduler.advance(seconds * 1000);
    return c.json(clockState(sandbox));
  });

  app.get('/_sandbox/faults', (c) => c.json({ faults: sandbox.faults.list() }));
  app.post('/_sandbox/faults', async (c) => {
    const body = await parseJsonBody(c, AddHttpFault);
    const fault = sandbox.faults.add({
      match: body.match,
      kind: body.kind,
      status: body.status ?? (body.kind === 'rate_limit' ? 429 : 500),
      ms: body.ms ?? 0,
      retryAfterSeconds: body.retryAfterSeconds ?? 5,
      remaining: body.times ?? null,
    });
    return c.json(fault, 201);
  });
  app.delete('/_sandbox/faults', (c) => {
    sandbox.faults.clear();
    return c.body(null, 204);
  });

  app.get('/_sandbox/didit/webhook-faults', (c) => c.json({ faults: sandbox.webhooks.pendingFaults }));
  app.post('/_sandbox/didit/webhook-faults', async (c) => {
    const { kind, times } = await parseJsonBody(c, AddWebhookFault);
    sandbox.webhooks.addFault(kind, times);
    return c.json({ faults: sandbox.webhooks.pendingFaults }, 201);
  });
  app.delete('/_sandbox/didit/webhook-faults', (c) => {
    sandbox.webhooks.clearFaults();
    return c.body(null, 204);
  });

  app.post('/_sandbox/didit/webhooks/resend', async (c) => {
    const { event_id: eventId } = await parseJsonBody(c, ResendWebhook);
    const deliveries = await sandbox.webhooks.resend(eventId);
    if (!deliveries) throw detailError(404, 'Unknown event_id.');
    return c.json({ deliveries: deliveries.map(serializeDelivery) });
  });
  app.post('/_sandbox/didit/webhooks/flush', async (c) => {
    await sandbox.webhooks.flush();
    return c.json({ pending_timers: sandbox.scheduler.pending });
  });

  app.get('/_sandbox/didit/deliveries', (c) => {
    const query = parseWith(DeliveriesQuery, c.req.query());
    const deliveries = sandbox.webhooks.deliveries.filter(
      (delivery) =>
        (!query.session_id || delivery.sessionId === query.session_id) &&
        (!query.event_id || delivery.eventId === query.event_id),
    );
    return c.json({
      deliveries: deliveries.map((delivery) => ({ ...serializeDelivery(delivery), fault: delivery.fault })),
    });
  });

  app.get('/_sandbox/rate-limits', (c) => c.json(sandbox.rateLimiter.settings));
  app.post('/_sandbox/rate-limits', async (c) => {
    const { window_seconds: windowSeconds, ...limits } = await parseJsonBody(c, RateLimitOverrides);
    sandbox.rateLimiter.configure(limits, windowSeconds);
    return c.json(sandbox.rateLimiter.settings);
  });

  app.post('/_sandbox/reset', async (c) => {
    await sandbox.reset();
    return c.json({ default_workflow_id: sandbox.defaultWorkflowId });
  });

  return app;
}
