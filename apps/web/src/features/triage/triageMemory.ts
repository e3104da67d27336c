/**
 * Where the analyst is in the queue view they work from: for each case of that view seen on screen, the
 * cursor that resumes the view right after it. Decide-and-next continues from there, so the next case is
 * the one that followed in the same filters and sort, even after the decided case has left the view.
 * Per tab and in memory, like the remembered queue search.
 */
let viewKey = '';
const positions = new Map<number, string>();

/** The view a search string describes, without its page: every page of one view shares positions. */
export function viewKeyOf(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('cursor');
  params.sort();
  return params.toString();
}

export function rememberViewPositions(
  search: string,
  items: ReadonlyArray<{ id: number }>,
  itemCursors: readonly string[],
): void {
  const key = viewKeyOf(search);
  if (key !== viewKey) {
    viewKey = key;
    positions.clear();
  }
  items.forEach((item, index) => {
    const cursor = itemCursors[index];
    if (cursor) positions.set(item.id, cursor);
  });
}

/** Records the position of a case reached by decide-and-next, so the next "next" continues after it. */
export function rememberCasePosition(search: string, caseId: number, cursor: string): void {
  rememberViewPositions(search, [{ id: caseId }], [cursor]);
}

/** The cursor after `caseId` in the view `search`, or null when the case was not reached from it. */
export function positionAfter(search: string, caseId: number): string | null {
  if (viewKeyOf(search) !== viewKey) return null;
  return positions.get(caseId) ?? null;
}
