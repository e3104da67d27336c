import { listen, type RunningSandbox } from '../http-server';
import { createKryptogoApp } from './app';
import { createSystemClock, type SandboxClock } from './clock';
import { KryptogoSandboxEngine, type KryptogoSandboxOptions } from './engine';

export interface StartKryptogoSandboxOptions extends KryptogoSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /**
   * How often time-driven work runs on its own (ms). Defaults to 1000 when no clock is injected (a
   * development server on real time) and to off with an injected clock (tests drive it with `advance`).
   */
  tickIntervalMs?: number;
}

export interface RunningKryptogoSandbox extends RunningSandbox<ReturnType<typeof createKryptogoApp>> {
  engine: KryptogoSandboxEngine;
  clock: SandboxClock;
}

export async function startKryptogoSandbox(
  options: StartKryptogoSandboxOptions,
): Promise<RunningKryptogoSandbox> {
  const clock = options.clock ?? createSystemClock();
  const engine = new KryptogoSandboxEngine({ ...options, clock });
  const app = createKryptogoApp(engine);
  const server = await listen(app.fetch, options);
  const tickIntervalMs = options.tickIntervalMs ?? (options.clock ? 0 : 1000);
  const ticker =
    tickIntervalMs > 0
      ? setInterval(() => {
          void engine.settle();
        }, tickIntervalMs)
      : null;
  ticker?.unref();
  return {
    url: server.url,
    app,
    engine,
    clock,
    async close() {
      if (ticker) clearInterval(ticker);
      await server.close();
    },
  };
}
