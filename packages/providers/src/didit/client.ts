import type { z } from 'zod';
import { providerCalls } from '../client-base';
import {
  type CircuitBreaker,
  DEFAULT_TIMEOUT_MS,
  ProviderError,
  type ProviderRequest,
  RateLimitTracker,
  request,
  requestJson,
} from '../http';
import { allowedHostOf, fetchPayloadMedia } from '../media-fetch';
import {
  type DiditList,
  DiditListEntry,
  DiditListEntryCreateRequest,
  DiditListEntryPage,
  DiditListList,
  type ListEntriesParams,
  type ListListsParams,
  listEntriesQuery,
  listListsQuery,
} from './lists';
import {
  DiditBlocklistAddRequest,
  type DiditBlocklistEntry,
  type DiditBlocklistItemType,
  DiditBlocklistList,
  DiditBlocklistRemoveRequest,
  DiditBlocklistResponse,
  DiditCreateSessionRequest,
  DiditCreateSessionResponse,
  DiditDecision,
  DiditRawReview,
  DiditReviewCreateRequest,
  DiditReviewList,
  DiditSessionList,
  DiditUpdateStatusRequest,
  DiditUpdateStatusResponse,
  DiditWebhookConfig,
  DiditWebhookConfigUpdateRequest,
  DiditWorkflow,
  DiditWorkflowList,
  DiditWorkflowUpdateRequest,
} from './schemas';

export const DIDIT_PROVIDER = 'didit';
export const DIDIT_DEFAULT_BASE_URL = 'https://verification.didit.me';
export const DIDIT_API_KEY_HEADER = 'x-api-key';
export const DIDIT_MEDIA_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const DIDIT_MEDIA_MAX_BYTES = 15 * 1024 * 1024;

/**
 * Every route with its trailing slash: a slash-less request gets a 301 whose redirect may drop the API
 * key (§1.2). Ids are path-encoded so a crafted id cannot reach another route.
 */
const seg = (id: string): string => {
  if (id.length === 0) throw new TypeError('an id path segment must not be empty');
  return encodeURIComponent(id);
};
export const DIDIT_PATHS = {
  sessions: '/v3/sessions/',
  createSession: '/v3/session/',
  decision: (sessionId: string) => `/v3/session/${seg(sessionId)}/decision/`,
  deleteSession: (sessionId: string) => `/v3/session/${seg(sessionId)}/delete/`,
  updateStatus: (sessionId: string) => `/v3/session/${seg(sessionId)}/update-status/`,
  generatePdf: (sessionId: string) => `/v3/session/${seg(sessionId)}/generate-pdf/`,
  reviews: (sessionId: string) => `/v3/sessions/${seg(sessionId)}/reviews/`,
  workflows: '/v3/workflows/',
  workflow: (workflowId: string) => `/v3/workflows/${seg(workflowId)}/`,
  blocklist: '/v3/blocklist/',
  blocklistAdd: '/v3/blocklist/add/',
  blocklistRemove: '/v3/blocklist/remove/',
  webhookConfig: '/v3/webhook/',
  lists: '/v3/lists/',
  listEntries: (listUuid: string) => `/v3/lists/${seg(listUuid)}/entries/`,
  listEntry: (listUuid: string, entryUuid: string) => `/v3/lists/${seg(listUuid)}/entries/${seg(entryUuid)}/`,
} as const;

/** Didit's rate-limit scopes (§1.2); the tracker keeps the last headers of each. */
export type DiditRateLimitScope = 'generic-get' | 'generic-write' | 'session-create' | 'decision' | 'pdf';

export interface DiditClientOptions {
  /** Origin of the API without `/v3`, e.g. https://verification.didit.me or a sandbox URL. */
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  breaker?: CircuitBreaker;
  rateLimits?: RateLimitTracker;
  now?: () => number;
  /**
   * Hosts media URLs from decisions may point to (`host` or `host:port`). Default: the API's own host,
   * which is where the sandbox serves them; live Didit serves them from its storage host, set it here.
   */
  mediaHosts?: readonly string[];
}

export interface ListSessionsParams {
  limit?: number;
  offset?: number;
  statuses?: readonly string[];
  /** ISO dates, inclusive. */
  dateFrom?: string;
  dateTo?: string;
  vendorData?: string;
  search?: string;
  workflowId?: string;
  country?: string;
  sessionKind?: 'user' | 'business' | 'all';
}

export interface DiditBinary {
  bytes: Uint8Array;
  contentType: string;
}

export type DiditClient = ReturnType<typeof createDiditClient>;

