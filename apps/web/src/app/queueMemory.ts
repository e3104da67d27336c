/**
 * The last queue view the analyst had open (its search string), so "back to queue" from a case
 * returns to the same filters and page instead of the default view. Per tab, not persisted.
 */
let lastQueueSearch = '?status=needs_review';

export function rememberQueueSearch(search: string): void {
  lastQueueSearch = search || '?status=needs_review';
}

export function rememberedQueueSearch(): string {
  return lastQueueSearch;
}
