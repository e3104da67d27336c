import type { HttpBindings } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ERROR_CODE, IMAGE_RULES, KRYPTOGO_ROUTES } from './assumptions';
import { createConsoleApp } from './console';
import { createControlApp } from './control';
import {
  appendMetadata,
  createDdTasks,
  DdAcceptedBody,
  DdCreateBody,
  DdHistoryQuery,
  DdMetadataBody,
  ddDetails,
  ddHistory,
  ddSummary,
  ownedDdTask,
  setAccepted,
} from './dd';
import type { KryptogoSandboxEngine } from './engine';
import { KryptogoSandboxError } from './errors';
import type { Fault } from './faults';
import {
  completeUserUpload,
  createIdvByUpload,
  findIdvByWebToken,
  IdvMobileInitBody,
  IdvUploadBody,
  IdvWebInitBody,
  idvDetail,
  initMobileIdv,
  initWebIdv,
  ownedIdvTask,
} from './idv';
import { createKyaTask, KyaCreateBody, KyaInfoQuery, kyaInfo, kyaView, ownedKyaTask } from './kya';
import type { Owner } from './state';
import { parseIdParam, parseJsonBody, parseWith } from './validation';

export type KryptogoEnv = { Bindings: HttpBindings; Variables: { owner: Owner } };

export const CONTROL_PREFIX = '/_sandbox/kryptogo';
const WEB_FLOW_PATH = `${CONTROL_PREFIX}/idv/web/:token`;

const errorBody = (code: number, message: string) => ({ code, message });

/** Four base64 images of at most 15 MB each, plus the rest of the body. */
const IDV_UPLOAD_MAX_BODY = Math.ceil((IMAGE_RULES.maxBytes * 4 * 4) / 3) + 1024 * 1024;
const DEFAULT_MAX_BODY = 1024 * 1024;

const tooLarge: Parameters<typeof bodyLimit>[0]['onError'] = (c) =>
  c.json(errorBody(ERROR_CODE.payloadTooLarge, 'request body too large'), 413);

/** The KryptoGO Compliance API as a Hono app (provider routes at the root, control routes under `/_sandbox/kryptogo`). */
export function createKryptogoApp(engine: KryptogoSandboxEngine) {
  const app = new Hono<KryptogoEnv>();

  app.onError((error, c) => {
    if (error instanceof KryptogoSandboxError)
      return c.json(errorBody(error.code, error.message), error.status);
    if (error instanceof RangeError) return c.json(errorBody(ERROR_CODE.invalidBody, error.message), 400);
    engine.log(
      `kryptogo sandbox: unexpected ${error.name} on ${c.req.method} ${new URL(c.req.url).pathname}`,
    );
    return c.json(errorBody(ERROR_CODE.internal, 'internal error'), 500);
  });
  app.notFound((c) => c.json(errorBody(ERROR_CODE.notFound, 'route not found'), 404));

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Method, path and status only: bodies and query strings can carry names and document numbers.
    const path = new URL(c.req.url).pathname.replace(/\/idv\/web\/[0-9a-f]+$/, '/idv/web/:token');
    engine.log(
      `kryptogo ${c.req.method} ${path} ${c.res.status} ${Math.round(performance.now() - started)}ms`,
    );
  });

  // The end user's verification page: reached from a browser, so it carries no API key, only its secret token.
  app.get(WEB_FLOW_PATH, (c) => {
    engine.catchUp();
    const task = findIdvByWebToken(engine, c.req.param('token'));
    if (!task)
      return c.html(page('Verification link not found', 'This link is unknown or has expired.'), 404);
    if (task.uploadedAt === null) {
      completeUserUpload(engine, task, c.req.query('scenario') ?? null);
      engine.commitCallbacks();
    }
    if (task.successUrl) return c.redirect(task.successUrl, 302);
    return c.html(
      page('Verification submitted', 'Thank you. Your documents were received and are being checked.'),
    );
  });

  app.use('*', bodyLimit({ maxSize: IDV_UPLOAD_MAX_BODY, onError: tooLarge }));
  app.use('*', async (c, next) => {
    if (c.req.method === 'POST' && new URL(c.req.url).pathname !== KRYPTOGO_ROUTES.idvCreate) {
      return bodyLimit({ maxSize: DEFAULT_MAX_BODY, onError: tooLarge })(c, next);
    }
    return next();
  });
  app.use('*', requireApiKey(engine));
  app.use('*', injectFaults(engine));
  app.use('*', async (_c, next) => {
    engine.catchUp();
    await next();
    engine.commitCallbacks();
    // Callbacks go out after the response, as from a real provider; `advance` is how tests wait for them.
    void engine.callbacks.flushDue();
  });

  app.route(CONTROL_PREFIX, createControlApp(engine));
  app.route(CONTROL_PREFIX, createConsoleApp(engine));

  const owner = (c: { get: (key: 'owner') => Owner }) => c.get('owner');

  return app
    .post(KRYPTOGO_ROUTES.kyaCreate, async (c) => {
      const body = await parseJsonBody(c.req.raw, KyaCreateBody);
      return c.json(kyaView(createKyaTask(engine, owner(c), body)), 200);
    })
    .get(KRYPTOGO_ROUTES.kyaInfo, (c) => {
      const query = parseWith(KyaInfoQuery, c.req.query(), ERROR_CODE.invalidQuery);
      return c.json(kyaInfo(engine, query), 200);
    })
    .get(KRYPTOGO_ROUTES.kyaDetail, (c) => {
      const task = ownedKyaTask(engine, owner(c), parseIdParam(c.req.param('kyaId')));
      return c.json(kyaView(task), 200);
    })
    .post(KRYPTOGO_ROUTES.ddCreate, async (c) => {
      const body = await parseJsonBody(c.req.raw, DdCreateBody);
      return c.json(createDdTasks(engine, owner(c), body).map(ddSummary), 200);
    })
    .get(KRYPTOGO_ROUTES.ddHistory, (c) => {
      const query = parseWith(DdHistoryQuery, c.req.query(), ERROR_CODE.invalidQuery);
      return c.json(ddHistory(engine, owner(c), query), 200);
    })
    .get(KRYPTOGO_ROUTES.ddSummary, (c) => {
      const task = ownedDdTask(engine, owner(c), parseIdParam(c.req.param('taskId')));
      return c.json(ddSummary(task), 200);
    })
    .get(KRYPTOGO_ROUTES.ddDetails, (c) => {
      const task = ownedDdTask(engine, owner(c), parseIdParam(c.req.param('taskId')));
      return c.json(ddDetails(task), 200);
    })
    .post(KRYPTOGO_ROUTES.ddAccepted, async (c) => {
      const task = ownedDdTask(engine, owner(c), parseIdParam(c.req.param('taskId')));
      const body = await parseJsonBody(c.req.raw, DdAcceptedBody);
      return c.json(setAccepted(engine, owner(c), task, body), 200);
    })
    .post(KRYPTOGO_ROUTES.ddMetadata, async (c) => {
      const task = ownedDdTask(engine, owner(c), parseIdParam(c.req.param('taskId')));
      const body = await parseJsonBody(c.req.raw, DdMetadataBody);
      return c.json(appendMetadata(engine, task, body), 200);
    })
    .post(KRYPTOGO_ROUTES.idvCreate, async (c) => {
      const body = await parseJsonBody(c.req.raw, IdvUploadBody);
      const task = createIdvByUpload(engine, owner(c), body);
      return c.json({ idv_task_id: task.id, timestamp: task.createdAt }, 200);
    })
    .post(KRYPTOGO_ROUTES.idvWebInit, async (c) => {
      const body = await parseJsonBody(c.req.raw, IdvWebInitBody);
      return c.json(initWebIdv(engine, owner(c), body, new URL(c.req.url).origin), 200);
    })
    .post(KRYPTOGO_ROUTES.idvMobileInit, async (c) => {
      const body = await parseJsonBody(c.req.raw, IdvMobileInitBody);
      return c.json(initMobileIdv(engine, owner(c), body, engine.sdkTokenSecret), 200);
    })
    .get(KRYPTOGO_ROUTES.idvDetail, (c) => {
      const task = ownedIdvTask(engine, owner(c), parseIdParam(c.req.param('idvId')));
      return c.json(idvDetail(engine, task), 200);
    });
}

