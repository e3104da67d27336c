import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { theme } from '../../app/theme';
import { caseDetail } from '../../test/fixtures';
import { GenericViewPanel } from './GenericViewPanel';

describe('GenericViewPanel', () => {
  it('shows the provider status and raw facts of a view type without a panel', () => {
    render(
      <MantineProvider theme={theme} env="test">
        <GenericViewPanel
          detail={caseDetail({ providerStatus: 'HOLD' })}
          view={{ type: 'future_view', score: 12, note: null, nested: { a: 1 } }}
        />
      </MantineProvider>,
    );
    expect(screen.getByText('No dedicated view for “future_view”')).toBeTruthy();
    expect(screen.getByText('HOLD')).toBeTruthy();
    expect(screen.getByText('12')).toBeTruthy();
    expect(screen.getByText(/"a": 1/)).toBeTruthy();
  });
});
