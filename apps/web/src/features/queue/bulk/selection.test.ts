import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, keepOnPage, togglePage, toggleRow } from './selection';

const page = [10, 11, 12, 13, 14, 15];
const ids = (selection: { ids: ReadonlySet<number> }) => [...selection.ids].sort((a, b) => a - b);

describe('queue row selection', () => {
  it('selects a range with shift-click, in either direction', () => {
    const first = toggleRow(EMPTY_SELECTION, page, 11, false);
    expect(ids(toggleRow(first, page, 14, true))).toEqual([11, 12, 13, 14]);
    const fromBottom = toggleRow(EMPTY_SELECTION, page, 15, false);
    expect(ids(toggleRow(fromBottom, page, 12, true))).toEqual([12, 13, 14, 15]);
  });

  it('clears a range when the shift-clicked row was selected', () => {
    let selection = togglePage(EMPTY_SELECTION, page);
    selection = toggleRow(selection, page, 11, false); // deselects 11, anchor 11
    selection = toggleRow(selection, page, 13, true); // 13 was selected: the range is cleared
    expect(ids(selection)).toEqual([10, 14, 15]);
  });

  it('treats shift-click without an anchor on the page as a plain click', () => {
    expect(ids(toggleRow(EMPTY_SELECTION, page, 13, true))).toEqual([13]);
    const stale = { ids: new Set<number>(), anchor: 99 };
    expect(ids(toggleRow(stale, page, 13, true))).toEqual([13]);
  });

  it('selects the page, and unselects it when all of it is selected', () => {
    const all = togglePage(EMPTY_SELECTION, page);
    expect(ids(all)).toEqual(page);
    expect(ids(togglePage(all, page))).toEqual([]);
    expect(ids(togglePage(toggleRow(EMPTY_SELECTION, page, 10, false), page))).toEqual(page);
  });

  it('drops rows that left the page', () => {
    const selection = toggleRow(toggleRow(EMPTY_SELECTION, page, 10, false), page, 12, true);
    const kept = keepOnPage(selection, [11, 12, 13]);
    expect(ids(kept)).toEqual([11, 12]);
    expect(kept.anchor).toBe(12);
    expect(keepOnPage(kept, [11, 12, 13])).toBe(kept);
  });
});
