import { type CaseDetail, DittoSubmissionView } from '@backoffice/contracts';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, jsonResponse } from '../../test/fakeApi';
import { caseDetail } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const health = { status: 'ok', version: 'test', database: { migrations: 1 }, providers: {} };

afterEach(() => {
  vi.unstubAllGlobals();
});

function dittoView(overrides: Partial<DittoSubmissionView> = {}): DittoSubmissionView {
  return DittoSubmissionView.parse({
    type: 'ditto_submission',
    requesterId: '8568733f-3d83-4117-a045-691765888845',
    userId: 'testuser1@example.test',
    appId: 'app-1',
    documentVersion: '3.0',
    documentTypes: ['Identity Card'],
    documentNames: ['Latvia - ID Card (2012)'],
    documentStatus: {
      overall: 'ERROR',
      errors: ['DOCUMENT_EXPIRED'],
      isNfcDocument: false,
      nfcScanStatus: 'NOT AN NFC DOCUMENT',
    },
    identityFields: [
      {
        name: 'Given name',
        value: 'John',
        status: 'OK',
        sources: [
          { source: 'M', label: 'MRZ', value: 'JOHN' },
          { source: 'V', label: 'Visual zone', value: 'John' },
        ],
        sourcesDisagree: false,
      },
      {
        name: 'Surname',
        value: 'Samplea',
        status: 'OK',
        sources: [
          { source: 'M', label: 'MRZ', value: 'SAMPLE' },
          { source: 'V', label: 'Visual zone', value: 'Samplea' },
          { source: 'B', label: 'Barcode', value: 'SAMPLE' },
        ],
        sourcesDisagree: true,
      },
    ],
    liveness: { score: 100, minScore: 90 },
    faceMatch: { score: 0.62, scorePercent: 62, minPercent: 80 },
    issues: [{ code: 'face_match_below_minimum', label: 'Face match 62% is below the minimum 80%' }],
    media: [
      { key: 'front_page', label: 'Document front page' },
      { key: 'selfie', label: 'Liveness selfie' },
    ],
    ...overrides,
  });
}

async function openCase(detail: CaseDetail) {
  installFakeApi({
    '/api/health': () => jsonResponse(health),
    [`/api/cases/${detail.id}`]: () => jsonResponse(detail),
  });
  renderApp(`/cases/${detail.id}`);
  await screen.findByRole('heading', { level: 1 });
}

describe('Ditto submission panel', () => {
  it('shows per-source values with disagreeing fields highlighted, including unknown sources', async () => {
    await openCase(caseDetail({ id: 40, provider: 'ditto', kind: 'kyc_submission', view: dittoView() }));
    const table = screen.getByRole('table', { name: 'Identity fields by source' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers).toEqual(['Field', 'Value', 'MRZ (M)', 'Visual zone (V)', 'Barcode (B)', 'Status']);
    const surname = within(table).getByRole('row', { name: /Surname/ });
    expect(surname.getAttribute('data-mismatch')).toBe('true');
    expect(within(surname).getByText('Sources disagree')).toBeTruthy();
    expect(
      within(table)
        .getByRole('row', { name: /Given name/ })
        .getAttribute('data-mismatch'),
    ).toBeNull();
    expect(screen.getByText('1 field disagrees between sources')).toBeTruthy();
  });

  it('judges liveness and face match against the minimums Ditto sent', async () => {
    await openCase(caseDetail({ id: 40, provider: 'ditto', kind: 'kyc_submission', view: dittoView() }));
    expect(screen.getByRole('meter', { name: 'Face match' }).getAttribute('aria-valuetext')).toBe(
      '62 — below decline threshold 80',
    );
    expect(screen.getByRole('meter', { name: 'Liveness' }).getAttribute('aria-valuetext')).toBe(
      '100 — above decline threshold 90',
    );
    expect(screen.getByRole('list', { name: 'Submission issues' }).textContent).toContain(
      'below the minimum 80%',
    );
    const document = screen.getByRole('region', { name: 'Document' });
    expect(within(document).getByText('ERROR')).toBeTruthy();
    expect(within(document).getByText('DOCUMENT_EXPIRED')).toBeTruthy();
  });

  it('loads images through the case media route', async () => {
    await openCase(caseDetail({ id: 40, provider: 'ditto', kind: 'kyc_submission', view: dittoView() }));
    const images = within(screen.getByRole('region', { name: 'Images' })).getAllByRole('img');
    expect(images.map((image) => image.getAttribute('src'))).toEqual([
      '/api/cases/40/media/front_page',
      '/api/cases/40/media/selfie',
    ]);
  });

  it('says so when nothing is flagged and no scores were sent', async () => {
    await openCase(
      caseDetail({
        id: 40,
        provider: 'ditto',
        kind: 'kyc_submission',
        view: dittoView({
          issues: [],
          identityFields: [],
          media: [],
          liveness: { score: null, minScore: null },
          faceMatch: { score: null, scorePercent: null, minPercent: null },
        }),
      }),
    );
    expect(screen.getByText('No issues flagged')).toBeTruthy();
    expect(screen.getByText('Ditto sent no identity fields.')).toBeTruthy();
    expect(screen.getByRole('meter', { name: 'Face match' }).getAttribute('aria-valuetext')).toBe(
      'No score reported',
    );
  });
});
