import { notifications } from '@mantine/notifications';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 90_000 });

import { rememberQueueSearch } from '../../app/queueMemory';
import { installFakeApi, jsonResponse } from '../../test/fakeApi';
import { caseActionView, caseDetail, caseListResponse, caseSummary } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const health = { status: 'ok', version: 'test', database: { migrations: 1 }, providers: {} };
const reasonCodes = [
  { code: 'documents_verified', label: 'Documents verified', appliesTo: ['approve'], active: true },
  { code: 'document_expired', label: 'Document expired', appliesTo: ['decline'], active: true },
];
const fourEyes = { actions: ['blocklist'], reversals: true, riskScoreAtLeast: null };
const other = { id: 'user-analyst2', name: 'Blake Analyst' };

/** The case page of case 41 with a fake queue API; `listAnswer` answers `GET /api/cases`. */
function installCaseApi(listAnswer: (url: URL) => Response = () => jsonResponse(caseListResponse([]))) {
  const api = installFakeApi({
    '/api/health': () => jsonResponse(health),
    '/api/reason-codes': () => jsonResponse(reasonCodes),
    '/api/settings/four-eyes': () => jsonResponse(fourEyes),
    '/api/users/assignable': () => jsonResponse([]),
    '/api/cases/41/actions': () =>
      jsonResponse(
        {
          action: caseActionView({
            type: 'approve',
            reasonCode: 'documents_verified',
            reasonLabel: 'Documents verified',
          }),
          case: null,
        },
        202,
      ),
    '/api/cases/41': () => jsonResponse(caseDetail()),
    '/api/cases/42': () => jsonResponse(caseDetail({ id: 42, subjectName: 'Claimed Elsewhere' })),
    '/api/cases/43': () => jsonResponse(caseDetail({ id: 43, subjectName: 'Next In Line' })),
    '/api/cases': listAnswer,
  });
  return api;
}

async function openCase() {
  const rendered = renderApp('/cases/41');
  await screen.findByRole('heading', { name: 'Maria Lopez Garcia' });
  // The reason codes are fetched on first use; wait until the page settled so key presses reach it.
  return rendered;
}

const press = (key: string, target: Element = document.body, init: KeyboardEventInit = {}) =>
  fireEvent.keyDown(target, { key, ...init });

function reasonInput(dialog: HTMLElement): HTMLInputElement {
  return within(dialog)
    .getAllByLabelText(/^Reason/)
    .find((element) => element.tagName === 'INPUT') as HTMLInputElement;
}

// Two shared cores: the first render of the case page can take seconds.
configure({ asyncUtilTimeout: 30_000 });

beforeEach(() => {
  rememberQueueSearch('?status=needs_review');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('case shortcuts', () => {
  it('a opens the approve dialog with focus on the reason; Escape cancels and returns focus', async () => {
    installCaseApi();
    await openCase();
    const comments = screen.getByRole('button', { name: 'Add comment' });
    comments.focus();
    press('a', comments);
    const dialog = await screen.findByRole('dialog', { name: /Approve · Maria Lopez Garcia/ });
    await waitFor(() => expect(document.activeElement).toBe(reasonInput(dialog)));
    press('Escape', reasonInput(dialog));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(comments));
  });

  it('never fires while typing in a field', async () => {
    installCaseApi();
    await openCase();
    const box = screen.getByRole('textbox', { name: 'Add a comment' });
    box.focus();
    for (const key of ['a', 'd', 'e', 'n', 'c']) press(key, box);
    press('?', box, { shiftKey: true });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(globalThis.location.pathname).not.toContain('/cases/4');
  });

  it('never fires while a dialog is open', async () => {
    installCaseApi();
    await openCase();
    fireEvent.click(screen.getByRole('button', { name: 'Decline' }));
    const dialog = await screen.findByRole('dialog', { name: /Decline/ });
    // Focus on a button of the dialog, not a field: the dialog still owns the keyboard.
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    cancel.focus();
    press('a', cancel);
    press('?', cancel, { shiftKey: true });
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    expect(screen.getByRole('dialog', { name: /Decline/ })).toBe(dialog);
  });

  it('a disallowed action opens nothing, says why in a toast and in the help overlay', async () => {
    const toast = vi.spyOn(notifications, 'show');
    installCaseApi();
    await openCase();
    // The fixture case allows no escalation.
    press('e');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(toast).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Escalate to a manager: not available',
        message: expect.stringMatching(/^Not possible while the case is/),
      }),
    );
    press('?', document.body, { shiftKey: true });
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const escalateRow = within(help).getByText('Escalate to a manager…').closest('tr')!;
    expect(escalateRow.getAttribute('data-unavailable')).toBe('true');
    expect(within(escalateRow).getByText(/^Not available: Not possible while the case is/)).toBeTruthy();
    const approveRow = within(help).getByText('Approve…').closest('tr')!;
    expect(approveRow.getAttribute('data-unavailable')).toBeNull();
  });

  it('c goes to the comment box', async () => {
    installCaseApi();
    await openCase();
    press('c');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Add a comment' }));
  });
});

