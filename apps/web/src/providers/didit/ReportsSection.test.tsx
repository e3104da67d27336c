import type { DiditSessionView } from '@backoffice/contracts';
import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { theme } from '../../app/theme';
import { caseDetail } from '../../test/fixtures';
import { ReportsSection } from './ReportsSection';

const view = caseDetail().view as DiditSessionView;

function renderSection() {
  render(
    <MantineProvider theme={theme} env="test">
      <ReportsSection groups={view.reports} />
    </MantineProvider>,
  );
  return screen.getByRole('region', { name: 'All reports' });
}

describe('ReportsSection', () => {
  it('shows every instance of a repeated report, grouped by type in node order, labelled with its node id', () => {
    const section = renderSection();
    const documents = within(section).getByRole('region', { name: /^ID document/ });
    const nodes = within(documents)
      .getAllByTestId('didit-report')
      .map((card) => card.getAttribute('aria-label'));
    expect(nodes).toEqual(['Node feature_ocr', 'Node feature_ocr_2']);
    const second = within(documents).getByLabelText('Node feature_ocr_2');
    expect(within(second).getByText('Declined')).toBeTruthy();
    expect(within(second).getByText('Driving License')).toBeTruthy();
    // The warning's additional_data is shown with it.
    expect(within(second).getByText('Expiration date')).toBeTruthy();
    expect(within(second).getByText('2020-01-31')).toBeTruthy();
    expect(within(section).getByText('7 reports · 6 types')).toBeTruthy();
  });

  it('shows a report type it does not model as readable fields', () => {
    const section = renderSection();
    const unknown = within(section).getByRole('region', { name: /^Biometric authentications/ });
    expect(within(unknown).getByText('feature_biometric_authentication')).toBeTruthy();
    expect(within(unknown).getByText('Similarity')).toBeTruthy();
    expect(within(unknown).getByText('96.2')).toBeTruthy();
  });
});
