import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { theme } from '../../app/theme';
import { ImagesSection } from '../../providers/didit/ImagesSection';
import { DocumentViewer, type ViewerMedia } from './DocumentViewer';
import { VIEWER_SHORTCUTS } from './shortcuts';

const MEDIA: ViewerMedia[] = [
  { key: 'front_image', label: 'ID document, front' },
  { key: 'back_image', label: 'ID document, back' },
  { key: 'portrait_image', label: 'Portrait from the ID document' },
  { key: 'liveness_reference_image', label: 'Selfie (liveness)' },
];

// jsdom lays nothing out: give the zoom library's boxes the sizes a browser would. The pane is
// 800×600; the content box is as large as the (rotated) image box inside it.
const PANE = { width: 800, height: 600 };
const descriptors = {
  clientWidth: Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth'),
  clientHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight'),
  offsetWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetWidth'),
  offsetHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight'),
};
function imageBox(element: Element, side: 'width' | 'height'): number {
  const box = element.firstElementChild as HTMLElement | null;
  return Number.parseFloat(box?.style[side] ?? '') || 0;
}
beforeAll(() => {
  // Mantine's option list scrolls the selected option into view; jsdom has no scrolling.
  Element.prototype.scrollIntoView ??= () => undefined;
  Object.defineProperty(Element.prototype, 'clientWidth', {
    configurable: true,
    get(this: Element) {
      return this.classList.contains('react-transform-wrapper') ? PANE.width : 0;
    },
  });
  Object.defineProperty(Element.prototype, 'clientHeight', {
    configurable: true,
    get(this: Element) {
      return this.classList.contains('react-transform-wrapper') ? PANE.height : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('react-transform-component') ? imageBox(this, 'width') : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('react-transform-component') ? imageBox(this, 'height') : 0;
    },
  });
});
afterAll(() => {
  for (const [name, descriptor] of Object.entries(descriptors)) {
    const owner = name.startsWith('client') ? Element.prototype : HTMLElement.prototype;
    if (descriptor) Object.defineProperty(owner, name, descriptor);
  }
});

/** jsdom fetches no images: report one loaded with the given natural size. */
function loadImage(image: HTMLElement, width = 1600, height = 1000) {
  Object.defineProperty(image, 'naturalWidth', { configurable: true, value: width });
  Object.defineProperty(image, 'naturalHeight', { configurable: true, value: height });
  fireEvent.load(image);
}

async function renderViewer(openKey: ViewerMedia['key'] = 'front_image') {
  const onClose = vi.fn();
  const user = userEvent.setup();
  render(
    <MantineProvider theme={theme} env="test">
      <DocumentViewer caseId={41} media={MEDIA} openKey={openKey} onClose={onClose} />
    </MantineProvider>,
  );
  const dialog = screen.getByRole('dialog');
  // The dialog focuses the first pane itself, so the keys work the moment it opens.
  await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('group'));
  expect(panes()[0]!.contains(document.activeElement)).toBe(true);
  return { onClose, user, dialog };
}

/** Zoom steps animate: let one finish before the next starts from it. */
async function settled(pane: HTMLElement, readout: string) {
  await waitFor(() => expect(zoomReadout(pane)).toBe(readout));
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(zoomReadout(pane)).toBe(readout);
}

function panes() {
  return screen.getAllByTestId('viewer-pane');
}

function zoomReadout(pane: HTMLElement) {
  return within(pane).getByTestId('viewer-zoom').textContent;
}

