/** Which rows of the page are selected, and the row a shift-click range starts from. */
export interface Selection {
  ids: ReadonlySet<number>;
  anchor: number | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

/**
 * A click on a row's checkbox. Without shift it flips that row and makes it the anchor; with shift
 * every row between the anchor and this one (in page order) takes the state the clicked row gets,
 * as in a mail client. With no anchor on the page, shift-click acts as a plain click.
 */
export function toggleRow(
  selection: Selection,
  pageIds: readonly number[],
  id: number,
  shift: boolean,
): Selection {
  const ids = new Set(selection.ids);
  const select = !ids.has(id);
  const from = selection.anchor === null ? -1 : pageIds.indexOf(selection.anchor);
  const to = pageIds.indexOf(id);
  if (shift && from !== -1 && to !== -1) {
    const [start, end] = from <= to ? [from, to] : [to, from];
    for (const rangeId of pageIds.slice(start, end + 1)) {
      if (select) ids.add(rangeId);
      else ids.delete(rangeId);
    }
  } else if (select) ids.add(id);
  else ids.delete(id);
  return { ids, anchor: id };
}

/** "Select page": everything on the page, or nothing when all of it is already selected. */
export function togglePage(selection: Selection, pageIds: readonly number[]): Selection {
  const all = pageIds.length > 0 && pageIds.every((id) => selection.ids.has(id));
  return { ids: all ? new Set() : new Set(pageIds), anchor: null };
}

/** Keeps only rows still on the page (after paging, a filter change or a live update). */
export function keepOnPage(selection: Selection, pageIds: readonly number[]): Selection {
  const onPage = new Set(pageIds);
  const ids = new Set([...selection.ids].filter((id) => onPage.has(id)));
  if (ids.size === selection.ids.size && (selection.anchor === null || onPage.has(selection.anchor)))
    return selection;
  return { ids, anchor: selection.anchor !== null && onPage.has(selection.anchor) ? selection.anchor : null };
}
