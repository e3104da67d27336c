import type { CaseActionType } from '@backoffice/contracts';
import { notifications } from '@mantine/notifications';
import { useCan } from '../auth/useMe';
import { ShortcutHelp, useShortcutHelp } from './ShortcutHelp';
import { DECISION_SHORTCUTS, type ShortcutEntry } from './shortcuts';
import { useNextCase } from './useNextCase';
import { type TriageHotkey, useTriageHotkeys } from './useTriageHotkeys';

/** The comment box of the case page (`CommentsSection`), focused by `c`. */
export const COMMENT_INPUT_ID = 'case-comment-input';

function explainUnavailable(label: string, reason: string) {
  notifications.show({
    id: `shortcut-unavailable-${label}`,
    color: 'gray',
    title: `${label.replace('…', '')}: not available`,
    message: reason,
    autoClose: 5000,
  });
}

/**
 * Shortcuts on the case page: a decision key opens that decision's dialog (never decides by itself),
 * `c` goes to the comment box, `n` opens the next case of the view, `?` lists them. A key whose action
 * this case does not allow says why instead of doing nothing.
 */
export function CaseShortcuts({
  caseId,
  unavailableReason,
  onAction,
}: {
  caseId: number;
  /** Why an action cannot be taken on this case by this user, or null when it can. */
  unavailableReason: (type: CaseActionType) => string | null;
  onAction: (type: CaseActionType) => void;
}) {
  const help = useShortcutHelp();
  const canComment = useCan('cases:comment');
  const { goNext, busy } = useNextCase();
  const commentUnavailable = canComment ? null : 'Your role cannot comment on cases.';

  const entries: ShortcutEntry[] = [
    ...DECISION_SHORTCUTS.map(({ key, type, label }) => ({
      keys: [key],
      label,
      unavailable: unavailableReason(type),
    })),
    { keys: ['c'], label: 'Write an internal comment', unavailable: commentUnavailable },
    { keys: ['n'], label: 'Next case of the queue view, without deciding' },
    { keys: ['?'], label: 'Show these shortcuts' },
  ];

  const hotkeys: TriageHotkey[] = [
    ...DECISION_SHORTCUTS.map(({ key, type, label }) => ({
      hotkey: key,
      run: () => {
        const reason = unavailableReason(type);
        if (reason) explainUnavailable(label, reason);
        else onAction(type);
        return true;
      },
    })),
    {
      hotkey: 'c',
      run: () => {
        const input = document.getElementById(COMMENT_INPUT_ID);
        if (commentUnavailable || !input) {
          explainUnavailable('Comment', commentUnavailable ?? 'This case has no comment box.');
          return true;
        }
        input.scrollIntoView?.({ block: 'center' });
        input.focus();
        return true;
      },
    },
    {
      hotkey: 'n',
      run: () => {
        if (!busy) void goNext(caseId);
        return true;
      },
    },
    help.hotkey,
  ];
  useTriageHotkeys(hotkeys);

  return <ShortcutHelp {...help.dialog} title="On this case" shortcuts={entries} />;
}
