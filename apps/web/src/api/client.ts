import { ApiError } from '@backoffice/contracts';
import type { WebErrorCode } from './errorMessages';

/**
 * The structural slice of a zod schema this client relies on. Typing it structurally keeps zod an
 * implementation detail of `@backoffice/contracts` instead of a direct dependency of the web app.
 */
export interface ResponseSchema<T> {
  safeParse(data: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> };
      };
}

/** Schema for endpoints that answer 204 without a body. */
export const NoContent: ResponseSchema<void> = {
  safeParse: () => ({ success: true, data: undefined }),
};

/** Request ids we could not obtain from the server are shown as this, never invented. */
export const UNKNOWN_REQUEST_ID = 'unavailable';

/** The server's `ApiError`, or one built from what the browser observed (its code is then a client one). */
export type ObservedApiError = Omit<ApiError, 'code'> & { code: WebErrorCode };

/**
 * Every failed API call surfaces as this error, carrying the server's `ApiError` body (or one built
 * from what we observed when the server could not send one) so screens can show message + request id.
 */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly apiError: ObservedApiError;

  constructor(status: number, apiError: ObservedApiError) {
    super(apiError.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.apiError = apiError;
  }

  /** Screens switch on the code, never on the message text. */
  hasCode(code: WebErrorCode): boolean {
    return this.apiError.code === code;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** 4xx answers are decisions by the server; repeating the same request cannot change them. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }

  /**
   * The request may or may not have reached the server (connection lost, gateway timeout): repeating
   * it must carry the same idempotency key so it cannot take effect twice.
   */
  get outcomeUnknown(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}

function requestIdOf(response: Response): string {
  return response.headers.get('x-request-id') ?? UNKNOWN_REQUEST_ID;
}

async function errorFromResponse(response: Response): Promise<ApiRequestError> {
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // A proxy or crashed server may answer with HTML or plain text; described below instead.
  }
  const parsed = ApiError.safeParse(body);
  if (parsed.success) return new ApiRequestError(response.status, parsed.data);
  // An error body of a code this build does not know yet (a newer server) still has a message to show.
  const { message, requestId } = (body ?? {}) as { message?: unknown; requestId?: unknown };
  return new ApiRequestError(response.status, {
    code: 'unreadable_error',
    message:
      typeof message === 'string' && message
        ? message
        : `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''} without an error description.`,
    requestId: typeof requestId === 'string' && requestId ? requestId : requestIdOf(response),
  });
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `If-Match` and `Idempotency-Key` on reviewer actions. */
  headers?: Record<string, string>;
}

/** The options of a write the server applies once however often it is retried: its body and its idempotency key. */
export function idempotentWrite(
  method: 'POST' | 'PUT' | 'PATCH',
  body: unknown,
  idempotencyKey: string,
): RequestOptions {
  return { method, body, headers: { 'idempotency-key': idempotencyKey } };
}

export async function apiRequest<T>(
  path: string,
  schema: ResponseSchema<T>,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError(0, {
      code: 'network_error',
      message: 'The server could not be reached. Check your connection; the request will be retried.',
      requestId: UNKNOWN_REQUEST_ID,
    });
  }

  if (!response.ok) throw await errorFromResponse(response);
  if (response.status === 204) return undefined as T;

  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ApiRequestError(response.status, {
      code: 'invalid_response',
      message: 'The server sent a response that is not valid JSON.',
      requestId: requestIdOf(response),
    });
  }

  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // A contract mismatch between web and API is a bug; say exactly where so it can be reported.
    const issues = parsed.error.issues.slice(0, 5).map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    }));
    throw new ApiRequestError(response.status, {
      code: 'invalid_response',
      message: `The server's response did not match the expected format (${issues
        .map((issue) => `${issue.path}: ${issue.message}`)
        .join('; ')}).`,
      requestId: requestIdOf(response),
      issues,
    });
  }
  return parsed.data;
}

/** Builds `path?key=value…` leaving out empty values, so URLs stay short and cache keys stable. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
