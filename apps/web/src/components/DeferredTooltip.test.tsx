import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { theme } from '../app/theme';
import { DeferredTooltip } from './DeferredTooltip';

function renderTooltip() {
  render(
    <MantineProvider theme={theme} env="test">
      <DeferredTooltip label="Provider status: In Review" openDelay={300}>
        <span>Needs review</span>
      </DeferredTooltip>
    </MantineProvider>,
  );
  return screen.getByText('Needs review');
}

describe('DeferredTooltip', () => {
  afterEach(() => vi.useRealTimers());

  it('renders only its target until the pointer rests on it', () => {
    vi.useFakeTimers();
    const target = renderTooltip();
    expect(screen.queryByRole('tooltip')).toBeNull();
    fireEvent.mouseEnter(target);
    act(() => vi.advanceTimersByTime(299));
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('shows nothing when the pointer leaves before the delay', () => {
    vi.useFakeTimers();
    const target = renderTooltip();
    fireEvent.mouseEnter(target);
    act(() => vi.advanceTimersByTime(200));
    fireEvent.mouseLeave(target);
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('opens after the delay, closes when the pointer leaves, and opens again on the next hover', async () => {
    const target = renderTooltip();
    fireEvent.mouseEnter(target);
    expect((await screen.findByRole('tooltip', {}, { timeout: 2_000 })).textContent).toBe(
      'Provider status: In Review',
    );
    // The real Tooltip now owns the (remounted) target.
    const mounted = screen.getByText('Needs review');
    fireEvent.mouseLeave(mounted);
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
    fireEvent.mouseEnter(mounted);
    expect(await screen.findByRole('tooltip', {}, { timeout: 2_000 })).toBeTruthy();
  });
});
