import type { z } from 'zod';

/*
 * Outbound HTTP shared by every provider client: a deadline on every call, failures classified into
 * one typed error the outbox can act on (retry or stop, docs/reliability.md R12), a circuit breaker so a dead
 * provider fails fast (R25), and rate-limit headers tracked so callers can slow down before a 429.
 * No retries here: the outbox retries after re-reading provider state, which only it can do.
 */

export type ProviderErrorKind =
  | 'timeout'
  | 'network'
  | 'rate_limited'
  | 'server'
  | 'client'
  | 'invalid_response';

export interface ProviderErrorInit {
  provider: string;
  operation: string;
  kind: ProviderErrorKind;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  /** Short provider message (e.g. DRF `detail`), never a whole body. */
  detail?: string;
  /** zod issue paths of an invalid response; never the values. */
  issuePaths?: string[];
  /** True when the call was refused locally because the circuit is open. */
  circuitOpen?: boolean;
  cause?: unknown;
}

/** The message names provider, operation and HTTP status only: never URLs with query strings or bodies. */
export class ProviderError extends Error {
  override name = 'ProviderError';
  readonly provider: string;
  readonly operation: string;
  readonly kind: ProviderErrorKind;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly detail: string | undefined;
  readonly issuePaths: string[] | undefined;
  readonly circuitOpen: boolean;

  constructor(init: ProviderErrorInit) {
    const status = init.status === undefined ? '' : ` HTTP ${init.status}`;
    const detail = init.detail ? `: ${init.detail}` : '';
    const paths = init.issuePaths?.length ? ` at ${init.issuePaths.join(', ')}` : '';
    super(`${init.provider} ${init.operation} failed (${init.kind}${status})${detail}${paths}`, {
      cause: init.cause,
    });
    this.provider = init.provider;
    this.operation = init.operation;
    this.kind = init.kind;
    this.retryable = init.retryable;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.detail = init.detail;
    this.issuePaths = init.issuePaths;
    this.circuitOpen = init.circuitOpen ?? false;
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_DETAIL_LENGTH = 160;

/* --------------------------------------------------------------- circuit breaker */

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive retryable failures that open the circuit. */
  failureThreshold?: number;
  coolDownMs?: number;
  now?: () => number;
}

/**
 * Opens after N consecutive retryable failures; after the cool-down one trial call is let through
 * (half-open): success closes the circuit, failure opens it for another cool-down.
 */
export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly coolDownMs: number;
  private readonly now: () => number;
  private consecutiveFailures = 0;
  private openedAtMs: number | null = null;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.coolDownMs = options.coolDownMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.openedAtMs === null) return 'closed';
    return this.now() - this.openedAtMs >= this.coolDownMs ? 'half_open' : 'open';
  }

  /** Asks to make a call; when refused, says how long until a trial call is possible. */
  tryAcquire(): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const state = this.state;
    if (state === 'closed') return { allowed: true };
    if (state === 'half_open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return { allowed: true };
    }
    const openedAtMs = this.openedAtMs ?? this.now();
    return { allowed: false, retryAfterMs: Math.max(0, openedAtMs + this.coolDownMs - this.now()) };
  }

  /** Any answer that proves the provider alive, including a 4xx. */
  recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.openedAtMs = null;
    this.trialInFlight = false;
  }

  recordFailure(): void {
    this.consecutiveFailures++;
    if (this.trialInFlight || this.consecutiveFailures >= this.failureThreshold) this.openedAtMs = this.now();
    this.trialInFlight = false;
  }
}

/* ------------------------------------------------------------- rate-limit tracker */

export interface RateLimitSnapshot {
  limit: number;
  remaining: number;
  /** Epoch milliseconds when the window resets, when the provider says so. */
  resetAtMs: number | null;
}

/** Throttle once fewer than this share of the window is left (Didit's recommendation, §1.2). */
export const THROTTLE_BELOW_FRACTION = 0.15;

/**
 * Remembers the last `X-RateLimit-*` headers per scope (Didit counts decision, PDF, reads and writes
 * separately), so a caller can back off before the provider answers 429.
 */
export class RateLimitTracker {
  private readonly snapshots = new Map<string, RateLimitSnapshot>();

  constructor(private readonly now: () => number = Date.now) {}

  update(scope: string, headers: Headers): void {
    const limit = Number(headers.get('x-ratelimit-limit'));
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    if (!headers.has('x-ratelimit-limit') || !headers.has('x-ratelimit-remaining')) return;
    if (!Number.isFinite(limit) || !Number.isFinite(remaining) || limit <= 0) return;
    const reset = Number(headers.get('x-ratelimit-reset'));
    const resetAtMs = headers.has('x-ratelimit-reset') && Number.isFinite(reset) ? reset * 1000 : null;
    this.snapshots.set(scope, { limit, remaining, resetAtMs });
  }

  snapshot(scope: string): RateLimitSnapshot | undefined {
    return this.snapshots.get(scope);
  }

