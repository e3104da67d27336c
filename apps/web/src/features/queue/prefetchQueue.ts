import type { QueryClient } from '@tanstack/react-query';
import { isApiRequestError } from '../../api/client';
import { fetchCaseList } from '../../api/endpoints';
import { caseKeys } from '../../app/queryKeys';
import { parseQueueSearch, toCaseListSearch } from './queueSearchParams';

/** The queue's own path, and `/`, which redirects to its default view. */
const QUEUE_PATH = /^\/(cases\/?)?$/;

/**
 * On a first load of the queue, asks for its first page at once, in parallel with the session check
 * and the screen's code, instead of after both (the cold load's waterfall). The page lands in the
 * query cache under the key the queue reads (same URL parsing), so the queue shows it without asking
 * again. Without a session the answer is a 401: the sign-in guard takes over and the failed entry is
 * dropped so the queue asks afresh after signing in.
 */
export function prefetchQueue(client: QueryClient, location: { pathname: string; search: string }): void {
  if (!QUEUE_PATH.test(location.pathname)) return;
  const search = toCaseListSearch(
    parseQueueSearch(new URLSearchParams(location.pathname === '/' ? '' : location.search)),
  );
  const queryKey = caseKeys.list(search);
  void client.prefetchQuery({ queryKey, queryFn: ({ signal }) => fetchCaseList(search, signal) }).then(() => {
    const { error } = client.getQueryState(queryKey) ?? {};
    if (error && isApiRequestError(error) && error.status === 401) client.removeQueries({ queryKey });
  });
}
