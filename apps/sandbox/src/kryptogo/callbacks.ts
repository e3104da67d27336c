import { CALLBACK_RETRY_DELAYS_SECONDS } from './assumptions';
import { epochSeconds, type SandboxClock } from './clock';
import type { FaultBook } from './faults';

export type CallbackEvent = 'dd.results_generated' | 'dd.accepted_changed' | 'idv.completed';

export interface DeliveryAttempt {
  attempt: number;
  at: number;
  response_status: number | null;
  error: string | null;
}

export interface Delivery {
  id: number;
  event: CallbackEvent;
  task_type: 'dd' | 'idv';
  task_id: number;
  url: string;
  payload: unknown;
  status: 'pending' | 'delivered' | 'failed' | 'blocked';
  attempts: DeliveryAttempt[];
  next_attempt_at: number | null;
  /** Set when a fault produced this delivery as a copy of another. */
  duplicate_of: number | null;
  /** Set when a fault re-sent an older payload after a newer one. */
  replay_of: number | null;
}

/**
 * Which callback URLs the sandbox may call. Entries are hostnames (`localhost`), origins
 * (`http://api:3000`) or `*`. A sandbox that POSTs anywhere would be an SSRF tool; a URL outside the list
 * is still accepted at task creation (as KryptoGO would) but its deliveries are logged as `blocked`.
 */
export type CallbackAllowlist = readonly string[] | ((url: URL) => boolean);
export const DEFAULT_CALLBACK_ALLOWLIST: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

export interface CallbackDispatcherOptions {
  clock: SandboxClock;
  faults: FaultBook;
  allowlist: CallbackAllowlist;
  retries: boolean;
  timeoutMs: number;
  fetch: typeof fetch;
  log: (line: string) => void;
}

/**
 * Queues callback deliveries and sends them in order, one at a time, so that a receiver sees a
 * deterministic sequence. Time is the sandbox clock: a retry 60 s later happens when the clock says so.
 */
export class CallbackDispatcher {
  private deliveries: Delivery[] = [];
  private nextId = 1;
  private chain: Promise<void> = Promise.resolve();
  retriesEnabled: boolean;

  constructor(private readonly options: CallbackDispatcherOptions) {
    this.retriesEnabled = options.retries;
  }

  enqueue(event: CallbackEvent, taskType: 'dd' | 'idv', taskId: number, url: string, payload: unknown): void {
    const previous = this.lastOriginalFor(taskType, taskId);
    const delivery = this.push({ event, taskType, taskId, url, payload, duplicateOf: null, replayOf: null });
    if (this.options.faults.takeCallbackFault('duplicate_callbacks')) {
      this.push({ event, taskType, taskId, url, payload, duplicateOf: delivery.id, replayOf: null });
    }
    if (previous && this.options.faults.takeCallbackFault('out_of_order_callbacks')) {
      this.push({
        event: previous.event,
        taskType,
        taskId,
        url: previous.url,
        payload: previous.payload,
        duplicateOf: null,
        replayOf: previous.id,
      });
    }
  }

  list(filter: { taskType?: 'dd' | 'idv'; taskId?: number } = {}): Delivery[] {
    return this.deliveries.filter(
      (delivery) =>
        (filter.taskType === undefined || delivery.task_type === filter.taskType) &&
        (filter.taskId === undefined || delivery.task_id === filter.taskId),
    );
  }

  clear(): void {
    this.deliveries = [];
  }

  /** Earliest scheduled attempt still waiting (a retry), for stepping the clock. */
  nextAttemptAt(): number | null {
    const times = this.deliveries
      .filter((delivery) => delivery.status === 'pending' && delivery.next_attempt_at !== null)
      .map((delivery) => delivery.next_attempt_at!);
    return times.length === 0 ? null : Math.min(...times);
  }

  /** Sends every delivery that is due now; resolves when they (and earlier flushes) have been attempted. */
  flushDue(): Promise<void> {
    this.chain = this.chain.then(() => this.sendDue());
    return this.chain;
  }