function requireApiKey(engine: KryptogoSandboxEngine): MiddlewareHandler<KryptogoEnv> {
  return async (c, next) => {
    const key = c.req.header(engine.apiKeyHeader);
    if (!key) return c.json(errorBody(ERROR_CODE.unauthorized, 'missing API key'), 401);
    const owner = engine.state.owners.get(key);
    if (!owner) return c.json(errorBody(ERROR_CODE.unauthorized, 'invalid API key'), 401);
    c.set('owner', owner);
    await next();
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Applies injected faults to provider routes; control routes are never affected. */
function injectFaults(engine: KryptogoSandboxEngine): MiddlewareHandler<KryptogoEnv> {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith(CONTROL_PREFIX)) return next();
    const fault = engine.faults.takeRequestFault(c.req.method, path);
    if (!fault) return next();
    if (fault.kind === 'latency') {
      await sleep(fault.latency_ms);
      return next();
    }
    if (fault.phase === 'after') {
      await next();
      const original = c.res;
      c.res = undefined;
      c.res = await faultResponse(c.env, fault, original);
      return;
    }
    return faultResponse(c.env, fault, null);
  };
}

async function faultResponse(
  env: HttpBindings | undefined,
  fault: Fault,
  original: Response | null,
): Promise<Response> {
  switch (fault.kind) {
    case 'server_error':
      return Response.json(errorBody(ERROR_CODE.unavailable, 'upstream error'), { status: fault.status });
    case 'rate_limit':
      return Response.json(errorBody(ERROR_CODE.rateLimited, 'too many requests'), {
        status: 429,
        headers: { 'retry-after': String(fault.retry_after_seconds) },
      });
    case 'malformed_json': {
      const text = original ? await original.text() : '{"code":0,"task_id":12,"progress":';
      const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      return new Response(cut, {
        status: original?.status ?? 200,
        headers: { 'content-type': 'application/json' },
      });
    }
    default:
      // drop_connection: the socket is closed without any response.
      env?.incoming.socket.destroy();
      return new Response(null, { status: 500 });
  }
}

function page(title: string, message: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${message}</p><p>KryptoGO Compliance sandbox</p></body></html>`;
}