  shouldThrottle(scope: string): boolean {
    const snapshot = this.snapshots.get(scope);
    if (snapshot === undefined) return false;
    if (snapshot.resetAtMs !== null && this.now() >= snapshot.resetAtMs) return false;
    return snapshot.remaining < snapshot.limit * THROTTLE_BELOW_FRACTION;
  }
}

/* --------------------------------------------------------------------- requests */

export interface ProviderRequest {
  provider: string;
  /** Names the call in errors and logs instead of the URL, whose query may hold PII. */
  operation: string;
  url: string | URL;
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  /** Serialized as JSON. */
  json?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  breaker?: CircuitBreaker;
  rateLimits?: { tracker: RateLimitTracker; scope: string };
  /** Redirects are refused by default: a redirect would resend the API key to wherever it points. */
  followRedirects?: boolean;
  now?: () => number;
}

export interface ProviderResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/**
 * Sends one request under a deadline and returns the 2xx response with its body fully read (the
 * deadline covers the body too). Anything else becomes a ProviderError.
 */
export async function request(options: ProviderRequest): Promise<ProviderResponse> {
  const { breaker } = options;
  const fail = (init: Omit<ProviderErrorInit, 'provider' | 'operation'>): ProviderError =>
    new ProviderError({ provider: options.provider, operation: options.operation, ...init });

  if (breaker) {
    const permit = breaker.tryAcquire();
    if (!permit.allowed) {
      throw fail({ kind: 'network', retryable: true, retryAfterMs: permit.retryAfterMs, circuitOpen: true });
    }
  }

  const timeoutSignal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeoutSignal]) : timeoutSignal;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.json !== undefined) headers['content-type'] = 'application/json';

  let status: number;
  let responseHeaders: Headers;
  let body: Uint8Array;
  try {
    const response = await (options.fetch ?? fetch)(options.url, {
      method: options.method ?? 'GET',
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
      signal,
      redirect: options.followRedirects ? 'follow' : 'manual',
    });
    status = response.status;
    responseHeaders = response.headers;
    body = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    breaker?.recordFailure();
    const timedOut = timeoutSignal.aborted;
    throw fail({ kind: timedOut ? 'timeout' : 'network', retryable: true, cause: error });
  }

  if (options.rateLimits) options.rateLimits.tracker.update(options.rateLimits.scope, responseHeaders);
  if (status >= 200 && status < 300) {
    breaker?.recordSuccess();
    return { status, headers: responseHeaders, body };
  }

  const error = classifyHttpFailure(status, responseHeaders, body, (options.now ?? Date.now)());
  if (error.retryable) breaker?.recordFailure();
  else breaker?.recordSuccess();
  throw fail(error);
}

function classifyHttpFailure(
  status: number,
  headers: Headers,
  body: Uint8Array,
  nowMs: number,
): Omit<ProviderErrorInit, 'provider' | 'operation'> {
  const detail = errorDetailOf(body);
  const retryAfterMs = retryAfterMsOf(headers, nowMs);
  const common = {
    status,
    ...(detail ? { detail } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
  if (status === 429) return { kind: 'rate_limited', retryable: true, ...common };
  if (status === 408) return { kind: 'timeout', retryable: true, ...common };
  if (status >= 500) return { kind: 'server', retryable: true, ...common };
  return { kind: 'client', retryable: false, ...common };
}

/**
 * `Retry-After` in seconds or as an HTTP date; on a 429 without it, the `X-RateLimit-Reset` epoch.
 */
export function retryAfterMsOf(headers: Headers, nowMs: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const dateMs = Date.parse(retryAfter);
    if (Number.isFinite(dateMs)) return Math.max(0, dateMs - nowMs);
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - nowMs);
  return undefined;
}

/**
 * Keeps only a DRF-style `detail` string, or the names of invalid fields of a `{field: [msg]}` body:
 * provider error bodies can echo submitted values (names, document numbers).
 */
function errorDetailOf(body: Uint8Array): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { detail } = parsed as { detail?: unknown };
  if (typeof detail === 'string') return truncate(detail);
  const fields = Object.keys(parsed);
  return fields.length > 0 ? truncate(`invalid fields: ${fields.join(', ')}`) : undefined;
}

function truncate(text: string): string {
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH - 1)}…` : text;
}

/** Sends a request and parses the JSON answer with the caller's schema. */
export async function requestJson<Schema extends z.ZodType>(
  options: ProviderRequest & { schema: Schema },
): Promise<z.output<Schema>> {
  const response = await request(options);
  return parseJsonBody(options, response.body, options.schema);
}

export function parseJsonBody<Schema extends z.ZodType>(
  context: Pick<ProviderRequest, 'provider' | 'operation'>,
  body: Uint8Array,
  schema: Schema,
): z.output<Schema> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    // A truncated or non-JSON 2xx is usually a proxy or connection fault, so worth another try.
    throw new ProviderError({
      ...context,
      kind: 'invalid_response',
      retryable: true,
      detail: 'body is not JSON',
      cause: error,
    });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    // A schema mismatch will not fix itself on retry; the paths say where, never what.
    const issuePaths = [
      ...new Set(result.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)')),
    ];
    throw new ProviderError({ ...context, kind: 'invalid_response', retryable: false, issuePaths });
  }
  return result.data;
}
