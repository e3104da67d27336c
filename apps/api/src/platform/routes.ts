import type { RouteDefinition } from '@backoffice/contracts';
import { createRoute, type RouteConfig, type z } from '@hono/zod-openapi';
import { errorResponses, IdempotencyKeyHeader, jsonBody, jsonContent, refusals } from './openapi';

/** `/cases/:id/media/:key` → `/cases/{id}/media/{key}`: the OpenAPI template of a Hono path. */
type OpenApiPath<P extends string> = P extends `${infer Head}:${infer Param}/${infer Rest}`
  ? `${Head}{${Param}}/${OpenApiPath<Rest>}`
  : P extends `${infer Head}:${infer Param}`
    ? `${Head}{${Param}}`
    : P;

type Below<P extends string, Mount extends string> = P extends `${Mount}${infer Rest}` ? Rest : never;

/**
 * The `method` and `path` of a contracts route as a router mounted at `mount` declares it in
 * `createRoute`, so the path a handler serves is the one the web builds its URL from.
 */
export function mountedRoute<const R extends RouteDefinition, Mount extends '/api' | '/webhooks' | '/ditto'>(
  route: R,
  mount: Mount,
): { method: Lowercase<R['method']>; path: OpenApiPath<Below<R['path'], Mount>> } {
  if (!route.path.startsWith(`${mount}/`)) throw new Error(`${route.path} is not under ${mount}.`);
  return {
    method: route.method.toLowerCase() as Lowercase<R['method']>,
    path: route.path.slice(mount.length).replace(/:([A-Za-z0-9_]+)/g, '{$1}') as OpenApiPath<
      Below<R['path'], Mount>
    >,
  };
}

/** A route of the API router (mounted at `/api`). */
export const apiRoute = <const R extends RouteDefinition>(route: R) => mountedRoute(route, '/api');

/** A route of the ingress router for provider webhooks and callbacks (mounted at `/webhooks`). */
export const webhookRoute = <const R extends RouteDefinition>(route: R) => mountedRoute(route, '/webhooks');

/** Everything a `createRoute` block says besides its method, path, tag and summary. */
type RouteDocs = Omit<RouteConfig, 'method' | 'path' | 'tags' | 'summary'>;

/**
 * The route definer of one router: each `createRoute` takes its method and path from the contracts'
 * `ROUTES` entry (so the path a handler serves is the one the web builds) and the router's OpenAPI tag.
 */
export function routeDefiner<const Mount extends '/api' | '/webhooks' = '/api'>(
  tag: string,
  mount: Mount = '/api' as Mount,
) {
  return <const R extends RouteDefinition, const D extends RouteDocs>(route: R, summary: string, docs: D) =>
    createRoute({ ...mountedRoute(route, mount), tags: [tag], summary, ...docs });
}

type RouteRequest = NonNullable<RouteConfig['request']>;
type RouteResponse = RouteConfig['responses'][string];
type PathParams = NonNullable<RouteRequest['params']>;
type RouteQuery = NonNullable<RouteRequest['query']>;
/** The answers a route's docs list besides its success, keyed by status. */
type Refusals = Record<number, RouteResponse>;

/**
 * The docs of a route whose only input is its path params, refused only in the ways `refused` lists:
 * `ok` (200), or one of those.
 */
export const pathRead = <const P extends PathParams, const R extends RouteResponse, const F extends Refusals>(
  params: P,
  ok: R,
  refused: F,
) => ({ request: { params }, responses: { 200: ok, ...refused } });

/** The docs of a route whose only input is its path params: `ok` (200), or any of the refusals. */
export const pathOnly = <const P extends PathParams, const R extends RouteResponse>(params: P, ok: R) =>
  pathRead(params, ok, errorResponses);

/** The docs of a read of the resource `params` names, narrowed by a validated query: `ok` (200) or `refused`. */
export const pathQueryRead = <
  const P extends PathParams,
  const Q extends RouteQuery,
  const R extends RouteResponse,
  const F extends Refusals,
>(
  params: P,
  query: Q,
  ok: R,
  refused: F,
) => ({ request: { params, query }, responses: { 200: ok, ...refused } });

/** The docs of a change to the resource `params` names, with a JSON body: `ok` (200), or any of the refusals. */
export const jsonChange = <const P extends PathParams, const B, const R extends RouteResponse>(
  params: P,
  body: B,
  ok: R,
) => ({ request: { params, body: jsonBody(body) }, responses: { 200: ok, ...errorResponses } });

/**
 * The docs of a `jsonChange` that needs an Idempotency-Key (a replay answers the stored response):
 * `ok` (200), or any of the refusals.
 */
export const idempotentChange = <const P extends PathParams, const B, const R extends RouteResponse>(
  params: P,
  body: B,
  ok: R,
) => ({
  request: { params, headers: IdempotencyKeyHeader, body: jsonBody(body) },
  responses: { 200: ok, ...errorResponses },
});

/** The docs of a create from a JSON body: `created` (201), or any of the refusals. */
export const jsonCreate = <const B, const R extends RouteResponse>(body: B, created: R) => ({
  request: { body: jsonBody(body) },
  responses: { 201: created, ...errorResponses },
});

/**
 * The docs of a create below the resource `params` names (a case's comment), from a JSON body: `created`
 * (201), or any of the refusals.
 */
export const jsonCreateIn = <const P extends PathParams, const B, const R extends RouteResponse>(
  params: P,
  body: B,
  created: R,
) => ({ request: { params, body: jsonBody(body) }, responses: { 201: created, ...errorResponses } });

/**
 * The docs of a read whose query is validated: `ok` (200), or the `refused` answers (400 for a query it
 * refuses unless it names them).
 */
export const queryRead = <
  const Q extends RouteQuery,
  const R extends RouteResponse,
  const F extends Refusals = Pick<typeof errorResponses, 400>,
>(
  query: Q,
  ok: R,
  // The default of F, which TypeScript does not relate to a default argument by itself.
  refused: F = refusals(400) as F,
) => ({ request: { query }, responses: { 200: ok, ...refused } });

/** The docs of a save whose JSON body is the whole new value: `ok` (200), or 400 for a body it refuses. */
export const jsonSave = <const B, const R extends RouteResponse>(body: B, ok: R) => ({
  request: { body: jsonBody(body) },
  responses: { 200: ok, 400: errorResponses[400] },
});

/** A route definer of the API router, as `routeDefiner(tag)` returns it. */
type ApiRouteDefiner = ReturnType<typeof routeDefiner<'/api'>>;

/**
 * The GET and PUT of one settings document: the GET answers the value in force (`inForce` describes it);
 * the PUT takes the whole new value as its JSON body and answers `saved`, or 400 for a value it refuses.
 */
export function settingsRoutes<
  const G extends RouteDefinition,
  const S extends RouteDefinition,
  const T extends z.ZodType,
  const Saved extends RouteResponse,
>(
  route: ApiRouteDefiner,
  schema: T,
  read: { route: G; summary: string; inForce: string },
  save: { route: S; summary: string; saved: Saved },
) {
  return {
    readRoute: route(read.route, read.summary, { responses: { 200: jsonContent(schema, read.inForce) } }),
    saveRoute: route(save.route, save.summary, jsonSave(schema, save.saved)),
  };
}