/**
 * Typed Didit v3 client. It does not retry: the outbox owns retries (docs/reliability.md R12). Every answer is
 * parsed with zod; failures are ProviderError.
 */
export function createDiditClient(options: DiditClientOptions) {
  const calls = providerCalls(DIDIT_PROVIDER, options, { [DIDIT_API_KEY_HEADER]: options.apiKey });
  const { baseUrl, breaker } = calls;
  const rateLimits = options.rateLimits ?? new RateLimitTracker(options.now);

  const call = (
    operation: string,
    scope: DiditRateLimitScope,
    path: string,
    extra: Partial<ProviderRequest> = {},
  ): ProviderRequest => calls.call(operation, path, { rateLimits: { tracker: rateLimits, scope }, ...extra });

  const getJson = <Schema extends z.ZodType>(
    operation: string,
    path: string,
    schema: Schema,
    scope: DiditRateLimitScope = 'generic-get',
  ) => requestJson({ ...call(operation, scope, path), schema });

  const sendJson = <Schema extends z.ZodType>(
    operation: string,
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    schema: Schema,
    scope: DiditRateLimitScope = 'generic-write',
  ) => requestJson({ ...call(operation, scope, path, { method, json: body }), schema });

  return {
    breaker,
    rateLimits,

    async listSessions(params: ListSessionsParams = {}): Promise<DiditSessionList> {
      return getJson('listSessions', `${DIDIT_PATHS.sessions}${listSessionsQuery(params)}`, DiditSessionList);
    },

    async getDecision(sessionId: string): Promise<DiditDecision> {
      return getJson('getDecision', DIDIT_PATHS.decision(sessionId), DiditDecision, 'decision');
    },

    async createSession(body: DiditCreateSessionRequest): Promise<DiditCreateSessionResponse> {
      const payload = DiditCreateSessionRequest.parse(body);
      return sendJson(
        'createSession',
        'POST',
        DIDIT_PATHS.createSession,
        payload,
        DiditCreateSessionResponse,
        'session-create',
      );
    },

    /** Check `updateStatusOutcome` first: Didit answers 400 to forbidden transitions. */
    async updateStatus(sessionId: string, body: DiditUpdateStatusRequest): Promise<{ session_id: string }> {
      const payload = DiditUpdateStatusRequest.parse(body);
      return sendJson(
        'updateStatus',
        'PATCH',
        DIDIT_PATHS.updateStatus(sessionId),
        payload,
        DiditUpdateStatusResponse,
      );
    },

    async deleteSession(sessionId: string): Promise<void> {
      await request(
        call('deleteSession', 'generic-write', DIDIT_PATHS.deleteSession(sessionId), { method: 'DELETE' }),
      );
    },

    async listWorkflows(): Promise<DiditWorkflow[]> {
      return getJson('listWorkflows', DIDIT_PATHS.workflows, DiditWorkflowList);
    },

    async getWorkflow(workflowId: string): Promise<DiditWorkflow> {
      return getJson('getWorkflow', DIDIT_PATHS.workflow(workflowId), DiditWorkflow);
    },

    async updateWorkflow(workflowId: string, body: DiditWorkflowUpdateRequest): Promise<DiditWorkflow> {
      const payload = DiditWorkflowUpdateRequest.parse(body);
      return sendJson('updateWorkflow', 'PATCH', DIDIT_PATHS.workflow(workflowId), payload, DiditWorkflow);
    },

    async blocklistAdd(body: DiditBlocklistAddRequest): Promise<DiditBlocklistResponse> {
      const payload = DiditBlocklistAddRequest.parse(body);
      return sendJson('blocklistAdd', 'POST', DIDIT_PATHS.blocklistAdd, payload, DiditBlocklistResponse);
    },

    async blocklistRemove(body: DiditBlocklistRemoveRequest): Promise<DiditBlocklistResponse> {
      const payload = DiditBlocklistRemoveRequest.parse(body);
      return sendJson(
        'blocklistRemove',
        'POST',
        DIDIT_PATHS.blocklistRemove,
        payload,
        DiditBlocklistResponse,
      );
    },

    async blocklistList(itemType?: DiditBlocklistItemType): Promise<DiditBlocklistEntry[]> {
      const query = itemType ? `?item_type=${encodeURIComponent(itemType)}` : '';
      return getJson('blocklistList', `${DIDIT_PATHS.blocklist}${query}`, DiditBlocklistList);
    },

    async listLists(params: ListListsParams = {}): Promise<DiditList[]> {
      return getJson('listLists', `${DIDIT_PATHS.lists}${listListsQuery(params)}`, DiditListList);
    },

    async listEntries(listUuid: string, params: ListEntriesParams = {}): Promise<DiditListEntryPage> {
      return getJson(
        'listEntries',
        `${DIDIT_PATHS.listEntries(listUuid)}${listEntriesQuery(params)}`,
        DiditListEntryPage,
      );
    },

    async addListEntry(listUuid: string, body: DiditListEntryCreateRequest): Promise<DiditListEntry> {
      const payload = DiditListEntryCreateRequest.parse(body);
      return sendJson('addListEntry', 'POST', DIDIT_PATHS.listEntries(listUuid), payload, DiditListEntry);
    },

    async deleteListEntry(listUuid: string, entryUuid: string): Promise<void> {
      await request(
        call('deleteListEntry', 'generic-write', DIDIT_PATHS.listEntry(listUuid, entryUuid), {
          method: 'DELETE',
        }),
      );
    },

    async generatePdf(sessionId: string): Promise<DiditBinary> {
      const response = await request(
        call('generatePdf', 'pdf', DIDIT_PATHS.generatePdf(sessionId), {
          headers: pdfHeaders(options.apiKey),
        }),
      );
      const contentType = mediaTypeOf(response.headers);
      // An older API version answered `{}` as JSON here (C5): refuse anything that is not a PDF.
      if (contentType !== 'application/pdf') {
        throw invalidResponse('generatePdf', `unexpected content type ${contentType || '(none)'}`);
      }
      return { bytes: response.body, contentType };
    },

    async listReviews(sessionId: string): Promise<DiditRawReview[]> {
      return getJson('listReviews', DIDIT_PATHS.reviews(sessionId), DiditReviewList);
    },

    async createReview(sessionId: string, body: DiditReviewCreateRequest): Promise<DiditRawReview> {
      const payload = DiditReviewCreateRequest.parse(body);
      return sendJson('createReview', 'POST', DIDIT_PATHS.reviews(sessionId), payload, DiditRawReview);
    },

    async getWebhookConfig(): Promise<DiditWebhookConfig> {
      return getJson('getWebhookConfig', DIDIT_PATHS.webhookConfig, DiditWebhookConfig);
    },

    async updateWebhookConfig(body: DiditWebhookConfigUpdateRequest): Promise<DiditWebhookConfig> {
      const payload = DiditWebhookConfigUpdateRequest.parse(body);
      return sendJson('updateWebhookConfig', 'PATCH', DIDIT_PATHS.webhookConfig, payload, DiditWebhookConfig);
    },

    /**
     * Downloads a presigned media URL from a decision. The API key is not sent (the URL carries its
     * own signature, and the host may not be Didit's API); only images are accepted.
     */
    async fetchMedia(url: string): Promise<DiditBinary> {
      // The URL comes from a payload: allowlisted hosts, public addresses, every redirect re-checked.
      return fetchPayloadMedia(
        url,
        {
          allowedHosts: options.mediaHosts ?? [allowedHostOf(baseUrl)],
          maxBytes: DIDIT_MEDIA_MAX_BYTES,
          acceptedContentTypes: DIDIT_MEDIA_CONTENT_TYPES,
          timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        },
        { provider: DIDIT_PROVIDER, operation: 'fetchMedia' },
      );
    },
  };
}

