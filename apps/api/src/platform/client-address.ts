import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

/**
 * Where a request comes from, for the whole app: audit rows, sign-in throttles, ingress throttles.
 *
 * Without trusted proxies this is the socket's address and `X-Forwarded-For` is ignored (any client can
 * write that header). With trusted proxies (addresses, CIDRs or proxy-addr's names such as `loopback`)
 * the header is read from the right, through trusted hops only: the first address that is not a trusted
 * proxy is the client. Addresses a client put further left are never reached.
 */
export type TrustProxy = (address: string, hop: number) => boolean;

/** Compiles the TRUSTED_PROXIES list; throws a TypeError on an entry that is not an address or range. */
export function compileTrustedProxies(entries: readonly string[]): TrustProxy {
  return proxyaddr.compile([...entries]);
}

const CLIENT_ADDRESS = 'clientAddress';

/** Resolves the client address once per request; mounted first in app.ts so every later layer sees it. */
export function clientAddressMiddleware(trust: TrustProxy | null): MiddlewareHandler {
  return async (c, next) => {
    c.set(CLIENT_ADDRESS, resolveClientAddress(c, trust));
    await next();
  };
}

/** The client's address (IPv4-mapped IPv6 written as IPv4), or null when the socket is unknown. */
export function clientAddress(c: Context): string | null {
  const resolved: string | null | undefined = c.get(CLIENT_ADDRESS);
  // Outside the app (a bare Hono app in a unit test) nothing resolved it: the socket, never the header.
  return resolved === undefined ? resolveClientAddress(c, null) : resolved;
}

/**
 * The key a throttle should count a client under: IPv4 addresses as they are, IPv6 per /64, since one
 * subscriber usually gets a whole /64 and could otherwise rotate through 2^64 addresses.
 */
export function clientBucket(c: Context): string {
  return addressBucket(clientAddress(c));
}

export function addressBucket(address: string | null): string {
  if (address === null || !ipaddr.isValid(address)) return 'unknown';
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`);
  return `${prefix.toString()}/64`;
}

/** True when the socket peer is a trusted proxy (so its `X-Forwarded-*` headers may be believed). */
export function peerIsTrustedProxy(c: Context, trust: TrustProxy | null): boolean {
  const socket = socketAddress(c);
  return trust !== null && socket !== null && trust(socket, 0);
}

function resolveClientAddress(c: Context, trust: TrustProxy | null): string | null {
  const socket = socketAddress(c);
  if (socket === null) return null;
  if (trust === null) return normalise(socket);
  const forwardedFor = c.req.header('x-forwarded-for') ?? '';
  // proxy-addr reads only these two fields of a Node request.
  const request = { socket: { remoteAddress: socket }, headers: { 'x-forwarded-for': forwardedFor } };
  const client = proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], trust);
  // A trusted proxy that passed on a malformed header: count the request under the proxy's own
  // address rather than under a string the client chose.
  return ipaddr.isValid(client) ? normalise(client) : normalise(socket);
}

function socketAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

function normalise(address: string): string {
  return ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
}
