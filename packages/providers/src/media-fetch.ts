import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { DEFAULT_TIMEOUT_MS, ProviderError } from './http';

/*
 * Fetches a URL that came out of a provider payload (presigned document and selfie images). Such a URL is
 * input, not configuration: a forged or compromised payload could point it at the cloud metadata service,
 * the LAN, or this server's own loopback ports. The rule:
 *
 * 1. Only http(s), and only hosts on the allowlist (`host` = that host on the scheme's default port,
 *    `host:port` = exactly that port). Every redirect hop is checked again, at most `maxRedirects` of them,
 *    and https never downgrades to http.
 * 2. An allowlisted *name* must resolve only to public unicast addresses (no loopback, private, link-local,
 *    CGNAT, multicast, reserved...). The check runs inside the connection's own DNS lookup, so the address
 *    that was checked is the one connected to (no rebinding between check and connect).
 * 3. An allowlisted *IP literal* (e.g. `127.0.0.1:4010` for the sandbox) is taken as the operator's explicit
 *    choice and is connected to whatever its range. Naming `localhost` does not count: a name is rule 2.
 * 4. The body is streamed and cut at `maxBytes`; the deadline covers connect, redirects and body.
 */

export type MediaRefusal =
  | 'not_http'
  | 'host_not_allowed'
  | 'address_not_public'
  | 'too_many_redirects'
  | 'too_large'
  | 'content_type';

/** A media URL or answer this server will not fetch or pass on; never retried. */
export class MediaFetchRefused extends ProviderError {
  constructor(
    provider: string,
    operation: string,
    readonly refusal: MediaRefusal,
    detail: string,
  ) {
    super({ provider, operation, kind: 'invalid_response', retryable: false, detail });
  }
}

export interface MediaFetchPolicy {
  /** `host` or `host:port` entries; IPv6 literals in brackets (`[::1]:8080`). */
  allowedHosts: readonly string[];
  maxBytes: number;
  acceptedContentTypes: readonly string[];
  maxRedirects?: number;
  timeoutMs?: number;
  /** DNS resolution, for tests; defaults to the system resolver. */
  lookup?: (hostname: string) => Promise<LookupAddress[]>;
}

export interface FetchedMedia {
  bytes: Uint8Array;
  contentType: string;
}

export const DEFAULT_MEDIA_MAX_REDIRECTS = 3;

interface HostEntry {
  hostname: string;
  port: string | null;
}

/** Parses allowlist entries; throws on an entry that is not a host or host:port (a configuration error). */
export function parseAllowedHosts(entries: readonly string[]): HostEntry[] {
  return entries.map((entry) => {
    const trimmed = entry.trim();
    let url: URL;
    try {
      url = new URL(`http://${trimmed}`);
    } catch {
      throw new TypeError(`media host "${entry}" is not a host or host:port`);
    }
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash || !url.hostname) {
      throw new TypeError(`media host "${entry}" is not a host or host:port`);
    }
    const explicitPort = /:(\d+)$/.exec(trimmed)?.[1] ?? null;
    return {
      hostname: bareHostname(url.hostname),
      port: explicitPort === null ? null : String(Number(explicitPort)),
    };
  });
}

/** The `host[:port]` allowlist entry for a base URL (its port only when it is not the scheme's default). */
export function allowedHostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

