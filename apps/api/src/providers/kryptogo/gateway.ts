import { createKryptogoClient, type KryptogoClient } from '@backoffice/providers/kryptogo';

/** Where KryptoGO must POST its callbacks, relative to our public base URL. */
export const KRYPTOGO_CALLBACK_PATH = '/webhooks/kryptogo';

export interface KryptogoGateway {
  client: KryptogoClient;
  /** Search setting ids (the number in the console's settings URL) used for screenings we start. */
  searchSettings: { kyc: number | null; kyb: number | null };
  /** The absolute URL KryptoGO calls back, given to every task we create. */
  callbackUrl(): string;
  /**
   * Sets the public base URL once the server knows its own address, for when none was configured
   * (port 0 in tests, or a default `http://127.0.0.1:<PORT>`). A configured PUBLIC_BASE_URL is never replaced.
   */
  adoptListeningUrl(url: string): void;
}

export function createKryptogoGateway(options: {
  baseUrl: string;
  apiKey: string;
  apiKeyHeader: string;
  timeoutMs: number;
  kycSearchSettingId: number | null;
  kybSearchSettingId: number | null;
  /** Null: take the address the server ends up listening on. */
  publicBaseUrl: string | null;
}): KryptogoGateway {
  const client = createKryptogoClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    apiKeyHeader: options.apiKeyHeader,
    timeoutMs: options.timeoutMs,
  });
  let publicBaseUrl = options.publicBaseUrl;
  return {
    client,
    searchSettings: { kyc: options.kycSearchSettingId, kyb: options.kybSearchSettingId },
    callbackUrl() {
      if (!publicBaseUrl) throw new Error('the public base URL is not known before the server listens');
      return `${publicBaseUrl.replace(/\/+$/, '')}${KRYPTOGO_CALLBACK_PATH}`;
    },
    adoptListeningUrl(url) {
      if (options.publicBaseUrl === null) publicBaseUrl = url;
    },
  };
}
