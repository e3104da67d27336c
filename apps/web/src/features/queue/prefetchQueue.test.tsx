import { QueryClient } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, jsonResponse, SIGNED_IN_ANALYST } from '../../test/fakeApi';
import { caseListResponse, caseSummary } from '../../test/fixtures';
import { renderApp } from '../../test/render';
import { prefetchQueue } from './prefetchQueue';

const health = { status: 'ok', version: 'test', database: { migrations: 1 }, providers: {} };
const client = () =>
  new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('prefetchQueue', () => {
  it("asks for the queue's first page before the session check answers, and the queue shows it without asking again", async () => {
    let answerMe: (response: Response) => void = () => {};
    const api = installFakeApi({
      '/api/auth/me': () => new Promise<Response>((resolve) => (answerMe = resolve)),
      '/api/health': () => jsonResponse(health),
      '/api/cases': () => jsonResponse(caseListResponse([caseSummary()])),
    });
    const queryClient = client();
    prefetchQueue(queryClient, { pathname: '/cases', search: '?status=needs_review&sort=riskScore' });
    renderApp('/cases?status=needs_review&sort=riskScore', { queryClient });

    await vi.waitFor(() => expect(api.requestsTo('/api/auth/me')).toHaveLength(1));
    expect(api.requestsTo('/api/cases')).toHaveLength(1);
    const sent = api.requestsTo('/api/cases')[0]!.url.searchParams;
    expect(sent.get('status')).toBe('needs_review');
    expect(sent.get('sort')).toBe('riskScore');
    expect(sent.get('limit')).toBe('50');

    answerMe(jsonResponse(SIGNED_IN_ANALYST));
    expect(await screen.findByText('Maria Lopez Garcia', {}, { timeout: 45_000 })).toBeTruthy();
    expect(api.requestsTo('/api/cases')).toHaveLength(1);
    // The screen's code loads lazily; on a busy machine that alone can take seconds.
  }, 60_000);

  it('prefetches the default view for / and nothing for other screens', async () => {
    const api = installFakeApi({ '/api/cases': () => jsonResponse(caseListResponse([])) });
    prefetchQueue(client(), { pathname: '/cases/41', search: '' });
    prefetchQueue(client(), { pathname: '/audit', search: '?status=needs_review' });
    expect(api.requestsTo('/api/cases')).toHaveLength(0);
    prefetchQueue(client(), { pathname: '/', search: '' });
    await vi.waitFor(() => expect(api.requestsTo('/api/cases')).toHaveLength(1));
    expect(api.requestsTo('/api/cases')[0]!.url.searchParams.get('status')).toBe('needs_review');
  });

  it('drops a 401 answer so the queue asks afresh once signed in', async () => {
    installFakeApi({
      '/api/cases': () => jsonResponse({ code: 'not_signed_in', message: 'Sign in.', requestId: 'r' }, 401),
    });
    const queryClient = client();
    prefetchQueue(queryClient, { pathname: '/cases', search: '?status=needs_review' });
    await vi.waitFor(() => expect(queryClient.getQueryCache().getAll()).toHaveLength(0));
  });
});
