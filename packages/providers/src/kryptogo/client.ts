import type { z } from 'zod';
import { providerCalls } from '../client-base';
import { type CircuitBreaker, ProviderError, requestJson } from '../http';
import { KRYPTOGO_API_KEY_HEADER, KRYPTOGO_PATHS } from './assumptions';
import {
  KryptogoAcceptedRequest,
  KryptogoAcceptedResponse,
  KryptogoCodeResponse,
  type KryptogoDdCreateItem,
  KryptogoDdCreateRequest,
  KryptogoDdCreateResponse,
  KryptogoDdDetails,
  KryptogoDdSummary,
  KryptogoHistoryResponse,
  KryptogoIdvCreateRequest,
  KryptogoIdvCreateResponse,
  KryptogoIdvDetail,
  KryptogoKyaCreateRequest,
  KryptogoKyaInfo,
  KryptogoKyaTask,
  KryptogoMetadataRequest,
  KryptogoMobileIdvInitRequest,
  KryptogoMobileIdvInitResponse,
  KryptogoWebIdvInitRequest,
  KryptogoWebIdvInitResponse,
} from './schemas';

export const KRYPTOGO_PROVIDER = 'kryptogo';

export interface KryptogoClientOptions {
  /** Configurable: KryptoGO does not publish the Compliance API base URL (§2.1). */
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Defaults to `KRYPTOGO_API_KEY_HEADER`. */
  apiKeyHeader?: string;
  breaker?: CircuitBreaker;
  now?: () => number;
}

export interface KryptogoHistoryParams {
  pageSize: number;
  /** 1-based. */
  pageNumber: number;
  customerReference?: string;
}

export type KryptogoClient = ReturnType<typeof createKryptogoClient>;

/**
 * Typed KryptoGO Compliance client. Like every provider client it does not retry (the outbox does,
 * after re-reading state); failures are `ProviderError`, answers are parsed with zod.
 */
export function createKryptogoClient(options: KryptogoClientOptions) {
  const { breaker, call } = providerCalls(KRYPTOGO_PROVIDER, options, {
    [options.apiKeyHeader ?? KRYPTOGO_API_KEY_HEADER]: options.apiKey,
  });
  const getJson = <Schema extends z.ZodType>(operation: string, path: string, schema: Schema) =>
    requestJson({ ...call(operation, path), schema });
  const postJson = <Schema extends z.ZodType>(
    operation: string,
    path: string,
    body: unknown,
    schema: Schema,
  ) => requestJson({ ...call(operation, path, { method: 'POST', json: body }), schema });

  return {
    breaker,

    /** D3: one task per item, answered with their summaries in the same order. */
    async createDdTasks(items: readonly KryptogoDdCreateItem[]): Promise<KryptogoDdSummary[]> {
      const payload = KryptogoDdCreateRequest.parse(items);
      return postJson('createDdTasks', KRYPTOGO_PATHS.ddCreate, payload, KryptogoDdCreateResponse);
    },

    /** D1. */
    async getDdSummary(taskId: number): Promise<KryptogoDdSummary> {
      return getJson('getDdSummary', KRYPTOGO_PATHS.ddSummary(taskId), KryptogoDdSummary);
    },

    /** D2. */
    async getDdDetails(taskId: number): Promise<KryptogoDdDetails> {
      return getJson('getDdDetails', KRYPTOGO_PATHS.ddDetails(taskId), KryptogoDdDetails);
    },

    /**
     * D4. A task already accepted or rejected answers 409 (`isKryptogoAlreadyAudited`); check
     * `ddAcceptedOutcome` against fresh details first.
     */
    async setAccepted(taskId: number, body: KryptogoAcceptedRequest): Promise<KryptogoAcceptedResponse> {
      const payload = KryptogoAcceptedRequest.parse(body);
      return postJson('setAccepted', KRYPTOGO_PATHS.ddAccepted(taskId), payload, KryptogoAcceptedResponse);
    },

    /** D5: entries are appended, never replaced. */
    async setMetadata(taskId: number, entries: KryptogoMetadataRequest): Promise<void> {
      const payload = KryptogoMetadataRequest.parse(entries);
      const answer = await postJson(
        'setMetadata',
        KRYPTOGO_PATHS.ddMetadata(taskId),
        payload,
        KryptogoCodeResponse,
      );
      if (answer.code !== 0) {
        throw new ProviderError({
          provider: KRYPTOGO_PROVIDER,
          operation: 'setMetadata',
          kind: 'invalid_response',
          retryable: false,
          detail: `code ${answer.code}`,
        });
      }
    },

    /** D6: newest first; a page past the end is empty. */
    async getHistory(params: KryptogoHistoryParams): Promise<KryptogoHistoryResponse> {
      const query = new URLSearchParams({
        page_size: String(params.pageSize),
        page_number: String(params.pageNumber),
      });
      if (params.customerReference !== undefined) query.set('customer_reference', params.customerReference);
      return getJson('getHistory', `${KRYPTOGO_PATHS.ddHistory}?${query}`, KryptogoHistoryResponse);
    },

    /** K2: the result comes back synchronously. */
    async createKya(body: KryptogoKyaCreateRequest): Promise<KryptogoKyaTask> {
      const payload = KryptogoKyaCreateRequest.parse(body);
      return postJson('createKya', KRYPTOGO_PATHS.kyaCreate, payload, KryptogoKyaTask);
    },

    /** K1. */
    async getKya(kyaId: number): Promise<KryptogoKyaTask> {
      return getJson('getKya', KRYPTOGO_PATHS.kyaDetail(kyaId), KryptogoKyaTask);
    },

    /** K3. */
    async getKyaInfo(params: { address: string; chain?: string }): Promise<KryptogoKyaInfo> {
      const query = new URLSearchParams({ address: params.address });
      if (params.chain !== undefined) query.set('chain', params.chain);
      return getJson('getKyaInfo', `${KRYPTOGO_PATHS.kyaInfo}?${query}`, KryptogoKyaInfo);
    },

    /** I2: the result arrives later (callback or `getIdv`). */
    async createIdv(body: KryptogoIdvCreateRequest): Promise<KryptogoIdvCreateResponse> {
      const payload = KryptogoIdvCreateRequest.parse(body);
      return postJson('createIdv', KRYPTOGO_PATHS.idvCreate, payload, KryptogoIdvCreateResponse);
    },

    /** I1. */
    async getIdv(idvId: number): Promise<KryptogoIdvDetail> {
      return getJson('getIdv', KRYPTOGO_PATHS.idvDetail(idvId), KryptogoIdvDetail);
    },

    /** I3: `verificationUrl` is the page to send the user to. */
    async initWebIdv(body: KryptogoWebIdvInitRequest): Promise<KryptogoWebIdvInitResponse> {
      const payload = KryptogoWebIdvInitRequest.parse(body);
      return postJson('initWebIdv', KRYPTOGO_PATHS.idvWebInit, payload, KryptogoWebIdvInitResponse);
    },

    /** I4: `sdk_token` starts the Jumio mobile SDK. */
    async initMobileIdv(body: KryptogoMobileIdvInitRequest): Promise<KryptogoMobileIdvInitResponse> {
      const payload = KryptogoMobileIdvInitRequest.parse(body);
      return postJson('initMobileIdv', KRYPTOGO_PATHS.idvMobileInit, payload, KryptogoMobileIdvInitResponse);
    },
  };
}

/** D4's documented 409: the task was already accepted or rejected. */
export function isKryptogoAlreadyAudited(error: unknown): boolean {
  return error instanceof ProviderError && error.provider === KRYPTOGO_PROVIDER && error.status === 409;
}
