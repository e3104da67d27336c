import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, jsonResponse } from '../../../test/fakeApi';
import { caseListResponse, caseSummary } from '../../../test/fixtures';
import { renderApp } from '../../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const health = { status: 'ok', version: 'test', database: { migrations: 1 }, providers: {} };
const ids = [101, 102, 103, 104, 105];
const rows = ids.map((id) => caseSummary({ id, externalId: `ext-${id}`, subjectName: `Person ${id}` }));
const box = (id: number) => screen.getByRole('checkbox', { name: `Select case ${id}` }) as HTMLInputElement;
const checked = () => ids.filter((id) => box(id).checked);

describe('queue selection and bulk actions', () => {
  // The lazy queue chunk takes seconds to load on a busy machine: generous timeouts, same assertions.
  it('selects a range with shift-click, selects the page, and never opens the case from a checkbox', {
    timeout: 60_000,
  }, async () => {
    installFakeApi({
      '/api/cases': () => jsonResponse(caseListResponse(rows)),
      '/api/tags': () => jsonResponse([]),
      '/api/users/reviewers': () => jsonResponse([]),
      '/api/views': () => jsonResponse([]),
      '/api/health': () => jsonResponse(health),
    });
    const { router } = renderApp('/cases?status=needs_review');
    await screen.findByText('Person 101', {}, { timeout: 15_000 });

    fireEvent.click(box(102));
    fireEvent.click(box(104), { shiftKey: true });
    expect(checked()).toEqual([102, 103, 104]);
    expect(router.state.location.pathname).toBe('/cases');
    expect(screen.getByText('3 selected')).toBeTruthy();

    // Shift-click on a selected row clears the range back to the anchor.
    fireEvent.click(box(103), { shiftKey: true });
    expect(checked()).toEqual([102]);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Select page' }));
    expect(checked()).toEqual(ids);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select page' }));
    expect(checked()).toEqual([]);
    expect(screen.queryByText(/selected$/)).toBeNull();
  });

  it('sends one bulk request for the selection and summarises what was refused', {
    timeout: 60_000,
  }, async () => {
    const bodies: unknown[] = [];
    const api = installFakeApi({
      '/api/cases/bulk': () =>
        jsonResponse({
          results: [
            { caseId: 101, outcome: 'applied', code: null, message: null },
            {
              caseId: 102,
              outcome: 'refused',
              code: 'case_claimed_by_other',
              message: 'Sam has been working on case 102.',
            },
            { caseId: 103, outcome: 'unchanged', code: null, message: null },
          ],
          applied: 1,
          unchanged: 1,
          refused: 1,
        }),
      '/api/cases': () => jsonResponse(caseListResponse(rows)),
      '/api/tags': () => jsonResponse([]),
      '/api/users/reviewers': () => jsonResponse([]),
      '/api/views': () => jsonResponse([]),
      '/api/health': () => jsonResponse(health),
    });
    const fetchMock = globalThis.fetch as unknown as ReturnType<typeof vi.fn>;
    renderApp('/cases?status=needs_review');
    await screen.findByText('Person 101', {}, { timeout: 15_000 });
    fireEvent.click(box(101));
    fireEvent.click(box(103), { shiftKey: true });
    fireEvent.click(screen.getByRole('button', { name: 'Unassign' }));

    expect(
      await screen.findByText('Unassigned 1 of 3 cases, 1 already so, 1 refused', {}, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(screen.getByText(/Sam has been working on case 102/)).toBeTruthy();
    const bulkCalls = api.requestsTo('/api/cases/bulk');
    expect(bulkCalls).toHaveLength(1);
    for (const [input, init] of fetchMock.mock.calls) {
      if (String(input).includes('/api/cases/bulk')) bodies.push(JSON.parse(String(init?.body)));
    }
    expect(bodies).toEqual([{ caseIds: [101, 102, 103], operation: { type: 'unassign' } }]);
    // The refused case stays selected so it can be dealt with; the others are released.
    await waitFor(() => expect(checked()).toEqual([102]));
  });
});
