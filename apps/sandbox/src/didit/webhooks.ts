import { randomUUID } from 'node:crypto';
import type { AdvanceableClock } from '../clock.js';
import {
  DELIVERY_LOG_FIELDS,
  STALE_WEBHOOK_AGE_SECONDS,
  WEBHOOK_DELIVERY_TIMEOUT_MS,
  WEBHOOK_RETRY_DELAYS_SECONDS,
  WEBHOOK_RETRY_ON_STATUS,
} from './assumptions.js';
import { isoTimestamp } from './decision.js';
import type { Scheduler } from './scheduler.js';
import { signWebhookPayload } from './signatures.js';

export const WEBHOOK_USER_AGENT = 'DiditWebhook/2.0 +https://didit.me';

export const WEBHOOK_FAULT_KINDS = [
  'duplicate',
  'out_of_order',
  'stale',
  'bad_signature',
  'reencoded',
  'missing_signatures',
] as const;
export type WebhookFaultKind = (typeof WEBHOOK_FAULT_KINDS)[number];

export interface WebhookTarget {
  url: string;
  secret: string;
  /** `null` subscribes to every event type. */
  subscribedEvents: readonly string[] | null;
}

export interface WebhookEvent {
  eventId: string;
  webhookType: string;
  sessionId: string;
  /** The envelope without `timestamp`, which is stamped at each attempt. */
  envelope: Record<string, unknown>;
}

export interface DeliveryRecord {
  uuid: string;
  sessionId: string;
  eventId: string;
  webhookType: string;
  url: string;
  attempt: number;
  fault: WebhookFaultKind | 'resend' | null;
  statusCode: number | null;
  responseBody: string | null;
  error: string | null;
  requestHeaders: Record<string, string>;
  requestBody: string;
  createdAt: number;
}

interface SentRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface PreparedRequest extends SentRequest {
  fault: WebhookFaultKind | null;
}

/**
 * Sends signed webhooks exactly as Didit does, one event at a time in emission order, logs every attempt
 * and schedules retries on the sandbox clock.
 */
