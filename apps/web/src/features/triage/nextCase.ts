import type { CaseListResponse, CaseSummary } from '@backoffice/contracts';
import type { CaseListSearch } from '../../api/endpoints';
import { parseQueueSearch, toCaseListSearch } from '../queue/queueSearchParams';

/** Small pages: usually the first row is the answer, and a run of cases claimed by others stays cheap. */
export const NEXT_CASE_PAGE_SIZE = 10;
/** How far a run of cases claimed by others is followed before giving up (pages of NEXT_CASE_PAGE_SIZE). */
export const NEXT_CASE_MAX_PAGES = 10;

export interface NextCaseSearch {
  /** The queue view's search string (filters and sort); its page cursor is ignored. */
  viewSearch: string;
  /** Cursor resuming the view right after the current case; null starts from the top of the view. */
  after: string | null;
  /** The case being left: never offered again as its own next. */
  currentId: number | null;
  /** The signed-in user: cases assigned to anyone else are skipped. */
  meId: string | null;
  fetchPage: (search: CaseListSearch) => Promise<CaseListResponse>;
}

export type NextCaseResult =
  | { kind: 'next'; caseId: number; cursor: string | null; skippedClaimed: number }
  | { kind: 'end'; skippedClaimed: number; gaveUp: boolean };

export function claimedByOther(item: Pick<CaseSummary, 'assignee'>, meId: string | null): boolean {
  return item.assignee !== null && item.assignee.id !== meId;
}

/**
 * The next case of a queue view after a position, read from the queue API page by page (never the whole
 * queue), skipping cases someone else has claimed.
 */
export async function findNextCase(search: NextCaseSearch): Promise<NextCaseResult> {
  const view = parseQueueSearch(new URLSearchParams(search.viewSearch));
  let cursor = search.after;
  let skippedClaimed = 0;
  for (let page = 0; page < NEXT_CASE_MAX_PAGES; page += 1) {
    const response = await search.fetchPage({
      ...toCaseListSearch({ ...view, cursor }),
      limit: String(NEXT_CASE_PAGE_SIZE),
    });
    for (const [index, item] of response.items.entries()) {
      if (item.id === search.currentId) continue;
      if (claimedByOther(item, search.meId)) {
        skippedClaimed += 1;
        continue;
      }
      return { kind: 'next', caseId: item.id, cursor: response.itemCursors[index] ?? null, skippedClaimed };
    }
    if (!response.nextCursor) return { kind: 'end', skippedClaimed, gaveUp: false };
    cursor = response.nextCursor;
  }
  return { kind: 'end', skippedClaimed, gaveUp: true };
}
