import { ROUTES, type RouteDefinition } from '@backoffice/contracts';
import { type DocumentedRouteName, ROUTE_DOCS } from '@backoffice/contracts/route-docs';
import { createRoute, type RouteConfig } from '@hono/zod-openapi';

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

/** The `createRoute` block of the `/api` route `N`: what `ROUTE_DOCS` defines for it, under its tag. */
type ApiRouteConfig<N extends DocumentedRouteName> = ReturnType<
  typeof mountedRoute<(typeof ROUTES)[N], '/api'>
> & { tags: string[] } & Omit<(typeof ROUTE_DOCS)[N], 'tag'>;

/**
 * The route of the API router (mounted at `/api`) that `ROUTES` and `ROUTE_DOCS` name `name`: its method and
 * path are the ones the web builds its URL from, and its schemas and answers are written once, in the
 * contracts (docs/architecture.md, "Routes").
 */
export function apiRoute<const N extends DocumentedRouteName>(
  name: N,
): ApiRouteConfig<N> & { getRoutingPath(): string } {
  const { tag, ...docs } = ROUTE_DOCS[name];
  // Typed by the caller's literal name: `createRoute` cannot check a config that is generic in `N`.
  const config = { ...mountedRoute(ROUTES[name], '/api'), tags: [tag], ...docs } as RouteConfig;
  return createRoute(config) as unknown as ApiRouteConfig<N> & { getRoutingPath(): string };
}

/** Everything a `createRoute` block says besides its method, path and tag. */
type IngressDocs = Omit<RouteConfig, 'method' | 'path' | 'tags'> & { tag: string };

/**
 * A provider's ingress route (mounted at `/webhooks`), described beside its handler in the provider's folder:
 * what it accepts is the provider's wire format, not a contract of ours with the web.
 */
export function webhookRoute<const R extends RouteDefinition, const D extends IngressDocs>(
  route: R,
  { tag, ...docs }: D,
) {
  return createRoute({ ...mountedRoute(route, '/webhooks'), tags: [tag], ...docs } as ReturnType<
    typeof mountedRoute<R, '/webhooks'>
  > & { tags: string[] } & Omit<D, 'tag'>);
}
