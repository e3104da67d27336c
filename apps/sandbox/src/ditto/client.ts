import { randomUUID } from 'node:crypto';
import { dittoDecrypt, dittoEncrypt } from './aes';
import type { DittoKycServiceApiConfig } from './config';
import { buildKycPayload, type DittoScenario } from './scenarios';

/** [assumed] values of `result` Ditto treats as success (§3.7). */
const SUCCESS_RESULTS = new Set(['true', 'success', 'ok']);

export interface PushOptions {
  scenario: DittoScenario;
  /** Overrides the config's request encryption switch for this push. */
  encrypt?: boolean;
  requesterId?: string;
  imageBytes?: number;
  seed?: number;
}

/** One push as Ditto's server would record it. Never holds the payload (PII, images). */
export interface DittoDelivery {
  id: number;
  at: string;
  scenario: DittoScenario;
  requesterId: string;
  userId: string;
  encrypted: boolean;
  httpStatus: number | null;
  success: boolean;
  referenceNumber: string | null;
  returnedUserId: string | null;
  userIdMismatch: boolean;
  statusCode: unknown;
  statusMessage: unknown;
  tokenRefreshed: boolean;
  error: string | null;
  /** The reply after decryption, parsed when it was JSON (our API's replies hold no PII). */
  reply: unknown;
}

/** Dot-path lookup, as Ditto's response locators work. */
export function locate(value: unknown, path: string): unknown {
  if (!path) return undefined;
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * Plays Ditto's IDV server: fetches a token (cached until it expires), pushes a KYC submission, refreshes the
 * token once on 401, decrypts and reads the reply through the configured locators, and logs the delivery.
 */
export class DittoKycPusher {
  private cachedToken: { value: string; expiresAt: number } | null = null;
  private nextId = 1;
  readonly deliveries: DittoDelivery[] = [];

  constructor(
    readonly config: DittoKycServiceApiConfig,
    private readonly now: () => number = Date.now,
  ) {}

  async push(options: PushOptions): Promise<DittoDelivery> {
    const requesterId = options.requesterId ?? randomUUID();
    const payload = buildKycPayload(options.scenario, {
      requesterId,
      ...(options.imageBytes ? { imageBytes: options.imageBytes } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
    const encrypted = options.encrypt ?? this.config.requestEncryption.enable;
    const delivery: DittoDelivery = {
      id: this.nextId++,
      at: new Date(this.now()).toISOString(),
      scenario: options.scenario,
      requesterId,
      userId: payload.request_info.user_id,
      encrypted,
      httpStatus: null,
      success: false,
      referenceNumber: null,
      returnedUserId: null,
      userIdMismatch: false,
      statusCode: undefined,
      statusMessage: undefined,
      tokenRefreshed: false,
      error: null,
      reply: null,
    };
    try {
      const json = JSON.stringify(payload);
      const body = encrypted ? dittoEncrypt(json, this.config.requestEncryption) : json;
      let response = await this.send(body, encrypted, false);
      if (response.status === 401 && this.config.auth.mode === 'bearer') {
        delivery.tokenRefreshed = true;
        response = await this.send(body, encrypted, true);
      }
      delivery.httpStatus = response.status;
      const text = await response.text();
      let replyText = text;
      if (response.ok && this.config.responseDecryption.enable) {
        replyText = dittoDecrypt(text, this.config.responseDecryption);
      }
      const reply = safeJson(replyText);
      delivery.reply = reply;
      const locators = this.config.responseBody;
      const result = locate(reply, locators.resultLocator);
      delivery.success = response.ok && SUCCESS_RESULTS.has(String(result).toLowerCase());
      delivery.referenceNumber = asString(locate(reply, locators.referenceNumberLocator));
      delivery.returnedUserId = asString(locate(reply, locators.userIdLocator));
      delivery.userIdMismatch = delivery.success && delivery.returnedUserId !== delivery.userId;
      delivery.statusCode = locate(reply, locators.statusCodeLocator);
      delivery.statusMessage = locate(reply, locators.statusMessageLocator);
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
    this.deliveries.push(delivery);
    return delivery;
  }

  private async send(body: string, encrypted: boolean, forceNewToken: boolean): Promise<Response> {
    const headers = new Headers();
    for (const { headerName, headerValue } of this.config.headers) headers.set(headerName, headerValue);
    // [assumed] an encrypted body is Base64 text, not JSON.
    if (encrypted) headers.set('Content-Type', 'text/plain; charset=utf-8');
    const auth = this.config.auth;
    if (auth.mode === 'basic') {
      headers.set(
        'Authorization',
        `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
      );
    } else if (auth.mode === 'bearer') {
      headers.set('Authorization', `Bearer ${await this.token(forceNewToken)}`);
    }
    return fetch(this.config.url, {
      method: this.config.method,
      headers,
      body,
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
  }

  private async token(forceNew: boolean): Promise<string> {
    if (!forceNew && this.cachedToken && this.cachedToken.expiresAt > this.now())
      return this.cachedToken.value;
    const endpoint = this.config.accessTokenEndpoint;
    if (!endpoint) throw new Error('bearer auth needs an accessTokenEndpoint');
    const headers = new Headers();
    for (const { name, value } of endpoint.headers) headers.set(name, value);
    const form = new URLSearchParams(
      endpoint.postParameters.map(({ name, value }): [string, string] => [name, value]),
    );
    const url = endpoint.method === 'GET' ? `${endpoint.url}?${form}` : endpoint.url;
    const response = await fetch(url, {
      method: endpoint.method,
      headers,
      ...(endpoint.method === 'POST' ? { body: form.toString() } : {}),
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
    const body = safeJson(await response.text());
    const token = asString(locate(body, endpoint.accessTokenLocator));
    if (!response.ok || !token) throw new Error(`token endpoint answered ${response.status}`);
    const expiresIn = Number(locate(body, endpoint.expiresInLocator)) || 300;
    // Renew a little early so a token never expires between reading the cache and the KYC call arriving.
    this.cachedToken = { value: token, expiresAt: this.now() + Math.max(0, expiresIn - 30) * 1000 };
    return token;
  }

  /** Forgets the cached token (tests use it to simulate a server restart on our side). */
  forgetToken(): void {
    this.cachedToken = null;
  }

  /** Makes the cached token unusable without telling the pusher, to exercise the refresh-on-401 path. */
  corruptCachedToken(): void {
    if (this.cachedToken) this.cachedToken = { ...this.cachedToken, value: `${this.cachedToken.value}x` };
  }
}

const asString = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