  private lastOriginalFor(taskType: 'dd' | 'idv', taskId: number): Delivery | undefined {
    return this.deliveries.findLast(
      (delivery) =>
        delivery.task_type === taskType &&
        delivery.task_id === taskId &&
        delivery.duplicate_of === null &&
        delivery.replay_of === null,
    );
  }

  private push(input: {
    event: CallbackEvent;
    taskType: 'dd' | 'idv';
    taskId: number;
    url: string;
    payload: unknown;
    duplicateOf: number | null;
    replayOf: number | null;
  }): Delivery {
    const delivery: Delivery = {
      id: this.nextId++,
      event: input.event,
      task_type: input.taskType,
      task_id: input.taskId,
      url: input.url,
      payload: input.payload,
      status: 'pending',
      attempts: [],
      next_attempt_at: epochSeconds(this.options.clock),
      duplicate_of: input.duplicateOf,
      replay_of: input.replayOf,
    };
    this.deliveries.push(delivery);
    return delivery;
  }

  private async sendDue(): Promise<void> {
    const now = epochSeconds(this.options.clock);
    const due = this.deliveries.filter(
      (delivery) =>
        delivery.status === 'pending' && delivery.next_attempt_at !== null && delivery.next_attempt_at <= now,
    );
    for (const delivery of due) await this.attempt(delivery);
  }

  private isAllowed(url: URL): boolean {
    const { allowlist } = this.options;
    if (typeof allowlist === 'function') return allowlist(url);
    return allowlist.some((entry) => entry === '*' || entry === url.hostname || entry === url.origin);
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const at = epochSeconds(this.options.clock);
    const attemptNumber = delivery.attempts.length + 1;
    let url: URL;
    try {
      url = new URL(delivery.url);
    } catch {
      refuseAttempt(delivery, at, 'invalid callback URL', 'failed');
      return;
    }
    if (!this.isAllowed(url)) {
      refuseAttempt(delivery, at, 'host not in allowlist', 'blocked');
      this.options.log(`callback ${delivery.id} ${delivery.event} blocked: ${url.origin} not allowed`);
      return;
    }
    let responseStatus: number | null = null;
    let error: string | null = null;
    try {
      const response = await this.options.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'KryptoGO-Compliance-Sandbox' },
        body: JSON.stringify(delivery.payload),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'manual',
      });
      responseStatus = response.status;
      await response.body?.cancel();
    } catch (cause) {
      error = cause instanceof Error && cause.name === 'TimeoutError' ? 'timeout' : 'network error';
    }
    delivery.attempts.push({ attempt: attemptNumber, at, response_status: responseStatus, error });
    const succeeded = responseStatus !== null && responseStatus >= 200 && responseStatus < 300;
    const retryDelay = CALLBACK_RETRY_DELAYS_SECONDS[attemptNumber - 1];
    if (succeeded) {
      delivery.status = 'delivered';
      delivery.next_attempt_at = null;
    } else if (this.retriesEnabled && retryDelay !== undefined) {
      delivery.next_attempt_at = at + retryDelay;
    } else {
      delivery.status = 'failed';
      delivery.next_attempt_at = null;
    }
    // Ids and status only: the payload holds names and birthdays.
    this.options.log(
      `callback ${delivery.id} ${delivery.event} ${delivery.task_type}#${delivery.task_id} attempt ${attemptNumber}: ${responseStatus ?? error} -> ${delivery.status}`,
    );
  }
}

/** An attempt that never left the sandbox: recorded with its reason, and the delivery stops for good. */
function refuseAttempt(delivery: Delivery, at: number, error: string, status: 'failed' | 'blocked'): void {
  delivery.attempts.push({ attempt: delivery.attempts.length + 1, at, response_status: null, error });
  delivery.status = status;
  delivery.next_attempt_at = null;
}
