import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, jsonResponse } from '../../test/fakeApi';
import { caseListResponse, caseSummary } from '../../test/fixtures';
import { currentSearch, renderApp } from '../../test/render';

const health = { status: 'ok', version: 'test', database: { migrations: 1 }, providers: {} };

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('QueuePage', () => {
  it('redirects / to the needs-review view and asks the API for exactly that', async () => {
    const api = installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases': () => jsonResponse(caseListResponse([caseSummary()])),
    });
    const { router } = renderApp('/');

    expect(await screen.findByText('Maria Lopez Garcia')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/cases');
    expect(currentSearch(router).get('status')).toBe('needs_review');
    const sent = api.requestsTo('/api/cases').at(-1)!.url.searchParams;
    expect(sent.get('status')).toBe('needs_review');
    expect(sent.get('limit')).toBe('50');
    expect(screen.getByRole('tab', { name: /Needs review/ }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows the masked document number, never the full one, and the raw provider status', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases': () => jsonResponse(caseListResponse([caseSummary()])),
    });
    renderApp('/cases?status=needs_review');
    const row = await screen.findByRole('row', { name: /Open case 41/ });
    expect(within(row).getByText('•••••678Z')).toBeTruthy();
    expect(within(row).queryByText('12345678Z')).toBeNull();
    expect(within(row).getByText('In Review')).toBeTruthy();
    expect(within(row).getByText('High')).toBeTruthy();
  });

  it('shows a flagged case with its raw unknown status, and sends the flagged-only filter from the URL', async () => {
    const api = installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases': () =>
        jsonResponse(
          caseListResponse([
            caseSummary({
              flag: {
                kind: 'unknown_provider_status',
                detail: 'Under Investigation',
                at: '2026-03-02T09:21:00.000Z',
              },
            }),
          ]),
        ),
    });
    renderApp('/cases?status=needs_review&flagged=true');
    const row = await screen.findByRole('row', { name: /Open case 41/ });
    expect(within(row).getByText('Unknown status: Under Investigation')).toBeTruthy();
    expect(api.requestsTo('/api/cases').at(-1)!.url.searchParams.get('flagged')).toBe('true');
    expect((screen.getByRole('checkbox', { name: 'Flagged only' }) as HTMLInputElement).checked).toBe(true);
  });

  it('restores a shared link: filters from the URL are sent to the API and shown in the controls', async () => {
    const api = installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases': () => jsonResponse(caseListResponse([caseSummary()])),
    });
    renderApp('/cases?status=all&provider=didit&riskBand=high,very_high&q=lopez&sort=riskScore&order=asc');
    await screen.findByText('Maria Lopez Garcia');

    const sent = api.requestsTo('/api/cases').at(-1)!.url.searchParams;
    expect(Object.fromEntries(sent)).toEqual({
      provider: 'didit',
      riskBand: 'high,very_high',
      q: 'lopez',
      sort: 'riskScore',
      order: 'asc',
      limit: '50',
    });
    expect((screen.getByLabelText('Search') as HTMLInputElement).value).toBe('lopez');
    expect(screen.getByRole('tab', { name: /All/ }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('columnheader', { name: /Risk/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('writes tab, sort and debounced search changes to the URL and starts from the first page', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases': () => jsonResponse(caseListResponse([caseSummary()], { nextCursor: 'n2' })),
    });
    const { router } = renderApp('/cases?status=needs_review&cursor=abc');
    await screen.findByText('Maria Lopez Garcia');

    fireEvent.click(screen.getByRole('tab', { name: /Approved/ }));
    await waitFor(() => expect(currentSearch(router).get('status')).toBe('approved'));
    expect(currentSearch(router).get('cursor')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Sort by Risk' }));
    await waitFor(() => expect(currentSearch(router).get('sort')).toBe('riskScore'));

    vi.useFakeTimers({ shouldAdvanceTime: true });
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'garcia' } });
    expect(currentSearch(router).get('q')).toBeNull();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    expect(currentSearch(router).get('q')).toBe('garcia');

    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    await waitFor(() => expect(currentSearch(router).get('cursor')).toBe('n2'));
  });

  it('offers to clear filters when nothing matches', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases': () => jsonResponse(caseListResponse([])),
    });
    const { router } = renderApp('/cases?status=needs_review&riskBand=very_high&q=nobody');
    expect(await screen.findByText('No cases match these filters')).toBeTruthy();
    const clearButtons = screen.getAllByRole('button', { name: /Clear filters/ });
    fireEvent.click(clearButtons.at(-1)!);
    await waitFor(() => expect(currentSearch(router).toString()).toBe('status=needs_review'));
  });

  it('shows the API error message, its request id and the validation issues, with a retry', async () => {
    let calls = 0;
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases': () => {
        calls += 1;
        return jsonResponse(
          {
            code: 'invalid_request',
            message: 'The query is invalid.',
            requestId: 'req-7f3a',
            issues: [{ path: 'from', message: 'Invalid ISO date' }],
          },
          400,
        );
      },
    });
    renderApp('/cases?status=needs_review');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The queue could not be loaded')).toBeTruthy();
    expect(within(alert).getByText('The query is invalid.')).toBeTruthy();
    expect(within(alert).getByText('req-7f3a')).toBeTruthy();
    expect(within(alert).getByText('from')).toBeTruthy();
    expect(within(alert).getByText('invalid_request')).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: /Try again/ }));
    await waitFor(() => expect(calls).toBe(2));
  });

  it('says when a search was too broad to rank every match', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases': () => jsonResponse(caseListResponse([caseSummary()], { searchCapped: true })),
    });
    renderApp('/cases?status=all&q=a');
    expect(await screen.findByText(/matches more cases than the queue can rank/)).toBeTruthy();
  });

  it('says when a search page came from part of the matches and the next page reads on', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases': () =>
        jsonResponse(caseListResponse([caseSummary()], { searchCapped: true, nextCursor: 'walk-on' })),
    });
    renderApp('/cases?status=all&q=maria%20garcia');
    expect(await screen.findByText(/may hold fewer rows; the next page reads on/)).toBeTruthy();
    expect(screen.queryByText(/matches more cases than the queue can rank/)).toBeNull();
  });

  it('opens a case with Enter on a focused row', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases': () => jsonResponse(caseListResponse([caseSummary()])),
    });
    const { router } = renderApp('/cases?status=needs_review');
    const row = await screen.findByRole('row', { name: /Open case 41/ });
    row.focus();
    fireEvent.keyDown(row, { key: 'Enter' });
    await waitFor(() => expect(router.state.location.pathname).toBe('/cases/41'));
  });

  it('draws a full page: every row of it, and the table is busy only until the last one is in', async () => {
    const page = Array.from({ length: 50 }, (_, index) =>
      caseSummary({ id: 1000 + index, subjectName: `Subject ${index}` }),
    );
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases': () => jsonResponse(caseListResponse(page)),
    });
    renderApp('/cases?status=needs_review');
    const table = await screen.findByRole('table', { name: 'Cases' });
    await waitFor(() => expect(within(table).getAllByRole('row', { name: /Open case/ })).toHaveLength(50));
    expect(within(table).getByRole('row', { name: /Open case 1049/ })).toBeTruthy();
    await waitFor(() => expect(table.getAttribute('aria-busy')).toBe('false'));
  });

  it('names a two-letter country on hover and leaves other codes as received', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases': () =>
        jsonResponse(
          caseListResponse([
            caseSummary(),
            caseSummary({ id: 42, subjectName: 'Other', subjectCountry: 'ESP' }),
          ]),
        ),
    });
    renderApp('/cases?status=needs_review');
    const spain = within(await screen.findByRole('row', { name: /Open case 41/ })).getByText('ES');
    expect(within(screen.getByRole('row', { name: /Open case 42/ })).getByText('ESP')).toBeTruthy();
    fireEvent.mouseEnter(spain);
    expect(await screen.findByRole('tooltip', {}, { timeout: 2_000 })).toHaveProperty('textContent', 'Spain');
  });
});