describe('decide and next', () => {
  it('after an approval opens the next case of the view from its cursor, skipping one claimed by someone else', async () => {
    const api = installCaseApi(() =>
      jsonResponse(
        caseListResponse([caseSummary({ id: 42, assignee: other }), caseSummary({ id: 43 })], {
          nextCursor: 'after-43',
        }),
      ),
    );
    // The analyst came from this view, where case 41 had this position.
    rememberQueueSearch('?status=needs_review&provider=didit&sort=dueAt&order=asc');
    const { rememberViewPositions } = await import('./triageMemory');
    rememberViewPositions(
      '?status=needs_review&provider=didit&sort=dueAt&order=asc',
      [{ id: 41 }],
      ['after-41'],
    );

    const { router } = await openCase();
    press('a');
    const dialog = await screen.findByRole('dialog', { name: /Approve/ });
    fireEvent.click(reasonInput(dialog));
    fireEvent.click(await screen.findByRole('option', { name: 'Documents verified' }));
    fireEvent.submit(dialog.querySelector('form')!);

    await waitFor(() => expect(router.state.location.pathname).toBe('/cases/43'));
    const [list] = api.requestsTo('/api/cases');
    expect(list!.url.searchParams.get('cursor')).toBe('after-41');
    expect(list!.url.searchParams.get('provider')).toBe('didit');
    expect(list!.url.searchParams.get('sort')).toBe('dueAt');
    expect(list!.url.searchParams.get('order')).toBe('asc');
    expect(Number(list!.url.searchParams.get('limit'))).toBeLessThanOrEqual(10);
    await screen.findByRole('heading', { name: 'Next In Line' });

    // n on the next case continues after it (its own cursor), and at the end returns to the view.
    api.requests.length = 0;
    const fake = globalThis.fetch as ReturnType<typeof vi.fn>;
    const original = fake.getMockImplementation() as (
      input: RequestInfo | URL,
      init?: RequestInit,
    ) => Promise<Response>;
    fake.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      if (url.pathname === '/api/cases') {
        api.requests.push({ url, method: 'GET' });
        return jsonResponse(caseListResponse([]));
      }
      return original(input, init);
    });
    press('n');
    await waitFor(() => expect(router.state.location.pathname).toBe('/cases'));
    expect(api.requestsTo('/api/cases')[0]!.url.searchParams.get('cursor')).toBe('after-43');
    expect(router.state.location.search).toBe('?status=needs_review&provider=didit&sort=dueAt&order=asc');
    expect((await screen.findByTestId('triage-end-notice')).textContent).toMatch(/End of this view/);
  });
});

describe('queue shortcuts', () => {
  it('j and k move the selection, Enter opens it, and keys typed in the search box do nothing', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases/': () => jsonResponse(caseDetail()),
      '/api/cases': () =>
        jsonResponse(
          caseListResponse([
            caseSummary({ id: 1, subjectName: 'First Person' }),
            caseSummary({ id: 2, subjectName: 'Second Person' }),
            caseSummary({ id: 3, subjectName: 'Third Person' }),
          ]),
        ),
    });
    const { router } = renderApp('/cases?status=needs_review');
    await screen.findByRole('row', { name: /Open case 1/ });
    const row = (id: number) => screen.getByRole('row', { name: new RegExp(`Open case ${id}`) });

    const search = screen.getByRole('textbox', { name: /Search/ });
    search.focus();
    press('j', search);
    expect(document.activeElement).toBe(search);

    search.blur();
    press('j');
    expect(document.activeElement).toBe(row(1));
    press('j', row(1));
    press('j', row(2));
    expect(document.activeElement).toBe(row(3));
    press('k', row(3));
    expect(document.activeElement).toBe(row(2));
    press('Enter', row(2));
    await waitFor(() => expect(router.state.location.pathname).toBe('/cases/2'));
  });
});
