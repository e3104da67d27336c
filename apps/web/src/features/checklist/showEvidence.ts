import './evidence-highlight.css';

const HIGHLIGHT_MS = 6000;
let clearTimer: ReturnType<typeof setTimeout> | null = null;
let highlighted: HTMLElement | null = null;

function unhighlight() {
  highlighted?.removeAttribute('data-evidence-highlight');
  highlighted = null;
}

/**
 * Scrolls to the element a checklist item names, marks it for a few seconds and moves focus there, so a
 * keyboard or screen-reader user lands on the evidence too. False when the page does not show it.
 */
export function showEvidence(anchor: string): boolean {
  const target = document.getElementById(anchor);
  if (!target) return false;
  if (clearTimer) clearTimeout(clearTimer);
  unhighlight();
  target.setAttribute('data-evidence-highlight', 'true');
  highlighted = target;
  const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  target.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
  clearTimer = setTimeout(unhighlight, HIGHLIGHT_MS);
  return true;
}
