/** What a key press asks the document viewer to do; the pane commands act on the active pane. */
export type ViewerCommand =
  | 'zoomIn'
  | 'zoomOut'
  | 'fit'
  | 'actualSize'
  | 'rotateRight'
  | 'rotateLeft'
  | 'panLeft'
  | 'panRight'
  | 'panUp'
  | 'panDown'
  | 'fullScreen'
  | 'sideBySide'
  | 'otherPane'
  | 'help';

export interface ViewerShortcut {
  /** `KeyboardEvent.key` values, as shown to the reviewer in the shortcut list. */
  keys: readonly string[];
  command: ViewerCommand;
  description: string;
}

/**
 * The one list of viewer keys: the key handler and the on-screen shortcut list both read it, so
 * what the viewer documents is what it does. Escape (close) is the dialog's own key.
 */
export const VIEWER_SHORTCUTS: readonly ViewerShortcut[] = [
  { keys: ['+', '='], command: 'zoomIn', description: 'Zoom in' },
  { keys: ['-'], command: 'zoomOut', description: 'Zoom out' },
  { keys: ['0'], command: 'fit', description: 'Fit the image to the pane' },
  { keys: ['1'], command: 'actualSize', description: 'Actual size (one image pixel per screen pixel)' },
  { keys: ['r'], command: 'rotateRight', description: 'Rotate 90° clockwise' },
  { keys: ['R'], command: 'rotateLeft', description: 'Rotate 90° counter-clockwise' },
  { keys: ['ArrowLeft'], command: 'panLeft', description: 'Move left in a zoomed image' },
  { keys: ['ArrowRight'], command: 'panRight', description: 'Move right in a zoomed image' },
  { keys: ['ArrowUp'], command: 'panUp', description: 'Move up in a zoomed image' },
  { keys: ['ArrowDown'], command: 'panDown', description: 'Move down in a zoomed image' },
  { keys: ['s'], command: 'sideBySide', description: 'Side by side on or off' },
  { keys: ['p'], command: 'otherPane', description: 'Side by side: switch the pane the keys act on' },
  { keys: ['f'], command: 'fullScreen', description: 'Full screen on or off' },
  { keys: ['?'], command: 'help', description: 'Show or hide this list' },
];

const BY_KEY: ReadonlyMap<string, ViewerCommand> = new Map(
  VIEWER_SHORTCUTS.flatMap((shortcut) => shortcut.keys.map((key) => [key, shortcut.command] as const)),
);

/** Pixels an arrow key moves the image; Shift moves it further. */
export const PAN_STEP_PX = 60;
export const PAN_STEP_LARGE_PX = 240;

export interface ViewerKeyPress {
  command: ViewerCommand;
  /** Shift held with an arrow key: a larger step. */
  large: boolean;
}

/**
 * The command for a key press, or null when the viewer should leave the key alone: with Ctrl, Alt
 * or Meta held (browser zoom, system shortcuts) and while typing into a field.
 */
export function viewerKeyPress(event: {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  target?: EventTarget | null;
}): ViewerKeyPress | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  if (isTextEntry(event.target)) return null;
  // Caps Lock turns "r" into "R": read letters by their shift state, not their case.
  const key =
    event.key.length === 1 && /[a-z]/i.test(event.key) ? letterKey(event.key, event.shiftKey) : event.key;
  const command = BY_KEY.get(key);
  if (!command) return null;
  return { command, large: event.shiftKey && command.startsWith('pan') };
}

function letterKey(key: string, shift: boolean): string {
  return shift ? key.toUpperCase() : key.toLowerCase();
}

function isTextEntry(target: EventTarget | null | undefined): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  return (
    element.isContentEditable ||
    element.closest('input, textarea, select, [role="combobox"], [role="listbox"]') !== null
  );
}
