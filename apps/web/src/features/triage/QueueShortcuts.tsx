import type { CaseListResponse } from '@backoffice/contracts';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useMe } from '../auth/useMe';
import { claimedByOther } from './nextCase';
import { ShortcutHelp, useShortcutHelp } from './ShortcutHelp';
import { QUEUE_SHORTCUTS } from './shortcuts';
import { rememberViewPositions } from './triageMemory';
import { useNextCase } from './useNextCase';
import { useTriageHotkeys } from './useTriageHotkeys';

/** The rows of the queue table, in screen order. The selection is the focused row. */
function queueRows(): HTMLElement[] {
  return Array.from(
    document.querySelectorAll<HTMLElement>('table[aria-label="Cases"] tbody tr[data-case-id]'),
  );
}

function selectRow(row: HTMLElement | undefined) {
  if (!row) return;
  row.focus();
  row.scrollIntoView?.({ block: 'nearest' });
}

/**
 * Shortcuts on the queue (`j`/`k` select, Enter opens, `n` opens the next case not claimed by someone
 * else, `?` lists them), and the positions decide-and-next continues from.
 */
export function QueueShortcuts({
  list,
  placeholder,
}: {
  list: CaseListResponse | undefined;
  /** The rows on screen still belong to the previous view while the new one loads. */
  placeholder: boolean;
}) {
  const location = useLocation();
  const navigate = useNavigate();
  const meId = useMe().data?.id ?? null;
  const { goNext, busy } = useNextCase();
  const help = useShortcutHelp();
  // The last selected row, kept when focus leaves the table (a click elsewhere), so `j` continues from
  // it; a new page or view starts again from the top.
  const selected = useRef({ view: location.search, index: -1 });
  const selectedIndex = () => (selected.current.view === location.search ? selected.current.index : -1);
  const select = (index: number) => {
    selected.current = { view: location.search, index };
  };

  useEffect(() => {
    if (list && !placeholder) rememberViewPositions(location.search, list.items, list.itemCursors);
  }, [list, placeholder, location.search]);

  const currentIndex = (rows: HTMLElement[]) => {
    const focused = rows.indexOf(document.activeElement as HTMLElement);
    if (focused !== -1) select(focused);
    return Math.min(selectedIndex(), rows.length - 1);
  };

  const move = (step: 1 | -1) => {
    const rows = queueRows();
    if (rows.length === 0) return false;
    const index = currentIndex(rows);
    const next = index === -1 ? 0 : Math.max(0, Math.min(rows.length - 1, index + step));
    select(next);
    selectRow(rows[next]);
    return true;
  };

  useTriageHotkeys([
    { hotkey: 'j', run: () => move(1) },
    { hotkey: 'k', run: () => move(-1) },
    {
      // A focused row opens itself on Enter; this covers a selection whose focus moved to the page.
      hotkey: 'enter',
      run: () => {
        const active = document.activeElement;
        if (active && active !== document.body) return false;
        const row = queueRows()[selectedIndex()];
        if (!row?.dataset.caseId) return false;
        navigate(`/cases/${row.dataset.caseId}`);
        return true;
      },
    },
    {
      hotkey: 'n',
      run: () => {
        const items = list && !placeholder ? list.items : [];
        const from = Math.max(0, currentIndex(queueRows()));
        const here = items.slice(from).find((item) => !claimedByOther(item, meId));
        if (here) navigate(`/cases/${here.id}`);
        else if (!busy) void goNext(items.at(-1)?.id ?? null);
        return true;
      },
    },
    help.hotkey,
  ]);

  return <ShortcutHelp {...help.dialog} title="In the queue" shortcuts={QUEUE_SHORTCUTS} />;
}
