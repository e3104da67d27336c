import { vi } from 'vitest';

export interface RecordedRequest {
  url: URL;
  method: string;
  /** The request body as sent (JSON text for the SPA's writes). */
  body?: string;
}

type Handler = (url: URL, init?: RequestInit) => Response | Promise<Response>;

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/**
 * Replaces `fetch` with a router over path prefixes (longest first) and records every request, so
 * tests assert on the exact query the SPA sends. Unmatched paths fail loudly with a 599.
 */
export const SIGNED_IN_ANALYST = {
  id: 'user-analyst',
  email: 'analyst@demo.local',
  name: 'Alex Analyst',
  role: 'analyst',
  permissions: ['cases:read', 'cases:decide', 'cases:comment', 'cases:assign', 'cases:media'],
} as const;

/** Every screen sits behind the sign-in guard: unless a test says otherwise, an analyst is signed in. */
export function installFakeApi(handlers: Record<string, Handler>) {
  const requests: RecordedRequest[] = [];
  handlers = { '/api/auth/me': () => jsonResponse(SIGNED_IN_ANALYST), ...handlers };
  const prefixes = Object.keys(handlers).sort((a, b) => b.length - a.length);
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input.toString(), 'http://localhost');
    requests.push({
      url,
      method: init?.method ?? 'GET',
      ...(typeof init?.body === 'string' ? { body: init.body } : {}),
    });
    const prefix = prefixes.find((candidate) => url.pathname.startsWith(candidate));
    if (!prefix) return new Response(`no fake for ${url.pathname}`, { status: 599 });
    return handlers[prefix]!(url, init);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    requests,
    requestsTo: (pathname: string) => requests.filter((request) => request.url.pathname === pathname),
  };
}
