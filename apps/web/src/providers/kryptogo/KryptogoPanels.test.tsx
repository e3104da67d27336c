import type { CaseDetail } from '@backoffice/contracts';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, jsonResponse } from '../../test/fakeApi';
import { caseDetail } from '../../test/fixtures';
import { renderApp } from '../../test/render';
import { ddView, idvView, kyaView } from './testViews';

const health = { status: 'ok', version: 'test', database: { migrations: 1 }, providers: {} };

afterEach(() => {
  vi.unstubAllGlobals();
});

async function openCase(detail: CaseDetail) {
  installFakeApi({
    '/api/health': () => jsonResponse(health),
    [`/api/cases/${detail.id}`]: () => jsonResponse(detail),
  });
  renderApp(`/cases/${detail.id}`);
  await screen.findByRole('heading', { level: 1 });
}

const region = (name: string) => screen.getByRole('region', { name });

describe('KryptoGO DD panel', () => {
  it('puts a sanction match first, shows the band on the meter and hits per source with links', async () => {
    await openCase(caseDetail({ provider: 'kryptogo', kind: 'dd_task', view: ddView() }));

    expect(screen.getByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringContaining('Sanction list match'),
    );
    expect(screen.getByRole('meter', { name: 'Potential risk' }).getAttribute('aria-valuetext')).toBe(
      '100 — Very high',
    );

    const sources = region('Search sources');
    const sanction = within(sources).getByRole('group', { name: 'Sanction list' });
    expect(within(sanction).getByText('2 hits')).toBeTruthy();
    const link = within(sanction).getByRole('link', { name: /Appears on a consolidated sanctions list/ });
    expect(link.getAttribute('href')).toBe('https://screening.example.test/4/1');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(within(sanction).getByText('Showing 1 of 2 hits reported by the provider.')).toBeTruthy();
    // A source still being searched says so instead of claiming zero hits.
    expect(
      within(within(sources).getByRole('group', { name: 'Taiwan verdict' })).getByText('Searching'),
    ).toBeTruthy();
    // The sanction list is listed first.
    expect(within(sources).getAllByRole('group')[0]).toBe(sanction);

    const audit = region('Audit at KryptoGO');
    expect(within(audit).getByText('rejected')).toBeTruthy();
    expect(within(audit).getAllByText('officer@example.test').length).toBeGreaterThan(0);
    expect(within(audit).getAllByText('Confirmed sanctions match').length).toBe(2);
    expect(within(audit).getByText('Next periodic review')).toBeTruthy();
    expect(
      within(region('Provider metadata')).getByRole('table', { name: 'Provider metadata' }).textContent,
    ).toContain('CR-77');
  });

  it('a clean or unfinished task: no alarm, no invented score, empty states', async () => {
    await openCase(
      caseDetail({
        provider: 'kryptogo',
        kind: 'dd_task',
        view: ddView({
          sanctionMatched: false,
          potentialRisk: null,
          riskBand: null,
          progress: 40,
          amlSummarization: null,
          auditStatus: 'unknown(7)',
          commentLog: [],
          metadata: [],
          sources: [],
        }),
      }),
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('meter', { name: 'Potential risk' }).getAttribute('aria-valuetext')).toBe(
      'Not rated yet',
    );
    expect(screen.getByRole('progressbar', { name: 'Search progress' })).toBeTruthy();
    expect(screen.getByText('No source results yet.')).toBeTruthy();
    expect(screen.getByText('No comments at KryptoGO yet.')).toBeTruthy();
    expect(screen.getByText('No metadata on this task at KryptoGO.')).toBeTruthy();
    // Unknown provider values are shown as they came.
    expect(screen.getByText('unknown(7)')).toBeTruthy();
  });

  it('maps every score onto the five bands', async () => {
    for (const [score, band, label] of [
      [24, 'low', 'Low'],
      [25, 'low_medium', 'Low-to-medium'],
      [74, 'medium', 'Medium'],
      [99, 'high', 'High'],
    ] as const) {
      await openCase(
        caseDetail({
          provider: 'kryptogo',
          kind: 'dd_task',
          view: ddView({ potentialRisk: score, riskBand: band }),
        }),
      );
      expect(screen.getByRole('meter', { name: 'Potential risk' }).getAttribute('aria-valuetext')).toBe(
        `${score} — ${label}`,
      );
      document.body.innerHTML = '';
    }
  });
});

describe('KryptoGO KYA panel', () => {
  it('shows the address, chain, band, no SDN matches and shortened copyable transactions', async () => {
    await openCase(caseDetail({ provider: 'kryptogo', kind: 'kya_task', view: kyaView() }));
    const address = region('Address screening');
    expect(within(address).getByText('0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c')).toBeTruthy();
    expect(within(address).getByRole('button', { name: 'Copy address' })).toBeTruthy();
    expect(within(address).getByText('Ethereum · ETH')).toBeTruthy();
    expect(screen.getByRole('meter', { name: 'Address risk' }).getAttribute('aria-valuetext')).toBe(
      '46 — Low-to-medium',
    );
    expect(within(region('Sanction (SDN) matches')).getByText(/no sanction-list match/)).toBeTruthy();

    const rows = within(screen.getByRole('table', { name: 'Transactions' })).getAllByRole('row');
    const first = rows[1]!;
    expect(within(first).getByText('0xf3c7054e…cce596')).toBeTruthy();
    expect(within(first).getByRole('button', { name: 'Copy transaction hash' })).toBeTruthy();
    expect(within(first).getByText('This address')).toBeTruthy();
    expect(within(first).getByText('elevated')).toBeTruthy();
  });

  it('lists SDN matches when there are some', async () => {
    await openCase(
      caseDetail({
        provider: 'kryptogo',
        kind: 'kya_task',
        view: kyaView({
          sdnMatches: [{ name: 'Lazarus Group', list: 'OFAC SDN', address: null }],
          transactions: [],
        }),
      }),
    );
    const table = screen.getByRole('table', { name: 'SDN matches' });
    expect(table.textContent).toContain('Lazarus Group');
    expect(table.textContent).toContain('OFAC SDN');
    expect(screen.getByText('KryptoGO returned no transactions for this address.')).toBeTruthy();
  });
});

describe('KryptoGO IDV panel', () => {
  it('highlights mismatching fields and links DD tasks to their cases', async () => {
    await openCase(caseDetail({ provider: 'kryptogo', kind: 'idv_task', view: idvView() }));
    const table = screen.getByRole('table', { name: 'Expected vs extracted fields' });
    const idRow = within(table).getByRole('row', { name: /ID number/ });
    expect(idRow.getAttribute('data-mismatch')).toBe('true');
    expect(within(idRow).getByText('Mismatch')).toBeTruthy();
    expect(within(idRow).getByText('A100000002')).toBeTruthy();
    expect(within(idRow).getByText('A100000009')).toBeTruthy();
    expect(within(table).getByRole('row', { name: /Name/ }).getAttribute('data-mismatch')).toBeNull();
    expect(within(within(table).getByRole('row', { name: /Gender/ })).getByText('Not compared')).toBeTruthy();
    expect(within(region('Expected vs extracted')).getByText('1 mismatch')).toBeTruthy();

    expect(within(region('ID verification')).getByText('review')).toBeTruthy();
    expect(within(region('ID verification')).getByText('ID_NUMBER_MISMATCH')).toBeTruthy();

    const linked = region('Linked due-diligence tasks');
    expect(
      within(linked)
        .getByRole('link', { name: /DD task 1007/ })
        .getAttribute('href'),
    ).toBe('/cases/27');
    expect(within(linked).getByText(/no case here yet/)).toBeTruthy();
  });
});
