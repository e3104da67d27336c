import { z } from 'zod';
import { ApiError } from '../error';
import type { RouteName } from '../routes';

/**
 * The building blocks of a route's OpenAPI definition (docs/architecture.md, "Routes"): its answers, the
 * params and headers several routes share, and the common request/answer shapes. The API turns each
 * definition into a `createRoute` block; nothing here depends on the server.
 */

/** One documented answer: its description and, where it has a body, the body's media types. */
export interface AnswerDoc {
  description: string;
  content?: Record<string, { schema: unknown }>;
}

/**
 * What an API route's OpenAPI definition says besides its method and path (its `ROUTES` entry): the tag
 * it is listed under, a summary, its request schemas and its answers. Provider ingress routes
 * (`/webhooks`, `/ditto`) are described beside their handlers instead, in their provider's folder.
 */
export interface RouteDocs {
  tag: string;
  summary: string;
  description?: string;
  request?: {
    params?: unknown;
    query?: unknown;
    headers?: unknown;
    body?: { content: Record<string, { schema: unknown }>; required?: boolean; description?: string };
  };
  responses: Record<number, AnswerDoc>;
}

/** Definitions of some `/api` routes, by their `ROUTES` names (a misspelt name does not compile). */
export type AreaRouteDocs = { [K in RouteName]?: RouteDocs };

/** The answers a route's docs list besides its success, keyed by status. */
type Refusals = Record<number, AnswerDoc>;

const ApiErrorSchema = ApiError.meta({ id: 'ApiError' });

const errorContent = { 'application/json': { schema: ApiErrorSchema } };

/** An answer with the ApiError body, for a status or a reason the shared `errorResponses` do not word. */
export const errorResponse = <const D extends string>(description: D) => ({
  description,
  content: errorContent,
});

export const errorResponses = {
  400: errorResponse('Invalid request'),
  401: errorResponse('Not signed in, or the credentials are wrong'),
  403: errorResponse('The role does not allow this'),
  404: errorResponse('Not found'),
  409: errorResponse('Conflict with the current state'),
  422: errorResponse('Cannot be processed'),
  429: errorResponse('Too many requests'),
} as const;

/** The shared error answers of the given statuses, for a route that can only be refused in those ways. */
export const refusals = <const S extends keyof typeof errorResponses>(...statuses: S[]) =>
  Object.fromEntries(statuses.map((status) => [status, errorResponses[status]])) as Pick<
    typeof errorResponses,
    S
  >;

export const jsonContent = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body with its schema. */
export const jsonBody = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

const providerDown = errorResponse('Didit answered badly or not at all; the message says which');

/**
 * The answers of a route that calls Didit live while a manager or admin waits (workflows, lists): 502 when
 * Didit answered badly, 503 when it did not answer (the API's `diditUnavailable`).
 */
export const diditDownResponses = { 502: providerDown, 503: providerDown };

/** The failures of a live Didit call about one item: a request it refuses, an item Didit has not, 502/503. */
export const diditItemResponses = {
  400: errorResponses[400],
  404: errorResponses[404],
  ...diditDownResponses,
};

/** The `:id` of a route whose resource has a positive integer id. */
export const IdParam = z.object({ id: z.coerce.number().int().positive() });

/** An If-Match value: a case version (the API answers 428 where it is required and missing). */
export const IfMatchValue = z.string().max(40).optional();

/** An Idempotency-Key value (the API answers 400 where it is required and missing). */
export const IdempotencyKeyValue = z.string().max(200).optional();

/** The optional If-Match header. */
export const IfMatchHeader = z.object({ 'if-match': IfMatchValue });

/** The optional Idempotency-Key header. */
const IdempotencyKeyHeader = z.object({ 'idempotency-key': IdempotencyKeyValue });

/**
 * The docs of a route whose only input is its path params, refused only in the ways `refused` lists:
 * `ok` (200), or one of those.
 */
export const pathRead = <const P, const R extends AnswerDoc, const F extends Refusals>(
  params: P,
  ok: R,
  refused: F,
) => ({ request: { params }, responses: { 200: ok, ...refused } });

/** The docs of a route whose only input is its path params: `ok` (200), or any of the refusals. */
export const pathOnly = <const P, const R extends AnswerDoc>(params: P, ok: R) =>
  pathRead(params, ok, errorResponses);

/** The docs of a read of the resource `params` names, narrowed by a validated query: `ok` (200) or `refused`. */
export const pathQueryRead = <const P, const Q, const R extends AnswerDoc, const F extends Refusals>(
  params: P,
  query: Q,
  ok: R,
  refused: F,
) => ({ request: { params, query }, responses: { 200: ok, ...refused } });

/** The docs of a change to the resource `params` names, with a JSON body: `ok` (200), or any of the refusals. */
export const jsonChange = <const P, const B, const R extends AnswerDoc>(params: P, body: B, ok: R) => ({
  request: { params, body: jsonBody(body) },
  responses: { 200: ok, ...errorResponses },
});

/**
 * The docs of a `jsonChange` that needs an Idempotency-Key (a replay answers the stored response):
 * `ok` (200), or any of the refusals.
 */
export const idempotentChange = <const P, const B, const R extends AnswerDoc>(params: P, body: B, ok: R) => ({
  request: { params, headers: IdempotencyKeyHeader, body: jsonBody(body) },
  responses: { 200: ok, ...errorResponses },
});

/** The docs of a create from a JSON body: `created` (201), or any of the refusals. */
export const jsonCreate = <const B, const R extends AnswerDoc>(body: B, created: R) => ({
  request: { body: jsonBody(body) },
  responses: { 201: created, ...errorResponses },
});

/**
 * The docs of a create below the resource `params` names (a case's comment), from a JSON body: `created`
 * (201), or any of the refusals.
 */
export const jsonCreateIn = <const P, const B, const R extends AnswerDoc>(
  params: P,
  body: B,
  created: R,
) => ({
  request: { params, body: jsonBody(body) },
  responses: { 201: created, ...errorResponses },
});

/**
 * The docs of a read whose query is validated: `ok` (200), or the `refused` answers (400 for a query it
 * refuses unless it names them).
 */
export const queryRead = <
  const Q,
  const R extends AnswerDoc,
  const F extends Refusals = Pick<typeof errorResponses, 400>,
>(
  query: Q,
  ok: R,
  // The default of F, which TypeScript does not relate to a default argument by itself.
  refused: F = refusals(400) as F,
) => ({ request: { query }, responses: { 200: ok, ...refused } });

/** The docs of a save whose JSON body is the whole new value: `ok` (200), or 400 for a body it refuses. */
const jsonSave = <const B, const R extends AnswerDoc>(body: B, ok: R) => ({
  request: { body: jsonBody(body) },
  responses: { 200: ok, 400: errorResponses[400] },
});

/**
 * The definitions of one settings document's GET and PUT: the GET answers the value in force (`inForce`
 * describes it); the PUT takes the whole new value as its JSON body and answers `saved`, or 400.
 */
export function settingsDocs<const T, const Saved extends AnswerDoc>(
  tag: string,
  schema: T,
  read: { summary: string; inForce: string },
  save: { summary: string; saved: Saved },
) {
  return {
    read: { tag, summary: read.summary, responses: { 200: jsonContent(schema, read.inForce) } },
    save: { tag, summary: save.summary, ...jsonSave(schema, save.saved) },
  };
}
