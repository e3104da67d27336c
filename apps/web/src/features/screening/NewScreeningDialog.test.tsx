import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, jsonResponse, SIGNED_IN_ANALYST } from '../../test/fakeApi';
import { caseDetail, caseListResponse } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const health = { status: 'ok', version: 'test', database: { migrations: 1 }, providers: {} };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('New screening', () => {
  it('validates a KYA address in the browser, then starts it and opens the new case', async () => {
    const posted: unknown[] = [];
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases/77': () => jsonResponse(caseDetail({ id: 77 })),
      '/api/cases': () => jsonResponse(caseListResponse([])),
      '/api/kryptogo/screenings': () =>
        jsonResponse({ caseId: 77, kind: 'kya_task', externalId: 'kya-9', status: 'Low' }, 201),
    });
    const fetchMock = globalThis.fetch as unknown as ReturnType<typeof vi.fn>;
    const { router } = renderApp('/cases');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New screening' }));
    const dialog = await screen.findByRole('dialog', { name: 'New KryptoGO screening' });
    await user.click(within(dialog).getByText('Wallet address (KYA)'));
    const address = within(dialog).getByLabelText(/Address/);
    await user.type(address, '0x1234');
    await user.click(within(dialog).getByRole('button', { name: 'Start screening' }));
    expect(await within(dialog).findByText(/Not a BTC or ETH address/)).toBeTruthy();
    expect(fetchMock.mock.calls.filter(([url]) => String(url).includes('/screenings'))).toHaveLength(0);

    await user.clear(address);
    fireEvent.change(address, { target: { value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' } });
    await user.click(within(dialog).getByRole('button', { name: 'Start screening' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/cases/77'));
    for (const [url, init] of fetchMock.mock.calls)
      if (String(url).includes('/screenings')) posted.push(JSON.parse(String((init as RequestInit).body)));
    expect(posted).toEqual([{ type: 'kya', address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' }]);
  });

  it('keeps the input and shows the API message when the screening is refused', async () => {
    installFakeApi({
      '/api/health': () => jsonResponse(health),
      '/api/cases': () => jsonResponse(caseListResponse([])),
      '/api/kryptogo/screenings': () =>
        jsonResponse(
          { error: { code: 'bad_request', message: 'KryptoGO refused the name', requestId: 'r-1' } },
          400,
        ),
    });
    renderApp('/cases');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New screening' }));
    const dialog = await screen.findByRole('dialog', { name: 'New KryptoGO screening' });
    await user.click(within(dialog).getByRole('button', { name: 'Start screening' }));
    expect(within(dialog).getByText(/Enter the person’s full name/)).toBeTruthy();
    await user.type(within(dialog).getByLabelText(/Full name/), 'Ann Lee');
    await user.click(within(dialog).getByRole('button', { name: 'Start screening' }));
    expect(await within(dialog).findByText(/refused/)).toBeTruthy();
    expect((within(dialog).getByLabelText(/Full name/) as HTMLInputElement).value).toBe('Ann Lee');
  });

  it('is not offered to a role that cannot decide', async () => {
    installFakeApi({
      '/api/auth/me': () => jsonResponse({ ...SIGNED_IN_ANALYST, permissions: ['cases:read'] }),
      '/api/health': () => jsonResponse(health),
      '/api/cases': () => jsonResponse(caseListResponse([])),
    });
    renderApp('/cases');
    await screen.findByRole('heading', { name: 'Review queue' });
    await screen.findByText('No needs review cases');
    expect(screen.queryByRole('button', { name: 'New screening' })).toBeNull();
  });
});
