import { CaseListResponse } from '@backoffice/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../test/fakeApi';
import { ApiRequestError, apiRequest, withQuery } from './client';

afterEach(() => vi.unstubAllGlobals());

async function failureOf(promise: Promise<unknown>): Promise<ApiRequestError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiRequestError);
  return error as ApiRequestError;
}

describe('apiRequest', () => {
  it('carries the server ApiError, including its request id and issues', async () => {
    vi.stubGlobal('fetch', async () =>
      jsonResponse(
        {
          code: 'invalid_request',
          message: 'Bad query',
          requestId: 'r-1',
          issues: [{ path: 'sort', message: 'x' }],
        },
        400,
      ),
    );
    const error = await failureOf(apiRequest('/api/cases', CaseListResponse));
    expect(error.status).toBe(400);
    expect(error.isClientError).toBe(true);
    expect(error.apiError).toEqual({
      code: 'invalid_request',
      message: 'Bad query',
      requestId: 'r-1',
      issues: [{ path: 'sort', message: 'x' }],
    });
  });

  it('keeps the message and request id of an error body whose code this build does not know', async () => {
    vi.stubGlobal('fetch', async () =>
      jsonResponse({ code: 'added_later', message: 'A newer refusal.', requestId: 'r-3' }, 409),
    );
    const error = await failureOf(apiRequest('/api/cases', CaseListResponse));
    expect(error.apiError).toEqual({
      code: 'unreadable_error',
      message: 'A newer refusal.',
      requestId: 'r-3',
    });
    expect(error.hasCode('unreadable_error')).toBe(true);
  });

  it('describes a response that breaks the contract, with the request id from the header', async () => {
    vi.stubGlobal('fetch', async () => jsonResponse({ items: 'nope' }, 200, { 'x-request-id': 'r-2' }));
    const error = await failureOf(apiRequest('/api/cases', CaseListResponse));
    expect(error.apiError.code).toBe('invalid_response');
    expect(error.apiError.requestId).toBe('r-2');
    expect(error.apiError.issues?.[0]?.path).toBe('items');
  });

  it('turns an unreachable server into a network error without a made-up request id', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await failureOf(apiRequest('/api/cases', CaseListResponse));
    expect(error.status).toBe(0);
    expect(error.apiError.code).toBe('network_error');
    expect(error.apiError.requestId).toBe('unavailable');
  });
});

describe('withQuery', () => {
  it('leaves out empty values', () => {
    expect(withQuery('/api/cases', { status: 'needs_review', q: '', cursor: undefined })).toBe(
      '/api/cases?status=needs_review',
    );
  });
});
