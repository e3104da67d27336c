/** Quarter turns only: documents and selfies are photographed upright or sideways, never at 37°. */
export type Rotation = 0 | 90 | 180 | 270;

export interface ViewerImage {
  key: string;
  label: string;
}

export interface ViewerPane {
  key: string;
  rotation: Rotation;
}

export interface ViewerState {
  /** One pane, or two side by side: the image the reviewer opened first, then the one compared with it. */
  panes: readonly [ViewerPane] | readonly [ViewerPane, ViewerPane];
  /** The pane the keyboard commands act on. */
  active: 0 | 1;
  fullScreen: boolean;
  helpOpen: boolean;
}

export type ViewerAction =
  | { type: 'rotate'; pane: 0 | 1; direction: 'right' | 'left' }
  | { type: 'toggleSideBySide'; available: readonly ViewerImage[] }
  | { type: 'comparePartner'; key: string }
  | { type: 'activate'; pane: 0 | 1 }
  | { type: 'otherPane' }
  | { type: 'toggleFullScreen' }
  | { type: 'setFullScreen'; value: boolean }
  | { type: 'toggleHelp' };

/**
 * The comparisons a reviewer makes, in order of preference: a face against the document portrait,
 * one side of the document against the other. Keys are the case media keys of every provider.
 */
const COMPARISON_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['liveness_reference_image', 'portrait_image'],
  ['face_match_source_image', 'face_match_target_image'],
  ['front_image', 'back_image'],
  // Ditto ID: the liveness selfie against the document's portrait, the front page against the selfie.
  ['selfie', 'portrait_image'],
  ['front_page', 'selfie'],
];

/**
 * The image to show next to `key`: its counterpart when the case has it, else the first other
 * image (a key we have no pair for is still comparable), else null (a single image).
 */
export function comparisonPartner(key: string, available: readonly ViewerImage[]): string | null {
  const present = new Set(available.map((image) => image.key));
  for (const [a, b] of COMPARISON_PAIRS) {
    if (a === key && present.has(b)) return b;
    if (b === key && present.has(a)) return a;
  }
  return available.find((image) => image.key !== key)?.key ?? null;
}

export function initialViewerState(key: string): ViewerState {
  return { panes: [{ key, rotation: 0 }], active: 0, fullScreen: false, helpOpen: false };
}

export function rotated(rotation: Rotation, direction: 'right' | 'left'): Rotation {
  return ((rotation + (direction === 'right' ? 90 : 270)) % 360) as Rotation;
}

export function viewerReducer(state: ViewerState, action: ViewerAction): ViewerState {
  switch (action.type) {
    case 'rotate': {
      const pane = state.panes[action.pane];
      if (!pane) return state;
      const next = { ...pane, rotation: rotated(pane.rotation, action.direction) };
      return { ...state, panes: replacePane(state.panes, action.pane, next) };
    }
    case 'toggleSideBySide': {
      const [first, second] = state.panes;
      if (second) return { ...state, panes: [first], active: 0 };
      const partner = comparisonPartner(first.key, action.available);
      if (!partner) return state;
      return { ...state, panes: [first, { key: partner, rotation: 0 }] };
    }
    case 'comparePartner': {
      const [first, second] = state.panes;
      if (!second || second.key === action.key) return state;
      return { ...state, panes: [first, { key: action.key, rotation: 0 }] };
    }
    case 'activate':
      if (action.pane === state.active || !state.panes[action.pane]) return state;
      return { ...state, active: action.pane };
    case 'otherPane':
      if (state.panes.length < 2) return state;
      return { ...state, active: state.active === 0 ? 1 : 0 };
    case 'toggleFullScreen':
      return { ...state, fullScreen: !state.fullScreen };
    case 'setFullScreen':
      return state.fullScreen === action.value ? state : { ...state, fullScreen: action.value };
    case 'toggleHelp':
      return { ...state, helpOpen: !state.helpOpen };
  }
}

function replacePane(panes: ViewerState['panes'], index: 0 | 1, pane: ViewerPane): ViewerState['panes'] {
  if (index === 0) return panes[1] ? [pane, panes[1]] : [pane];
  return [panes[0], pane];
}
