import type { CaseDetail } from '@backoffice/contracts';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, jsonResponse } from '../../test/fakeApi';
import { caseDetail } from '../../test/fixtures';
import { renderApp } from '../../test/render';
import { ddView } from './testViews';

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

describe('KryptoGO customer screening history', () => {
  it('lists the other screenings newest first with date, risk, both outcomes and a link to each case', async () => {
    await openCase(
      caseDetail({
        provider: 'kryptogo',
        kind: 'dd_task',
        view: ddView({
          customerHistory: {
            total: 2,
            limit: 50,
            items: [
              {
                caseId: 31,
                taskId: 1004,
                relation: 'later',
                screenedAt: '2026-11-22T09:00:00.000Z',
                riskScore: 10,
                riskBand: 'low',
                status: 'needs_review',
                providerStatus: 'awaiting review',
                decidedAt: null,
              },
              {
                caseId: 12,
                taskId: 1001,
                relation: 'earlier',
                screenedAt: '2026-10-01T09:00:00.000Z',
                riskScore: 80,
                riskBand: 'high',
                status: 'approved',
                providerStatus: 'accepted',
                decidedAt: '2026-10-02T09:00:00.000Z',
              },
            ],
          },
        }),
      }),
    );
    const history = region('Customer screening history');
    expect(within(history).getByText('2 other screenings')).toBeTruthy();
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const [later, earlier] = rows;
    expect(within(later!).getByRole('link', { name: 'DD task 1004' }).getAttribute('href')).toBe('/cases/31');
    expect(within(later!).getByText('Later')).toBeTruthy();
    expect(within(later!).getByText('awaiting review')).toBeTruthy();
    expect(within(earlier!).getByRole('link', { name: 'DD task 1001' }).getAttribute('href')).toBe(
      '/cases/12',
    );
    expect(within(earlier!).getByText('Earlier')).toBeTruthy();
    expect(within(earlier!).getByText('Approved')).toBeTruthy();
    expect(within(earlier!).getByText('accepted')).toBeTruthy();
    expect(within(earlier!).getByText('High')).toBeTruthy();
  });

  it('says so when the customer has no other screening, or the task has no customer reference', async () => {
    await openCase(caseDetail({ provider: 'kryptogo', kind: 'dd_task', view: ddView() }));
    expect(within(region('Customer screening history')).getByText(/No other DD task/)).toBeTruthy();
  });

  it('links the IDV task that created the DD task to its case', async () => {
    await openCase(
      caseDetail({
        provider: 'kryptogo',
        kind: 'dd_task',
        view: ddView({ fromIdvTaskId: 77, fromIdvCaseId: 5 }),
      }),
    );
    const link = within(region('Screening target')).getByRole('link', { name: 'IDV task 77 (case 5)' });
    expect(link.getAttribute('href')).toBe('/cases/5');
  });

  it('names an IDV task we do not hold without a link', async () => {
    await openCase(
      caseDetail({
        provider: 'kryptogo',
        kind: 'dd_task',
        view: ddView({ fromIdvTaskId: 78, fromIdvCaseId: null, customerReference: null }),
      }),
    );
    expect(within(region('Screening target')).getByText('IDV task 78 (no case here yet)')).toBeTruthy();
    expect(within(region('Customer screening history')).getByText(/no customer reference/)).toBeTruthy();
  });
});
