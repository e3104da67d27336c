import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { listen, type RunningSandbox } from '../http-server';
import { DittoKycPusher } from './client';
import { type DittoKycServiceApiConfig, type DittoTarget, kycServiceConfigFor } from './config';
import { DITTO_SCENARIOS } from './scenarios';

export { dittoDecrypt, dittoEncrypt } from './aes';
export { type DittoDelivery, DittoKycPusher, locate } from './client';
export * from './config';
export { buildKycPayload, DITTO_SCENARIOS, type DittoScenario } from './scenarios';

export interface DittoSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Required as `x-api-key` on the control endpoints. */
  controlApiKey: string;
  /** Our API as Ditto's GM console would point at it. */
  target: DittoTarget;
  now?: () => number;
  /** Ids, scenarios and outcomes only; never payloads. */
  log?: (line: string) => void;
}

export interface RunningDittoSandbox extends RunningSandbox<Hono> {
  pusher: DittoKycPusher;
  config: DittoKycServiceApiConfig;
}

/** The whole body is built in memory, so cap what one control call may ask for. */
const MAX_PUSHES_PER_CALL = 100;
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

const SubmissionsRequest = z.object({
  scenario: z.enum(DITTO_SCENARIOS),
  count: z.number().int().min(1).max(MAX_PUSHES_PER_CALL).default(1),
  encrypt: z.boolean().optional(),
  /** Every push of this call reuses one requester_id (the given one, or the latest delivery's). */
  retrySameRequesterId: z.boolean().default(false),
  requesterId: z.string().min(1).max(200).optional(),
  /** Size of each image in bytes; unset = tiny placeholders. */
  imageBytes: z.number().int().min(1).max(MAX_IMAGE_BYTES).optional(),
  seed: z.number().int().min(0).optional(),
});

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Ditto's IDV server as a client of our API, with control endpoints under `/_sandbox/ditto/`. */
export function createDittoSandboxApp(options: DittoSandboxOptions) {
  const config = kycServiceConfigFor(options.target);
  const pusher = new DittoKycPusher(config, options.now);
  const log = options.log ?? (() => {});
  const app = new Hono();
  app.use('/_sandbox/*', async (c, next) => {
    const presented = c.req.header('x-api-key') ?? '';
    if (!timingSafeEqual(digest(presented), digest(options.controlApiKey))) {
      return c.json({ detail: 'Invalid or missing x-api-key.' }, 401);
    }
    await next();
  });
  app.post('/_sandbox/ditto/submissions', async (c) => {
    const parsed = SubmissionsRequest.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) {
      return c.json(
        {
          detail: 'Invalid request.',
          issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        },
        400,
      );
    }
    const request = parsed.data;
    const sharedRequesterId = request.retrySameRequesterId
      ? (request.requesterId ?? pusher.deliveries.at(-1)?.requesterId)
      : request.requesterId;
    const deliveries = [];
    for (let i = 0; i < request.count; i++) {
      const delivery = await pusher.push({
        scenario: request.scenario,
        ...(request.encrypt !== undefined ? { encrypt: request.encrypt } : {}),
        ...(sharedRequesterId ? { requesterId: sharedRequesterId } : {}),
        ...(request.imageBytes ? { imageBytes: request.imageBytes } : {}),
        seed: request.seed ?? i,
      });
      log(
        `push #${delivery.id} ${delivery.scenario} requester=${delivery.requesterId} status=${delivery.httpStatus} ` +
          `success=${delivery.success} ref=${delivery.referenceNumber ?? '-'}${delivery.error ? ` error=${delivery.error}` : ''}`,
      );
      deliveries.push(delivery);
    }
    return c.json({ deliveries }, 200);
  });
  app.get('/_sandbox/ditto/deliveries', (c) => c.json({ deliveries: pusher.deliveries }, 200));
  app.delete('/_sandbox/ditto/token', (c) => {
    pusher.forgetToken();
    return c.body(null, 204);
  });
  app.get('/_sandbox/ditto/config', (c) =>
    c.json(
      {
        ...config,
        auth:
          config.auth.mode === 'basic'
            ? { mode: 'basic', username: config.auth.username, password: '***' }
            : config.auth,
        accessTokenEndpoint: config.accessTokenEndpoint && {
          ...config.accessTokenEndpoint,
          postParameters: config.accessTokenEndpoint.postParameters.map((p) =>
            p.name === 'client_secret' ? { ...p, value: '***' } : p,
          ),
        },
        requestEncryption: { ...config.requestEncryption, key: '***', ivParamSpec: '***' },
        responseDecryption: { ...config.responseDecryption, key: '***', ivParamSpec: '***' },
      },
      200,
    ),
  );
  return { app, pusher, config };
}

export async function startDittoSandbox(options: DittoSandboxOptions): Promise<RunningDittoSandbox> {
  const { app, pusher, config } = createDittoSandboxApp(options);
  const server = await listen(app.fetch, options);
  return { url: server.url, app, pusher, config, close: server.close };
}
