import { groupCommitFor } from '@backoffice/db';
import { verifyDiditWebhook } from '@backoffice/providers/didit';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { ingestDiditStateIn, publishIngested, queueDiditRereadIn } from './ingest';

export interface WebhookReceipt {
  received: true;
  outcome: string;
}

/** A delivery as applied: the receipt Didit is answered with, and what the request's log line tells. */
export interface DiditDelivery {
  receipt: WebhookReceipt;
  log: { eventId: string; outcome: string; caseId: number | null };
}

/**
 * Verifies a Didit delivery on the exact bytes received, then applies it exactly once.
 * Throws AppError 401 (signature or freshness) / 400 (malformed) so the provider sees why it was refused.
 * Verification and parsing happen here, per delivery; only the DB step joins a group commit with the
 * deliveries arriving at the same time, and the receipt resolves once that commit is durable.
 * A refusal is logged here (a warning); an applied delivery's outcome goes on its request's log line.
 */
export async function receiveDiditWebhook(
  deps: AppDeps,
  rawBody: Uint8Array,
  headers: Headers,
  requestId: string,
): Promise<DiditDelivery> {
  const verification = verifyDiditWebhook({
    rawBody,
    headers,
    secrets: deps.didit.webhookSecrets,
    nowMs: deps.now(),
  });
  if (!verification.ok) {
    deps.logger.warn({ reason: verification.reason, requestId }, 'Didit webhook refused');
    if (verification.reason === 'malformed') {
      throw new AppError(400, 'webhook_malformed', 'The webhook body is not a valid Didit event.');
    }
    if (verification.reason === 'too_complex') {
      throw new AppError(
        400,
        'webhook_too_complex',
        'The webhook body has more keys or deeper nesting than a Didit event can have.',
      );
    }
    if (verification.reason === 'stale') {
      throw new AppError(401, 'webhook_stale', 'The webhook timestamp is outside the accepted window.');
    }
    throw new AppError(401, 'webhook_signature_invalid', 'The webhook signature does not verify.');
  }
  const event = verification.envelope;
  const eventId = event.event_id;
  const sessionId = event.session_id;
  if (!eventId || !sessionId || !event.webhook_type) {
    throw new AppError(400, 'webhook_malformed', 'The webhook has no event_id, session_id or webhook_type.');
  }
  const eventAtMs = (event.created_at ?? event.timestamp) * 1000;
  if (event.webhook_type !== 'status.updated') {
    // data.updated and other kinds carry no authoritative state: the session is re-read by a durable job,
    // committed with the event before the 2xx, so a Didit outage right now loses nothing.
    const reread = { sessionId, eventId, eventType: event.webhook_type, eventAtMs, requestId };
    const queued = await groupCommitFor(deps.db).run((tx) => queueDiditRereadIn(tx, deps, reread));
    return delivered(eventId, queued.outcome, queued.caseId);
  }
  if (!event.status) {
    throw new AppError(400, 'webhook_malformed', 'A status.updated webhook must carry a status.');
  }
  const update = {
    sessionId,
    providerStatus: event.status,
    eventAtMs,
    decision: event.decision ?? null,
    vendorData: event.vendor_data ?? null,
    workflowId: event.workflow_id ?? null,
  };
  const source = { kind: 'webhook' as const, eventId, eventType: event.webhook_type, requestId };
  const step = await groupCommitFor(deps.db).run((tx) => ingestDiditStateIn(tx, deps, update, source));
  const result = publishIngested(deps, step);
  return delivered(eventId, result.outcome, result.caseId);
}

function delivered(eventId: string, outcome: string, caseId: number | null | undefined): DiditDelivery {
  return { receipt: { received: true, outcome }, log: { eventId, outcome, caseId: caseId ?? null } };
}
