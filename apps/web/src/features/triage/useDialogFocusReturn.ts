import { useCallback, useRef } from 'react';

/**
 * Focus goes back where it was when a dialog closes. The action dialog mounts already open and unmounts
 * on close, so Mantine's own focus return (which reacts to `opened` changing) never runs for it.
 */
export function useDialogFocusReturn() {
  const previous = useRef<HTMLElement | null>(null);
  const remember = useCallback(() => {
    previous.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }, []);
  const restore = useCallback(() => {
    const element = previous.current;
    previous.current = null;
    // After the dialog's own focus trap has let go.
    setTimeout(() => {
      if (element?.isConnected && element !== document.body) element.focus();
    }, 0);
  }, []);
  return { remember, restore };
}
