import type { AdvanceableClock } from '../clock.js';

interface Timer {
  dueAt: number;
  sequence: number;
  task: () => Promise<void>;
}

/**
 * Timers on the sandbox clock (expiries, abandonment, webhook retries). Nothing fires by itself under a
 * manual clock: `advance` walks the clock from timer to timer so each event is stamped with its own time.
 */
export class Scheduler {
  private timers: Timer[] = [];
  private sequence = 0;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly clock: AdvanceableClock,
    private readonly onTaskError: (error: unknown) => void,
  ) {}

  schedule(dueAt: number, task: () => Promise<void>): void {
    this.timers.push({ dueAt, sequence: this.sequence++, task });
  }

  clear(): void {
    this.timers = [];
  }

  get pending(): number {
    return this.timers.length;
  }

  private takeNextDue(limit: number): Timer | undefined {
    let next: Timer | undefined;
    for (const timer of this.timers) {
      if (timer.dueAt > limit) continue;
      if (
        !next ||
        timer.dueAt < next.dueAt ||
        (timer.dueAt === next.dueAt && timer.sequence < next.sequence)
      ) {
        next = timer;
      }
    }
    if (next) this.timers = this.timers.filter((timer) => timer !== next);
    return next;
  }

  private async runTask(timer: Timer): Promise<void> {
    try {
      await timer.task();
    } catch (error) {
      this.onTaskError(error);
    }
  }

  /** Runs every timer that is due now (used by the real-time ticker). Serialized with `advance`. */
  runDue(): Promise<void> {
    this.running = this.running.then(async () => {
      for (
        let timer = this.takeNextDue(this.clock.now());
        timer;
        timer = this.takeNextDue(this.clock.now())
      ) {
        await this.runTask(timer);
      }
    });
    return this.running;
  }

  /** Moves the clock forward, stopping at each due timer so it runs at its own time. */
  advance(milliseconds: number): Promise<void> {
    this.running = this.running.then(async () => {
      const target = this.clock.now() + milliseconds;
      for (let timer = this.takeNextDue(target); timer; timer = this.takeNextDue(target)) {
        if (timer.dueAt > this.clock.now()) this.clock.advance(timer.dueAt - this.clock.now());
        await this.runTask(timer);
      }
      if (target > this.clock.now()) this.clock.advance(target - this.clock.now());
    });
    return this.running;
  }
}
