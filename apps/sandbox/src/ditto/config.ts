/**
 * The Ditto side of the connection, shaped like the GM console's `kyc.service.api.config` (docs/providers/ditto.md §3.1)
 * so a real config value can be pasted in. Field names follow Ditto's; everything Ditto leaves undocumented
 * (token-endpoint response, AES framing, key encodings) is marked and lives in `assumptions.ts`.
 */
export type DittoKeyEncoding = 'utf8' | 'base64' | 'hex';
export type DittoCipherSpec = 'AES/CBC/PKCS5Padding' | 'AES/GCM/NoPadding';

export interface DittoAesConfig {
  enable: boolean;
  algorithm: 'AES';
  key: string;
  ivParamSpec: string;
  cipherSpec: DittoCipherSpec;
  blockSizeBytes: 16;
  /** [assumed] how `key` and `ivParamSpec` are written; Ditto's docs imply UTF-8 strings. */
  keyEncoding: DittoKeyEncoding;
}

export interface DittoAccessTokenEndpoint {
  url: string;
  headers: { name: string; value: string }[];
  method: 'GET' | 'POST';
  postParameters: { name: string; value: string }[];
  /** [assumed] the truncated part of the config: where the token is in the response. */
  accessTokenLocator: string;
  expiresInLocator: string;
}

export interface DittoKycServiceApiConfig {
  method: 'POST';
  url: string;
  headers: { headerName: string; headerValue: string }[];
  /** [assumed] how the KYC call authenticates: Ditto supports Basic or Bearer (§3.2). */
  auth: { mode: 'none' } | { mode: 'basic'; username: string; password: string } | { mode: 'bearer' };
  accessTokenEndpoint: DittoAccessTokenEndpoint | null;
  requestEncryption: DittoAesConfig;
  responseDecryption: DittoAesConfig;
  responseBody: {
    resultLocator: string;
    referenceNumberLocator: string;
    userIdLocator: string;
    statusCodeLocator: string;
    statusMessageLocator: string;
  };
  /** [assumed] §3.7 suggests 30 s. */
  timeoutMs: number;
}

export interface DittoTarget {
  kycUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** `bearer` (default) fetches a token first; `basic` sends the client credentials on every push. */
  authMode?: 'none' | 'basic' | 'bearer';
  aes?: {
    requestEnabled: boolean;
    responseEnabled: boolean;
    key: string;
    iv: string;
    keyEncoding?: DittoKeyEncoding;
    cipherSpec?: DittoCipherSpec;
  };
  timeoutMs?: number;
}

/** Builds the config Ditto's GM console would hold for our endpoints. */
export function kycServiceConfigFor(target: DittoTarget): DittoKycServiceApiConfig {
  const aes = (enable: boolean): DittoAesConfig => ({
    enable,
    algorithm: 'AES',
    key: target.aes?.key ?? '',
    ivParamSpec: target.aes?.iv ?? '',
    cipherSpec: target.aes?.cipherSpec ?? 'AES/CBC/PKCS5Padding',
    blockSizeBytes: 16,
    keyEncoding: target.aes?.keyEncoding ?? 'utf8',
  });
  const mode = target.authMode ?? 'bearer';
  return {
    method: 'POST',
    url: target.kycUrl,
    headers: [
      { headerName: 'Content-Type', headerValue: 'application/json' },
      { headerName: 'apiversion', headerValue: 'v2' },
    ],
    auth:
      mode === 'basic'
        ? { mode, username: target.clientId, password: target.clientSecret }
        : mode === 'bearer'
          ? { mode }
          : { mode: 'none' },
    accessTokenEndpoint:
      mode === 'bearer'
        ? {
            url: target.tokenUrl,
            headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
            method: 'POST',
            postParameters: [
              { name: 'grant_type', value: 'client_credentials' },
              { name: 'client_id', value: target.clientId },
              { name: 'client_secret', value: target.clientSecret },
            ],
            accessTokenLocator: 'access_token',
            expiresInLocator: 'expires_in',
          }
        : null,
    requestEncryption: aes(target.aes?.requestEnabled ?? false),
    responseDecryption: aes(target.aes?.responseEnabled ?? false),
    responseBody: {
      resultLocator: 'result',
      referenceNumberLocator: 'reference_number',
      userIdLocator: 'user_id',
      statusCodeLocator: 'status_code',
      statusMessageLocator: 'status_message',
    },
    timeoutMs: target.timeoutMs ?? 30_000,
  };
}
