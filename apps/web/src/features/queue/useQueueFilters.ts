import { useCallback, useEffect, useMemo } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { rememberQueueSearch } from '../../app/queueMemory';
import { parseQueueSearch, type QueueFilters, toQueueSearch, updateQueueFilters } from './queueSearchParams';

export interface SetQueueFiltersOptions {
  /** Replace the history entry instead of adding one (used while typing a search). */
  replace?: boolean;
}

/** The queue's view state, read from and written to the URL search params. */
export function useQueueFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const location = useLocation();
  const filters = useMemo(() => parseQueueSearch(searchParams), [searchParams]);

  useEffect(() => {
    rememberQueueSearch(location.search);
  }, [location.search]);

  const setFilters = useCallback(
    (change: Partial<QueueFilters>, options: SetQueueFiltersOptions = {}) => {
      setSearchParams((current) => toQueueSearch(updateQueueFilters(parseQueueSearch(current), change)), {
        replace: options.replace ?? false,
      });
    },
    [setSearchParams],
  );

  const replaceFilters = useCallback(
    (next: QueueFilters) => setSearchParams(toQueueSearch(next)),
    [setSearchParams],
  );

  return { filters, setFilters, replaceFilters };
}
