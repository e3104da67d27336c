import { useHotkeys } from '@mantine/hooks';

/** Typing in these never triggers a shortcut (contenteditable is excluded by useHotkeys itself). */
const TYPING_TAGS = ['INPUT', 'TEXTAREA', 'SELECT'];

/**
 * An open dialog, menu or popover owns the keyboard: Enter, letters and Escape are its own. (A select's
 * listbox can stay mounted while closed; its input is a typing field anyway.)
 */
const OVERLAY_SELECTOR = '[role="dialog"], [role="alertdialog"], [role="menu"]';

export function overlayIsOpen(): boolean {
  return document.querySelector(OVERLAY_SELECTOR) !== null;
}

export interface TriageHotkey {
  /** A useHotkeys key, e.g. `j`, `enter`, `shift+?`. */
  hotkey: string;
  /** Returns false when it did not act, so the key keeps its normal meaning (Enter on a button). */
  run: (event: KeyboardEvent) => boolean | undefined;
}

/**
 * The queue's and case's shortcuts through Mantine's useHotkeys, never while typing in a field or while
 * a dialog is open. The default action of a key is prevented only when a shortcut acted on it, so Enter
 * and Space keep working on buttons and links.
 */
export function useTriageHotkeys(hotkeys: TriageHotkey[]): void {
  useHotkeys(
    hotkeys.map(({ hotkey, run }) => [
      hotkey,
      (event: KeyboardEvent) => {
        if (event.defaultPrevented || event.isComposing || overlayIsOpen()) return;
        if (run(event) !== false) event.preventDefault();
      },
      { preventDefault: false },
    ]),
    TYPING_TAGS,
    false,
  );
}