describe('DocumentViewer', () => {
  it('zooms, fits and shows actual size from the keyboard, and names the keys on its buttons', async () => {
    const { user, dialog } = await renderViewer();
    const [pane] = panes();
    loadImage(within(pane!).getByRole('img', { name: 'ID document, front' }));
    // 1600×1000 in 800×600: the fit is half size.
    await settled(pane!, '50 % · 0°');

    await user.keyboard('+');
    await settled(pane!, '63 % · 0°');
    await user.keyboard('-');
    await settled(pane!, '50 % · 0°');
    await user.keyboard('=');
    await settled(pane!, '63 % · 0°');
    await user.keyboard('1');
    await settled(pane!, '100 % · 0°');
    await user.keyboard('0');
    await settled(pane!, '50 % · 0°');

    // The buttons do the same and carry their keys for assistive technology.
    const zoomIn = within(dialog).getByRole('button', { name: 'Zoom in' });
    expect(zoomIn.getAttribute('aria-keyshortcuts')).toBe('Plus');
    await user.click(zoomIn);
    await settled(pane!, '63 % · 0°');
    await user.click(within(dialog).getByRole('button', { name: 'Actual size' }));
    await settled(pane!, '100 % · 0°');
  });

  it('pans a zoomed image with the arrow keys, further with Shift', async () => {
    const { user } = await renderViewer();
    const [pane] = panes();
    loadImage(within(pane!).getByRole('img', { name: 'ID document, front' }));
    await waitFor(() => expect(zoomReadout(pane!)).toBe('50 % · 0°'));
    await user.keyboard('1');
    await waitFor(() => expect(zoomReadout(pane!)).toBe('100 % · 0°'));
    const content = pane!.querySelector<HTMLElement>('.react-transform-component')!;
    const translateX = () => Number(/translate\((-?[\d.]+)px/.exec(content.style.transform)?.[1]);
    // Centred at actual size: (800 - 1600) / 2.
    await waitFor(() => expect(translateX()).toBe(-400));
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(translateX()).toBe(-460));
    await user.keyboard('{Shift>}{ArrowLeft}{/Shift}');
    await waitFor(() => expect(translateX()).toBe(-220));
  });

  it('rotates the active pane by quarter turns and fits the turned image again', async () => {
    const { user, dialog } = await renderViewer();
    const [pane] = panes();
    const image = within(pane!).getByRole('img', { name: 'ID document, front' });
    loadImage(image);
    await waitFor(() => expect(zoomReadout(pane!)).toBe('50 % · 0°'));

    await user.keyboard('r');
    expect(pane!.dataset.rotation).toBe('90');
    expect(image.style.transform).toContain('rotate(90deg)');
    // Sideways, the 1000×1600 box fits 600 px high: 37.5 %.
    await waitFor(() => expect(zoomReadout(pane!)).toBe('38 % · 90°'));
    await user.keyboard('r');
    expect(pane!.dataset.rotation).toBe('180');
    await user.keyboard('{Shift>}R{/Shift}');
    await user.keyboard('{Shift>}R{/Shift}');
    expect(pane!.dataset.rotation).toBe('0');
    await user.keyboard('{Shift>}R{/Shift}');
    expect(pane!.dataset.rotation).toBe('270');
    // Caps Lock sends "R" without Shift: still the plain key.
    await user.keyboard('R');
    expect(pane!.dataset.rotation).toBe('0');
    await user.keyboard('{Shift>}R{/Shift}');
    expect(pane!.dataset.rotation).toBe('270');
    await user.click(within(dialog).getByRole('button', { name: 'Rotate clockwise' }));
    expect(pane!.dataset.rotation).toBe('0');
    await user.click(within(dialog).getByRole('button', { name: 'Rotate counter-clockwise' }));
    expect(pane!.dataset.rotation).toBe('270');
  });

  it('puts the selfie next to the document portrait; keys act on the pane chosen with P', async () => {
    const { user, dialog } = await renderViewer('liveness_reference_image');
    expect(panes()).toHaveLength(1);
    const sideBySide = within(dialog).getByRole('button', { name: 'Side by side' });
    expect(sideBySide.getAttribute('aria-pressed')).toBe('false');

    await user.keyboard('s');
    expect(panes().map((pane) => pane.dataset.mediaKey)).toEqual([
      'liveness_reference_image',
      'portrait_image',
    ]);
    expect(sideBySide.getAttribute('aria-pressed')).toBe('true');
    expect(within(dialog).getByRole('heading').textContent).toBe(
      'Selfie (liveness) and Portrait from the ID document',
    );
    expect(panes()[0]!.dataset.active).toBe('true');

    await user.keyboard('p');
    expect(panes()[1]!.dataset.active).toBe('true');
    expect(panes()[1]!.contains(document.activeElement)).toBe(true);
    await user.keyboard('r');
    expect(panes().map((pane) => pane.dataset.rotation)).toEqual(['0', '90']);
    await user.keyboard('p');
    await user.keyboard('{Shift>}R{/Shift}');
    expect(panes().map((pane) => pane.dataset.rotation)).toEqual(['270', '90']);

    await user.keyboard('s');
    expect(panes()).toHaveLength(1);
    expect(panes()[0]!.dataset.rotation).toBe('270');
  });

  it('puts the front next to the back, and the reviewer can pick another image to compare', async () => {
    const { user, dialog } = await renderViewer('front_image');
    await user.click(within(dialog).getByRole('button', { name: 'Side by side' }));
    expect(panes().map((pane) => pane.dataset.mediaKey)).toEqual(['front_image', 'back_image']);

    await user.click(within(dialog).getByRole('combobox', { name: 'Compare with' }));
    await user.click(await screen.findByRole('option', { name: 'Selfie (liveness)' }));
    expect(panes().map((pane) => pane.dataset.mediaKey)).toEqual(['front_image', 'liveness_reference_image']);
  });

  it('leaves keys alone while the reviewer types in a field or holds Ctrl', async () => {
    const { user, dialog } = await renderViewer('front_image');
    await user.keyboard('s');
    const compare = within(dialog).getByRole('combobox', { name: 'Compare with' });
    compare.focus();
    await user.keyboard('r');
    expect(panes().map((pane) => pane.dataset.rotation)).toEqual(['0', '0']);
    panes()[0]!.querySelector<HTMLElement>('[role="group"]')!.focus();
    await user.keyboard('{Control>}r{/Control}');
    expect(panes()[0]!.dataset.rotation).toBe('0');
    await user.keyboard('r');
    expect(panes()[0]!.dataset.rotation).toBe('90');
  });

  it('lists every shortcut on ?, toggles full screen with F, and closes on Escape', async () => {
    const { user, dialog, onClose } = await renderViewer();
    const help = within(dialog).getByRole('button', { name: 'Keyboard shortcuts' });
    expect(help.getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('?');
    expect(help.getAttribute('aria-expanded')).toBe('true');
    const list = within(dialog).getByRole('region', { name: 'Viewer keyboard shortcuts' });
    for (const shortcut of VIEWER_SHORTCUTS) expect(list.textContent).toContain(shortcut.description);
    expect(list.textContent).toContain('Close the viewer');

    const fullScreen = within(dialog).getByRole('button', { name: 'Full screen' });
    await user.keyboard('f');
    expect(fullScreen.getAttribute('aria-pressed')).toBe('true');
    await user.keyboard('f');
    expect(fullScreen.getAttribute('aria-pressed')).toBe('false');

    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('fetches each showing through the media route afresh, so every opening is audited', async () => {
    const user = userEvent.setup();
    render(
      <MantineProvider theme={theme} env="test">
        <ImagesSection caseId={41} media={MEDIA} />
      </MantineProvider>,
    );
    const thumbnail = screen.getByRole('img', { name: 'ID document, front' });
    loadImage(thumbnail);
    const enlarge = screen.getByRole('button', { name: 'Enlarge ID document, front' });

    await user.click(enlarge);
    const first = within(await screen.findByRole('dialog')).getByRole('img', { name: 'ID document, front' });
    const firstSrc = first.getAttribute('src')!;
    expect(new URL(firstSrc, 'http://localhost').pathname).toBe('/api/cases/41/media/front_image');
    expect(firstSrc).not.toBe(thumbnail.getAttribute('src'));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Keyboard users land back on the thumbnail they opened.
    expect(document.activeElement).toBe(enlarge);

    await user.keyboard('{Enter}');
    const second = within(await screen.findByRole('dialog')).getByRole('img', { name: 'ID document, front' });
    expect(second.getAttribute('src')).not.toBe(firstSrc);
    await act(async () => {
      await user.keyboard('{Escape}');
    });
  });
});
