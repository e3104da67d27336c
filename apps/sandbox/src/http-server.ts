import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface ListenOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
}

export interface ListeningServer {
  /** `http://host:port` of the bound address (IPv6 hosts in brackets). */
  url: string;
  port: number;
  /** Stops accepting, drops open keep-alive connections and resolves once the server is closed. */
  close(): Promise<void>;
}

/** What starting a sandbox hands back, beside its own handles: its app, where it listens, how to stop it. */
export interface RunningSandbox<App> {
  /** Base URL of the provider API, e.g. `http://127.0.0.1:41234`. */
  url: string;
  app: App;
  close(): Promise<void>;
}

/** Serves a Hono app over HTTP and resolves once the port is bound: every sandbox boots the same way. */
export async function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  options: ListenOptions,
): Promise<ListeningServer> {
  const host = options.host ?? '127.0.0.1';
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve, reject) => {
      const started = serve({ fetch, port: options.port ?? 0, hostname: host }, (info: AddressInfo) =>
        resolve({ server: started, port: info.port }),
      );
      started.once('error', reject);
    },
  );
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
