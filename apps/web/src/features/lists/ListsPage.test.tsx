import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, jsonResponse } from '../../test/fakeApi';
import { caseActionView } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const manager = {
  id: 'user-manager',
  email: 'm@x.test',
  name: 'Morgan Manager',
  role: 'manager',
  permissions: ['cases:read', 'actions:approve', 'lists:manage'],
};
const emailList = {
  uuid: 'list-email',
  name: 'Email blocklist',
  listType: 'blocklist',
  entryType: 'email',
  isSystem: true,
  entriesCount: 1,
};
const faceList = { ...emailList, uuid: 'list-face', name: 'Face blocklist', entryType: 'face' };
const typedEntry = {
  uuid: 'entry-1',
  maskedValue: 's•••@example.net',
  comment: null,
  referenceSessionId: null,
  caseId: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  pendingRemoval: null,
};

afterEach(() => vi.unstubAllGlobals());

function openLists(list = 'list-email') {
  const api = installFakeApi({
    '/api/auth/me': () => jsonResponse(manager),
    '/api/health': () =>
      jsonResponse({ status: 'ok', version: 't', database: { migrations: 1 }, providers: {} }),
    '/api/lists/list-email/entries': (_url, init) =>
      init?.method === 'POST'
        ? jsonResponse(
            caseActionView({
              caseId: null,
              type: 'list_entry_add',
              status: 'awaiting_approval',
              params: { maskedValue: 'f•••@example.net' },
            }),
            202,
          )
        : jsonResponse({ count: 1, entries: [typedEntry] }),
    '/api/lists/list-face/entries': () => jsonResponse({ count: 0, entries: [] }),
    '/api/lists': () => jsonResponse([emailList, faceList]),
  });
  renderApp(`/lists?list=${list}`);
  return api;
}

describe('Lists screen', () => {
  it('adds a typed value after checking it for the list’s kind, with one request per submit', async () => {
    const api = openLists();
    fireEvent.click(await screen.findByRole('button', { name: 'Add entry' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add an entry to Email blocklist' });
    expect((within(dialog).getByRole('textbox', { name: 'Entry kind' }) as HTMLInputElement).value).toBe(
      'E-mail',
    );
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Value/ }), {
      target: { value: 'not-an-email' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Comment/ }), {
      target: { value: 'Chargeback ring' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add to list' }));
    expect(await within(dialog).findByText('This is not an e-mail address.')).toBeTruthy();
    expect(api.requestsTo('/api/lists/list-email/entries').filter((r) => r.method === 'POST')).toHaveLength(
      0,
    );

    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Value/ }), {
      target: { value: ' Fraud.Ring@Example.net ' },
    });
    await waitFor(() => expect(within(dialog).queryByText('This is not an e-mail address.')).toBeNull());
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add to list' }));
    // Accepted: the dialog closes.
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Add an entry to Email blocklist' })).toBeNull(),
    );
    const posts = api.requestsTo('/api/lists/list-email/entries').filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!.body!)).toEqual({
      value: 'Fraud.Ring@Example.net',
      comment: 'Chargeback ring',
    });
    // A whole-app render with several steps: on a loaded machine it needs more than the default.
  }, 60_000);

  it('offers removal for an entry that came from no case of ours', async () => {
    openLists();
    const table = await screen.findByRole('table', { name: 'List entries' });
    expect(within(table).getByText('Added by value')).toBeTruthy();
    const remove = within(table).getByRole('button', { name: /Remove entry s•••@example.net/ });
    expect((remove as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(remove);
    expect(await screen.findByRole('dialog', { name: 'Request removal from the list' })).toBeTruthy();
  });

  it('takes a face from a case only', async () => {
    openLists('list-face');
    fireEvent.click(await screen.findByRole('button', { name: 'Add entry' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add an entry to Face blocklist' });
    expect(within(dialog).queryByRole('textbox', { name: /^Value/ })).toBeNull();
    expect(within(dialog).getByRole('textbox', { name: /Case number/ })).toBeTruthy();
    expect(within(dialog).getByText(/A face cannot be typed in/)).toBeTruthy();
  });
});