export class WebhookDispatcher {
  readonly deliveries: DeliveryRecord[] = [];
  private readonly firstRequests = new Map<string, { event: WebhookEvent; requests: SentRequest[] }>();
  private faults: Array<{ kind: WebhookFaultKind; remaining: number }> = [];
  private held: WebhookEvent[] = [];
  private queue: Promise<void> = Promise.resolve();
  private inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly clock: AdvanceableClock,
    private readonly scheduler: Scheduler,
    private readonly targets: () => WebhookTarget[],
    private readonly log: (line: string) => void,
  ) {}

  addFault(kind: WebhookFaultKind, times: number): void {
    this.faults.push({ kind, remaining: times });
  }

  get pendingFaults() {
    return this.faults.map((fault) => ({ kind: fault.kind, remaining: fault.remaining }));
  }

  clearFaults(): void {
    this.faults = [];
  }

  reset(): void {
    this.deliveries.length = 0;
    this.firstRequests.clear();
    this.faults = [];
    this.held = [];
  }

  private takeFault(): WebhookFaultKind | null {
    const fault = this.faults[0];
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.shift();
    return fault.kind;
  }

  /** Resolves once every target has seen its first attempt (retries run later on the clock). */
  emit(event: WebhookEvent): Promise<void> {
    const delivery = this.queue.then(() => this.deliverInOrder(event));
    this.queue = delivery;
    return this.track(delivery);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    return promise.finally(() => this.inFlight.delete(promise));
  }

  /** Waits for queued first attempts and releases events held back by an `out_of_order` fault. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    const held = this.held.splice(0);
    for (const event of held) await this.deliverToAll(event, null);
  }

  private async deliverInOrder(event: WebhookEvent): Promise<void> {
    const fault = this.takeFault();
    if (fault === 'out_of_order') {
      this.held.push(event);
      return;
    }
    await this.deliverToAll(event, fault);
    const held = this.held.splice(0);
    for (const heldEvent of held) await this.deliverToAll(heldEvent, null);
  }

  private async deliverToAll(event: WebhookEvent, fault: WebhookFaultKind | null): Promise<void> {
    const targets = this.targets().filter(
      (target) => !target.subscribedEvents || target.subscribedEvents.includes(event.webhookType),
    );
    const sent: SentRequest[] = [];
    this.firstRequests.set(event.eventId, { event, requests: sent });
    await Promise.all(
      targets.map(async (target) => {
        const request = this.prepare(event, target, fault);
        sent.push(request);
        await this.attempt(event, target, request, 1);
        if (fault === 'duplicate') await this.send(event, request, 1, 'duplicate');
      }),
    );
  }

  private prepare(
    event: WebhookEvent,
    target: WebhookTarget,
    fault: WebhookFaultKind | null,
  ): PreparedRequest {
    const now = Math.floor(this.clock.now() / 1000);
    const timestamp = fault === 'stale' ? now - STALE_WEBHOOK_AGE_SECONDS : now;
    const payload = { ...event.envelope, timestamp };
    const secret = fault === 'bad_signature' ? `${target.secret}-not-the-shared-key` : target.secret;
    const signed = signWebhookPayload(payload, secret);
    // A re-encoding proxy: same data, different bytes, so only the canonical (V2) signature still verifies.
    const body = fault === 'reencoded' ? JSON.stringify(JSON.parse(signed.rawBody), null, 2) : signed.rawBody;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': WEBHOOK_USER_AGENT,
      'X-Signature': signed.signature,
      'X-Signature-V2': signed.signatureV2,
      'X-Signature-Simple': signed.signatureSimple,
      'X-Timestamp': String(timestamp),
    };
    if (fault === 'missing_signatures') {
      delete headers['X-Signature'];
      delete headers['X-Signature-V2'];
    }
    return { url: target.url, headers, body, fault };
  }

  private async attempt(
    event: WebhookEvent,
    target: WebhookTarget,
    request: PreparedRequest,
    attempt: number,
  ): Promise<void> {
    const record = await this.send(event, request, attempt, request.fault);
    const retryable = record.statusCode === null || WEBHOOK_RETRY_ON_STATUS(record.statusCode);
    const delay = WEBHOOK_RETRY_DELAYS_SECONDS[attempt - 1];
    if (retryable && delay !== undefined) {
      this.scheduler.schedule(this.clock.now() + delay * 1000, () =>
        this.attempt(event, target, this.prepare(event, target, null), attempt + 1),
      );
    }
  }

  private async send(
    event: WebhookEvent,
    request: SentRequest,
    attempt: number,
    fault: DeliveryRecord['fault'],
  ): Promise<DeliveryRecord> {
    const record: DeliveryRecord = {
      uuid: randomUUID(),
      sessionId: event.sessionId,
      eventId: event.eventId,
      webhookType: event.webhookType,
      url: request.url,
      attempt,
      fault,
      statusCode: null,
      responseBody: null,
      error: null,
      requestHeaders: request.headers,
      requestBody: request.body,
      createdAt: this.clock.now(),
    };
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(WEBHOOK_DELIVERY_TIMEOUT_MS),
      });
      record.statusCode = response.status;
      record.responseBody = (await response.text()).slice(0, 2000);
    } catch (error) {
      record.error = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : String(error);
    }
    this.deliveries.push(record);
    this.log(
      `webhook ${event.webhookType} event=${event.eventId} attempt=${attempt} -> ${record.statusCode ?? record.error}`,
    );
    return record;
  }

  /** Replays an event byte for byte as first sent (same timestamp and signatures): a replay attack. */
  async resend(eventId: string): Promise<DeliveryRecord[] | null> {
    const first = this.firstRequests.get(eventId);
    if (!first) return null;
    return Promise.all(first.requests.map((request) => this.send(first.event, request, 1, 'resend')));
  }
}

/** Delivery-log entry; only the fields listed in the assumptions are exposed. */
export function serializeDelivery(record: DeliveryRecord) {
  const all: Record<(typeof DELIVERY_LOG_FIELDS)[number], unknown> = {
    uuid: record.uuid,
    session_id: record.sessionId,
    event_id: record.eventId,
    webhook_type: record.webhookType,
    url: record.url,
    attempt: record.attempt,
    status_code: record.statusCode,
    response_body: record.responseBody,
    error: record.error,
    request_header: JSON.stringify(record.requestHeaders),
    request_body: record.requestBody,
    created_at: isoTimestamp(record.createdAt),
  };
  return Object.fromEntries(DELIVERY_LOG_FIELDS.map((field) => [field, all[field]]));
}
