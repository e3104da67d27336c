import { CircuitBreaker, DEFAULT_TIMEOUT_MS, type ProviderRequest } from './http';

/** What every provider client is configured with besides its credentials. */
export interface ProviderClientBaseOptions {
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  breaker?: CircuitBreaker;
  now?: () => number;
}

/**
 * The request builder of one provider's client: every call goes to the base URL (trailing slashes dropped)
 * with the client's credential headers, timeout, circuit breaker (a new one per client unless one is given),
 * fetch and clock; `extra` adds to or overrides any of these for one call.
 */
export function providerCalls(
  provider: string,
  options: ProviderClientBaseOptions,
  credentialHeaders: Record<string, string>,
) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const breaker = options.breaker ?? new CircuitBreaker({ ...(options.now ? { now: options.now } : {}) });
  const call = (operation: string, path: string, extra: Partial<ProviderRequest> = {}): ProviderRequest => ({
    provider,
    operation,
    url: `${baseUrl}${path}`,
    headers: { ...credentialHeaders },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    breaker,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...extra,
  });
  return { baseUrl, breaker, call };
}