function listSessionsQuery(params: ListSessionsParams): string {
  const query = new URLSearchParams();
  if (params.limit !== undefined) query.set('limit', String(params.limit));
  if (params.offset !== undefined) query.set('offset', String(params.offset));
  if (params.statuses && params.statuses.length > 0) query.set('status', params.statuses.join(','));
  if (params.dateFrom) query.set('date_from', params.dateFrom);
  if (params.dateTo) query.set('date_to', params.dateTo);
  if (params.vendorData) query.set('vendor_data', params.vendorData);
  if (params.search) query.set('search', params.search);
  if (params.workflowId) query.set('workflow_id', params.workflowId);
  if (params.country) query.set('country', params.country);
  if (params.sessionKind) query.set('session_kind', params.sessionKind);
  const text = query.toString().replaceAll('+', '%20');
  return text ? `?${text}` : '';
}

function pdfHeaders(apiKey: string): Record<string, string> {
  return { [DIDIT_API_KEY_HEADER]: apiKey, accept: 'application/pdf' };
}

function mediaTypeOf(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function invalidResponse(operation: string, detail: string): ProviderError {
  return new ProviderError({
    provider: DIDIT_PROVIDER,
    operation,
    kind: 'invalid_response',
    retryable: false,
    detail,
  });
}
