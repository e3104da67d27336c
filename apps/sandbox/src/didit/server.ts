import { type AdvanceableClock, type Clock, OffsetSystemClock, toAdvanceableClock } from '../clock.js';
import { listen, type RunningSandbox } from '../http-server.js';
import { createDiditApp, type DiditApp } from './app.js';
import { DiditSandbox } from './sandbox.js';

export interface DiditSandboxOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  apiKey: string;
  webhookUrl?: string | null;
  webhookSecret: string;
  /** Defaults to wall-clock time that the control endpoints can fast-forward. */
  clock?: Clock;
  /** Origin used in absolute URLs (session links, media, list pagination); defaults to the bound address. */
  publicBaseUrl?: string;
  /** `In Progress` sessions become `Abandoned` after this long (default 24 h). */
  abandonAfterSeconds?: number;
  /** Operational log lines (ids and statuses only, never PII). Silent by default. */
  log?: (line: string) => void;
}

export interface RunningDiditSandbox extends RunningSandbox<DiditApp> {
  sandbox: DiditSandbox;
  clock: AdvanceableClock;
}

/** How often due timers are checked when time flows by itself (webhook retries, expiries). */
const TIMER_POLL_MS = 500;

export async function startDiditSandbox(options: DiditSandboxOptions): Promise<RunningDiditSandbox> {
  const clock = toAdvanceableClock(options.clock ?? new OffsetSystemClock());
  let baseUrl = options.publicBaseUrl?.replace(/\/$/, '') ?? '';
  const sandbox = new DiditSandbox({
    apiKey: options.apiKey,
    webhookUrl: options.webhookUrl ?? null,
    webhookSecret: options.webhookSecret,
    clock,
    baseUrl: () => baseUrl,
    abandonAfterSeconds: options.abandonAfterSeconds,
    log: options.log,
  });
  const app = createDiditApp(sandbox);
  const server = await listen(app.fetch, options);
  const url = server.url;
  if (!baseUrl) baseUrl = url;
  const ticker = setInterval(() => void sandbox.scheduler.runDue(), TIMER_POLL_MS);
  ticker.unref();
  return {
    url,
    app,
    sandbox,
    clock,
    close: async () => {
      clearInterval(ticker);
      await server.close();
    },
  };
}
