import type { CaseDetail } from '@backoffice/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, jsonResponse, SIGNED_IN_ANALYST } from '../../test/fakeApi';
import { caseDetail } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const health = { status: 'ok', version: 'test', database: { migrations: 1 }, providers: {} };
const MANAGER = {
  ...SIGNED_IN_ANALYST,
  id: 'user-manager',
  role: 'manager',
  permissions: [...SIGNED_IN_ANALYST.permissions, 'audit:read', 'cases:clear_flag'],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

const flagged = (): CaseDetail =>
  caseDetail({
    version: 7,
    flag: { kind: 'unknown_provider_status', detail: 'Under Investigation', at: '2026-03-02T09:30:00.000Z' },
  });

describe('clearing a case flag', () => {
  it('lets a manager pick a reason and clear the flag at the version on screen', async () => {
    const detail = flagged();
    const api = installFakeApi({
      '/api/auth/me': () => jsonResponse(MANAGER),
      '/api/health': () => jsonResponse(health),
      [`/api/cases/${detail.id}/flag/clear`]: () => jsonResponse({ ...detail, flag: null, version: 8 }),
      [`/api/cases/${detail.id}`]: () => jsonResponse(detail),
    });
    renderApp(`/cases/${detail.id}`);
    await screen.findByRole('heading', { level: 1 }, { timeout: 10_000 });
    const section = await screen.findByRole('region', { name: 'Flag' }, { timeout: 10_000 });
    const button = within(section).getByRole('button', { name: 'Clear flag' });
    expect(button).toHaveProperty('disabled', true);
    fireEvent.click(within(section).getByRole('radio', { name: 'Flag raised in error' }));
    expect(button).toHaveProperty('disabled', false);
    fireEvent.click(button);

    await waitFor(() => expect(api.requestsTo(`/api/cases/${detail.id}/flag/clear`)).toHaveLength(1));
    const call = vi.mocked(fetch).mock.calls.find(([input]) => String(input).includes('/flag/clear'))!;
    const init = call[1]!;
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ reason: 'raised_in_error' });
    expect(new Headers(init.headers).get('if-match')).toBe('7');
  });

  it('is not offered to an analyst on a flagged case', async () => {
    const detail = flagged();
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      [`/api/cases/${detail.id}`]: () => jsonResponse(detail),
    });
    renderApp(`/cases/${detail.id}`);
    await screen.findByRole('heading', { level: 1 }, { timeout: 10_000 });
    expect(screen.queryByRole('region', { name: 'Flag' })).toBeNull();
  });

  it('is not shown to a manager on a case without a flag', async () => {
    const detail = caseDetail();
    installFakeApi({
      '/api/auth/me': () => jsonResponse(MANAGER),
      '/api/health': () => jsonResponse(health),
      [`/api/cases/${detail.id}`]: () => jsonResponse(detail),
    });
    renderApp(`/cases/${detail.id}`);
    await screen.findByRole('heading', { level: 1 }, { timeout: 10_000 });
    expect(screen.queryByRole('region', { name: 'Flag' })).toBeNull();
  });
});
