import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, jsonResponse } from '../../test/fakeApi';
import { currentSearch, renderApp } from '../../test/render';

const manager = {
  id: 'user-manager',
  email: 'm@x.test',
  name: 'Morgan Manager',
  role: 'manager',
  permissions: ['cases:read', 'actions:approve', 'audit:read'],
};
const entry = {
  id: 120,
  at: '2026-03-02T10:00:00.000Z',
  actorType: 'user',
  actorId: 'user-analyst',
  actorName: 'Alex Analyst',
  actorRole: 'analyst',
  action: 'case.action_requested',
  caseId: 41,
  provider: 'didit',
  externalId: 'sess',
  before: { status: 'needs_review' },
  after: { status: 'rejected' },
  reason: 'document_expired',
  requestId: 'req-9',
  ip: '10.0.0.1',
  userAgent: 'Chromium',
  hash: 'abc',
};

afterEach(() => vi.unstubAllGlobals());

describe('AuditPage', () => {
  it('reads filters from the URL, sends them to the API and the CSV link, and pages with nextBefore', async () => {
    const api = installFakeApi({
      '/api/auth/me': () => jsonResponse(manager),
      '/api/health': () =>
        jsonResponse({ status: 'ok', version: 't', database: { migrations: 1 }, providers: {} }),
      '/api/actions': () => jsonResponse([]),
      '/api/audit': (url) =>
        jsonResponse(
          url.searchParams.get('before')
            ? { items: [{ ...entry, id: 60, action: 'case.created' }], nextBefore: null }
            : { items: [entry], nextBefore: 60 },
        ),
    });
    const { router } = renderApp('/audit?caseId=41&action=case.action_requested');
    // The filter shows the chosen action's label too; the table's cell is the entry's.
    const row = (
      await screen.findByRole('button', { name: 'Show details of entry 120' }, { timeout: 10_000 })
    ).closest('tr')!;
    expect(within(row).getByText('Case action requested')).toBeTruthy();
    expect(screen.getByLabelText('Action', { selector: 'input' })).toHaveProperty(
      'value',
      'Case action requested',
    );
    const first = api.requestsTo('/api/audit')[0]!.url.searchParams;
    expect(first.get('caseId')).toBe('41');
    expect(first.get('action')).toBe('case.action_requested');
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      '/api/audit/export.csv?action=case.action_requested&caseId=41',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Show details of entry 120' }));
    expect(screen.getByText('needs_review')).toBeTruthy();
    expect(screen.getByText('10.0.0.1')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Load older' }));
    await screen.findByText('Case created');
    expect(api.requestsTo('/api/audit')[1]!.url.searchParams.get('before')).toBe('60');
    expect(screen.getByText('Oldest entry reached')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Actor id'), { target: { value: 'user-analyst' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(currentSearch(router).get('actorId')).toBe('user-analyst'));
    expect(currentSearch(router).get('caseId')).toBe('41');
  });
});