function bareHostname(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

function isAllowed(url: URL, entries: readonly HostEntry[]): boolean {
  const hostname = bareHostname(url.hostname);
  const port = url.port || defaultPort(url.protocol);
  return entries.some(
    (entry) => entry.hostname === hostname && (entry.port === null ? url.port === '' : entry.port === port),
  );
}

/** True for addresses a payload-supplied URL may reach: global unicast only (ipaddr.js range names). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns an IPv4-mapped IPv6 address (::ffff:10.0.0.1) into the IPv4 address it carries.
  return ipaddr.process(address).range() === 'unicast';
}

/**
 * Downloads one payload-supplied media URL under the policy above. Refusals are MediaFetchRefused;
 * transport failures and non-2xx answers are ProviderError (timeout, network, server, client).
 */
export async function fetchPayloadMedia(
  rawUrl: string,
  policy: MediaFetchPolicy,
  context: { provider: string; operation: string },
): Promise<FetchedMedia> {
  const refuse = (refusal: MediaRefusal, detail: string) =>
    new MediaFetchRefused(context.provider, context.operation, refusal, detail);
  const entries = parseAllowedHosts(policy.allowedHosts);
  const maxRedirects = policy.maxRedirects ?? DEFAULT_MEDIA_MAX_REDIRECTS;
  const signal = AbortSignal.timeout(policy.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const run: MediaFetchRun = {
    policy,
    signal,
    context,
    refuse,
    transportError: (cause) =>
      new ProviderError({ ...context, kind: signal.aborted ? 'timeout' : 'network', retryable: true, cause }),
  };

  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw refuse('not_http', 'media URL is not absolute');
  }
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw refuse('not_http', 'media URL is not http(s)');
    // Host names only, never the path or query: a presigned query is a credential.
    if (!isAllowed(url, entries)) throw refuse('host_not_allowed', `media host ${url.host} is not allowed`);
    const literal = ipaddr.isValid(bareHostname(url.hostname));

    const response = await open(url, literal, run);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location !== undefined) {
      response.destroy();
      if (hop >= maxRedirects) throw refuse('too_many_redirects', `more than ${maxRedirects} redirects`);
      let next: URL;
      try {
        next = new URL(response.headers.location, url);
      } catch {
        throw refuse('not_http', 'redirect target is not a URL');
      }
      if (url.protocol === 'https:' && next.protocol !== 'https:') {
        throw refuse('not_http', 'redirect from https to another scheme');
      }
      url = next;
      continue;
    }
    return readMedia(response, status, run);
  }
}

/** One call of `fetchPayloadMedia`: its policy and deadline, and how it names its failures. */
interface MediaFetchRun {
  policy: MediaFetchPolicy;
  signal: AbortSignal;
  context: { provider: string; operation: string };
  refuse(refusal: MediaRefusal, detail: string): MediaFetchRefused;
  /** A transport failure: a timeout once the deadline passed, else a network error; both retryable. */
  transportError(cause: unknown): ProviderError;
}

function open(
  url: URL,
  literal: boolean,
  { policy, signal, refuse, transportError }: MediaFetchRun,
): Promise<IncomingMessage> {
  const resolve = policy.lookup ?? systemLookup;
  // Called by the socket itself; Node skips it for IP literals, which rule 3 admits as configured.
  const checkedLookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses.length === 0 || addresses.some((entry) => !isPublicAddress(entry.address));
        if (refused) {
          const refusal = refuse(
            'address_not_public',
            `media host ${url.host} resolves to a non-public address`,
          );
          callback(refusal as NodeJS.ErrnoException, '', 4);
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]?.address ?? '', addresses[0]?.family ?? 4);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
  return new Promise((resolvePromise, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(url, {
      method: 'GET',
      headers: { accept: policy.acceptedContentTypes.join(', ') },
      signal,
      ...(literal ? {} : { lookup: checkedLookup }),
    });
    outgoing.on('response', resolvePromise);
    outgoing.on('error', (error) =>
      reject(error instanceof MediaFetchRefused ? error : transportError(error)),
    );
    outgoing.end();
  });
}

async function readMedia(
  response: IncomingMessage,
  status: number,
  { policy, context, refuse, transportError }: MediaFetchRun,
): Promise<FetchedMedia> {
  if (status < 200 || status >= 300) {
    response.destroy();
    const retryable = status >= 500 || status === 429 || status === 408;
    throw new ProviderError({
      ...context,
      kind: status === 429 ? 'rate_limited' : status >= 500 ? 'server' : 'client',
      retryable,
      status,
    });
  }
  const contentType = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!policy.acceptedContentTypes.includes(contentType)) {
    response.destroy();
    throw refuse('content_type', `unexpected content type ${contentType || '(none)'}`);
  }
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > policy.maxBytes) {
    response.destroy();
    throw refuse('too_large', 'media larger than allowed');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > policy.maxBytes) {
        response.destroy();
        throw refuse('too_large', 'media larger than allowed');
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw error instanceof MediaFetchRefused ? error : transportError(error);
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks)), contentType };
}

function systemLookup(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) reject(error);
      else resolve(addresses);
    });
  });
}
