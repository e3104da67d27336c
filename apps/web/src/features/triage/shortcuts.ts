import type { CaseActionType } from '@backoffice/contracts';

/** One line of the help overlay: the keys, what they do, and why not when they cannot be used here. */
export interface ShortcutEntry {
  keys: string[];
  label: string;
  unavailable?: string | null;
}

/** Decision shortcuts on a case; each opens the action's dialog, where the reason is still required. */
export const DECISION_SHORTCUTS: ReadonlyArray<{ key: string; type: CaseActionType; label: string }> = [
  { key: 'a', type: 'approve', label: 'Approve…' },
  { key: 'd', type: 'decline', label: 'Decline…' },
  { key: 'r', type: 'request_resubmission', label: 'Request resubmission…' },
  { key: 'e', type: 'escalate', label: 'Escalate to a manager…' },
];

/** Decisions after which the analyst moves on to the next case of the view (decide-and-next). */
export const DECIDE_AND_NEXT: ReadonlySet<CaseActionType> = new Set([
  'approve',
  'decline',
  'request_resubmission',
  'escalate',
  'return_to_queue',
]);

export const QUEUE_SHORTCUTS: ShortcutEntry[] = [
  { keys: ['j'], label: 'Select the next case' },
  { keys: ['k'], label: 'Select the previous case' },
  { keys: ['Enter'], label: 'Open the selected case' },
  { keys: ['n'], label: 'Open the next case not claimed by someone else' },
  { keys: ['?'], label: 'Show these shortcuts' },
];

export const HELP_HOTKEY = 'shift+?';
