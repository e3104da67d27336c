import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, jsonResponse } from '../../test/fakeApi';
import { renderApp } from '../../test/render';

const manager = {
  id: 'user-manager',
  email: 'm@x.test',
  name: 'Morgan Manager',
  role: 'manager',
  permissions: ['cases:read', 'drift:resolve'],
};
const drift = (id: number) => ({
  id,
  caseId: 1000 + id,
  provider: 'didit',
  kind: 'kyc_session',
  ours: { status: 'approved', providerStatus: 'Approved' },
  theirs: { status: 'rejected', providerStatus: 'Declined', seenAt: '2026-03-02T10:00:00.000Z' },
  source: 'reconcile',
  detectedAt: '2026-03-02T10:00:00.000Z',
  seenCount: 1,
  status: 'resolved',
  resolution: 'accept_provider',
  requestedBy: null,
  resolvedBy: null,
  resolvedAt: null,
  actionId: null,
  pushRefusal: null,
  fourEyes: { accept_provider: null, push_ours: null },
});

afterEach(() => vi.unstubAllGlobals());

describe('DriftPage', () => {
  it('loads older drifts with the nextBefore cursor and appends them', async () => {
    const api = installFakeApi({
      '/api/auth/me': () => jsonResponse(manager),
      '/api/health': () =>
        jsonResponse({ status: 'ok', version: 't', database: { migrations: 1 }, providers: {} }),
      '/api/actions': () => jsonResponse([]),
      '/api/drift': (url) =>
        jsonResponse(
          url.searchParams.get('before') === '301'
            ? { items: [drift(300)], unresolved: 0, nextBefore: null }
            : { items: [drift(302), drift(301)], unresolved: 0, nextBefore: 301 },
        ),
    });
    renderApp('/drift?status=all');
    expect(await screen.findByText('Case #1302', {}, { timeout: 10_000 })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load older drifts' }));
    expect(await screen.findByText('Case #1300')).toBeTruthy();
    expect(screen.getByText('Case #1301')).toBeTruthy();
    const requests = api.requestsTo('/api/drift').map((request) => request.url.searchParams);
    expect(requests[0]!.get('before')).toBeNull();
    expect(requests.at(-1)!.get('before')).toBe('301');
    expect(requests.at(-1)!.get('status')).toBe('all');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load older drifts' })).toBeNull());
  });
});
