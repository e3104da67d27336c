import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, jsonResponse } from '../../test/fakeApi';
import { caseDetail } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const health = { status: 'ok', version: 'test', database: { migrations: 1 }, providers: {} };

afterEach(() => {
  vi.unstubAllGlobals();
});

function section(name: string) {
  return screen.getByRole('region', { name });
}

describe('CasePage', () => {
  it('shows scores against the workflow thresholds with a verdict in words', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases/41': () => jsonResponse(caseDetail()),
    });
    renderApp('/cases/41');
    await screen.findByRole('heading', { name: 'Maria Lopez Garcia' });

    const faceMatch = screen.getByRole('meter', { name: 'Face match' });
    expect(faceMatch.getAttribute('aria-valuetext')).toBe('62 — below review threshold 70');
    expect(screen.getByRole('meter', { name: 'Liveness' }).getAttribute('aria-valuetext')).toBe(
      '91.5 — above decline threshold 50',
    );
    expect(screen.getByRole('meter', { name: 'AML score' }).getAttribute('aria-valuetext')).toBe(
      '85 — above decline threshold 80',
    );
  });

  it('explains missing thresholds instead of inventing markers', async () => {
    const detail = caseDetail();
    if (detail.view?.type === 'didit_session') detail.view.thresholds = null;
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases/41': () => jsonResponse(detail),
    });
    renderApp('/cases/41');
    await screen.findByRole('heading', { name: 'Maria Lopez Garcia' });
    expect(screen.getByText(/thresholds could not be read/)).toBeTruthy();
    expect(screen.getByRole('meter', { name: 'Face match' }).getAttribute('aria-valuetext')).toBe(
      '62 — workflow thresholds unavailable',
    );
  });

  it('shows unknown provider values verbatim, missing values as a labelled dash, and flags an expired document', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases/41': () => jsonResponse(caseDetail()),
    });
    renderApp('/cases/41');
    await screen.findByRole('heading', { name: 'Maria Lopez Garcia' });

    const warnings = section('Warnings');
    expect(within(warnings).getByText('SOMETHING_NEW_FROM_DIDIT')).toBeTruthy();
    expect(
      within(warnings).getByText('critical_new_type', { selector: '.mantine-Badge-label' }),
    ).toBeTruthy();
    expect(within(warnings).getByText('Warning · review')).toBeTruthy();

    const document = section('Document');
    // The case page shows the full number; only lists mask it.
    expect(within(document).getByText('12345678Z')).toBeTruthy();
    expect(within(document).getAllByLabelText('Not provided').length).toBeGreaterThan(0);
    expect(within(document).getByText('Expired')).toBeTruthy();

    const aml = section('AML screening');
    for (const dataset of ['PEP', 'Sanctions', 'Adverse Media'])
      expect(within(aml).getByText(dataset)).toBeTruthy();
    expect(
      within(aml)
        .getByRole('link', { name: /Source for Maria Lopez/ })
        .getAttribute('href'),
    ).toBe('https://example.org/pep/maria-lopez');

    const ip = section('IP analysis');
    expect(within(ip).getByText('Yes')).toBeTruthy();
    expect(within(ip).getByText('12 km')).toBeTruthy();
  });

  it('shows the flag of a decision the provider undid, with the raw statuses', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases/41': () =>
        jsonResponse(
          caseDetail({
            status: 'pending',
            providerStatus: 'Awaiting User',
            flag: {
              kind: 'reopened_after_decision',
              detail: 'Approved → Awaiting User',
              at: '2026-03-02T09:21:00.000Z',
            },
          }),
        ),
    });
    renderApp('/cases/41');
    await screen.findByRole('heading', { name: 'Maria Lopez Garcia' });
    expect(screen.getByText('Reopened after decision')).toBeTruthy();
    expect(screen.getByTestId('case-flag-explanation').textContent).toContain('Approved → Awaiting User');
  });

  it('renders a not-found screen for a 404 and for an id that cannot exist', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases/999': () =>
        jsonResponse({ code: 'not_found', message: 'Case 999 not found', requestId: 'r1' }, 404),
    });
    const { unmount } = renderApp('/cases/999');
    expect(await screen.findByText('Case not found')).toBeTruthy();
    unmount();

    renderApp('/cases/not-a-number');
    expect(await screen.findByText('Case not found')).toBeTruthy();
  });

  it('shows a server error with its request id, and a non-JSON failure without inventing one', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases/41': () =>
        jsonResponse({ code: 'internal_error', message: 'Database is locked', requestId: 'req-500' }, 500),
      '/api/cases/42': () =>
        new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    });
    const first = renderApp('/cases/41');
    const alert = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(within(alert).getByText('Database is locked')).toBeTruthy();
    expect(within(alert).getByText('req-500')).toBeTruthy();
    first.unmount();

    renderApp('/cases/42');
    const gateway = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(within(gateway).getByText(/answered 502 Bad Gateway/)).toBeTruthy();
    expect(within(gateway).getByText(/No request id/)).toBeTruthy();
  });
});
