import { describe, expect, it } from 'vitest';
import { viewerKeyPress } from './shortcuts';
import { comparisonPartner, initialViewerState, rotated, viewerReducer } from './viewerState';

const DIDIT = [
  { key: 'front_image', label: 'front' },
  { key: 'back_image', label: 'back' },
  { key: 'portrait_image', label: 'portrait' },
  { key: 'liveness_reference_image', label: 'selfie' },
  { key: 'face_match_source_image', label: 'match selfie' },
  { key: 'face_match_target_image', label: 'match portrait' },
];
const DITTO = [
  { key: 'front_page', label: 'front page' },
  { key: 'portrait_image', label: 'portrait' },
  { key: 'selfie', label: 'selfie' },
];

describe('comparisonPartner', () => {
  it.each([
    ['liveness_reference_image', 'portrait_image'],
    ['portrait_image', 'liveness_reference_image'],
    ['front_image', 'back_image'],
    ['back_image', 'front_image'],
    ['face_match_source_image', 'face_match_target_image'],
  ])('Didit %s is compared with %s', (key, partner) => {
    expect(comparisonPartner(key, DIDIT)).toBe(partner);
  });

  it('pairs Ditto selfie and portrait, and the front page with the selfie', () => {
    expect(comparisonPartner('selfie', DITTO)).toBe('portrait_image');
    expect(comparisonPartner('portrait_image', DITTO)).toBe('selfie');
    expect(comparisonPartner('front_page', DITTO)).toBe('selfie');
  });

  it('falls back to another image when the counterpart is missing, and to none for a single image', () => {
    expect(comparisonPartner('front_image', [DIDIT[0]!, DIDIT[3]!])).toBe('liveness_reference_image');
    expect(comparisonPartner('some_new_key', DIDIT)).toBe('front_image');
    expect(comparisonPartner('front_image', [DIDIT[0]!])).toBeNull();
  });
});

describe('viewerReducer', () => {
  it('turns by quarters both ways', () => {
    expect(rotated(0, 'right')).toBe(90);
    expect(rotated(270, 'right')).toBe(0);
    expect(rotated(0, 'left')).toBe(270);
    expect(rotated(90, 'left')).toBe(0);
  });

  it('keeps each pane its own rotation and closes side by side back onto the first pane', () => {
    let state = initialViewerState('front_image');
    state = viewerReducer(state, { type: 'toggleSideBySide', available: DIDIT });
    expect(state.panes.map((pane) => pane.key)).toEqual(['front_image', 'back_image']);
    state = viewerReducer(state, { type: 'otherPane' });
    expect(state.active).toBe(1);
    state = viewerReducer(state, { type: 'rotate', pane: 1, direction: 'right' });
    expect(state.panes.map((pane) => pane.rotation)).toEqual([0, 90]);
    // A new partner starts upright.
    state = viewerReducer(state, { type: 'comparePartner', key: 'portrait_image' });
    expect(state.panes[1]).toEqual({ key: 'portrait_image', rotation: 0 });
    state = viewerReducer(state, { type: 'toggleSideBySide', available: DIDIT });
    expect(state.panes).toHaveLength(1);
    expect(state.active).toBe(0);
    expect(viewerReducer(state, { type: 'otherPane' })).toBe(state);
  });

  it('does not open side by side with nothing to compare', () => {
    const state = initialViewerState('front_image');
    expect(viewerReducer(state, { type: 'toggleSideBySide', available: [DIDIT[0]!] })).toBe(state);
  });
});

describe('viewerKeyPress', () => {
  const press = (key: string, extra: Partial<Parameters<typeof viewerKeyPress>[0]> = {}) =>
    viewerKeyPress({ key, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...extra });

  it('maps the documented keys', () => {
    expect(press('+')?.command).toBe('zoomIn');
    expect(press('=')?.command).toBe('zoomIn');
    expect(press('-')?.command).toBe('zoomOut');
    expect(press('0')?.command).toBe('fit');
    expect(press('1')?.command).toBe('actualSize');
    expect(press('r')?.command).toBe('rotateRight');
    expect(press('R', { shiftKey: true })?.command).toBe('rotateLeft');
    expect(press('ArrowDown')).toEqual({ command: 'panDown', large: false });
    expect(press('ArrowDown', { shiftKey: true })).toEqual({ command: 'panDown', large: true });
    expect(press('?', { shiftKey: true })).toEqual({ command: 'help', large: false });
  });

  it('reads letters by Shift, not by Caps Lock, and leaves modified and unknown keys alone', () => {
    expect(press('R')?.command).toBe('rotateRight');
    expect(press('r', { ctrlKey: true })).toBeNull();
    expect(press('+', { metaKey: true })).toBeNull();
    expect(press('x')).toBeNull();
    expect(press('Enter')).toBeNull();
  });
});
