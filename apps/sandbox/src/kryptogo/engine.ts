import { randomBytes } from 'node:crypto';
import { DEFAULT_API_KEY_HEADER, DEFAULT_SEARCH_SETTINGS, type SearchSetting } from './assumptions';
import {
  type CallbackAllowlist,
  CallbackDispatcher,
  type CallbackEvent,
  DEFAULT_CALLBACK_ALLOWLIST,
} from './callbacks';
import { createManualClock, epochSeconds, type SandboxClock } from './clock';
import type { SandboxContext } from './context';
import { advanceDdTask, nextDdTickAt } from './dd';
import { FaultBook } from './faults';
import { finishIdvTask } from './idv';
import { KryptogoSandboxState } from './state';

export interface KryptogoSandboxOptions {
  /** Valid API keys; each one is its own account (owner, points, tasks). */
  apiKeys: readonly string[];
  /** Header carrying the key; KryptoGO does not document it (default `X-API-KEY`). */
  apiKeyHeader?: string;
  /** Defaults to a manual clock: nothing happens until `advance` is called. */
  clock?: SandboxClock;
  callbackAllowlist?: CallbackAllowlist;
  /** Retry failed callbacks 10 s / 60 s / 300 s later (default true). */
  callbackRetries?: boolean;
  callbackTimeoutMs?: number;
  searchSettings?: readonly SearchSetting[];
  /** Used for callbacks; injectable for tests. */
  fetch?: typeof fetch;
  /** Receives one line per request and callback attempt; never any PII. */
  log?: (line: string) => void;
}

interface BufferedCallback {
  at: number;
  sequence: number;
  event: CallbackEvent;
  taskType: 'dd' | 'idv';
  taskId: number;
  url: string;
  payload: unknown;
}

/** Longest single clock jump accepted by `advance` (30 days), so a typo cannot spin for hours. */
export const MAX_ADVANCE_SECONDS = 30 * 24 * 3600;

/**
 * The simulated provider: state, time, callbacks and faults. Work that depends on time (search progress,
 * IDV results, callback retries) is applied lazily whenever the sandbox is touched, and `advance` steps
 * the clock from one due moment to the next so each thing happens at its own timestamp.
 */
export class KryptogoSandboxEngine implements SandboxContext {
  readonly state: KryptogoSandboxState;
  readonly clock: SandboxClock;
  readonly faults = new FaultBook();
  readonly callbacks: CallbackDispatcher;
  readonly apiKeyHeader: string;
  readonly sdkTokenSecret = randomBytes(32);
  readonly log: (line: string) => void;
  private buffered: BufferedCallback[] = [];
  private sequence = 0;

  constructor(options: KryptogoSandboxOptions) {
    if (options.apiKeys.length === 0) throw new Error('the KryptoGO sandbox needs at least one API key');
    this.clock = options.clock ?? createManualClock();
    this.apiKeyHeader = options.apiKeyHeader ?? DEFAULT_API_KEY_HEADER;
    this.log = options.log ?? (() => {});
    this.state = new KryptogoSandboxState(options.apiKeys, options.searchSettings ?? DEFAULT_SEARCH_SETTINGS);
    this.callbacks = new CallbackDispatcher({
      clock: this.clock,
      faults: this.faults,
      allowlist: options.callbackAllowlist ?? DEFAULT_CALLBACK_ALLOWLIST,
      retries: options.callbackRetries ?? true,
      timeoutMs: options.callbackTimeoutMs ?? 5_000,
      fetch: options.fetch ?? globalThis.fetch,
      log: this.log,
    });
  }

  now(): number {
    return epochSeconds(this.clock);
  }

  readonly emitCallback: SandboxContext['emitCallback'] = (at, event, taskType, taskId, url, payload) => {
    if (url === null || url === '') return;
    this.buffered.push({ at, sequence: this.sequence++, event, taskType, taskId, url, payload });
  };

  /** Applies everything that became due up to now, then queues the resulting callbacks in time order. */
  catchUp(): void {
    const now = this.now();
    const dueIdv = [...this.state.idvTasks.values()]
      .filter((task) => task.completedAt === null && task.resultDueAt !== null && task.resultDueAt <= now)
      .sort((a, b) => a.resultDueAt! - b.resultDueAt! || a.id - b.id);
    for (const task of dueIdv) finishIdvTask(this, task);
    for (const task of this.state.ddTasks.values()) advanceDdTask(this, task, now);
    this.commitCallbacks();
  }

  commitCallbacks(): void {
    const ordered = this.buffered.sort((a, b) => a.at - b.at || a.sequence - b.sequence);
    this.buffered = [];
    for (const item of ordered)
      this.callbacks.enqueue(item.event, item.taskType, item.taskId, item.url, item.payload);
  }

  /** Catches up and waits until every callback due now has been attempted. */
  async settle(): Promise<void> {
    this.catchUp();
    await this.callbacks.flushDue();
  }

  /** Moves the clock forward, stopping at every due moment on the way (ticks, results, retries). */
  async advance(seconds: number): Promise<void> {
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_ADVANCE_SECONDS) {
      throw new RangeError(`seconds must be between 0 and ${MAX_ADVANCE_SECONDS}`);
    }
    const targetMs = this.clock.nowMs() + seconds * 1000;
    await this.settle();
    for (;;) {
      const nextAt = this.nextDueAt();
      const nextMs = nextAt === null ? targetMs : Math.min(targetMs, nextAt * 1000);
      if (nextMs > this.clock.nowMs()) this.clock.advance((nextMs - this.clock.nowMs()) / 1000);
      await this.settle();
      if (nextMs >= targetMs) return;
    }
  }

  /** Forgets all tasks, deliveries and faults; ids keep counting up. */
  reset(): void {
    this.state.resetData();
    this.callbacks.clear();
    this.faults.clear();
    this.buffered = [];
  }

  private nextDueAt(): number | null {
    const now = this.now();
    const candidates: number[] = [];
    for (const task of this.state.ddTasks.values()) {
      const at = nextDdTickAt(task);
      if (at !== null) candidates.push(at);
    }
    for (const task of this.state.idvTasks.values()) {
      if (task.completedAt === null && task.resultDueAt !== null) candidates.push(task.resultDueAt);
    }
    const retryAt = this.callbacks.nextAttemptAt();
    if (retryAt !== null) candidates.push(retryAt);
    const future = candidates.filter((at) => at > now);
    return future.length === 0 ? null : Math.min(...future);
  }
}
