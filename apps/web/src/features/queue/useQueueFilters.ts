import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { rememberQueueSearch } from '../../app/queueMemory';
import { type SetUrlStateOptions, type UrlStateCodec, useUrlState } from '../../components/useUrlState';
import { parseQueueSearch, type QueueFilters, toQueueSearch, updateQueueFilters } from './queueSearchParams';

export type SetQueueFiltersOptions = SetUrlStateOptions;

const QUEUE_URL_STATE: UrlStateCodec<QueueFilters> = {
  parse: parseQueueSearch,
  format: toQueueSearch,
  update: updateQueueFilters,
};

/** The queue's view state, read from and written to the URL search params. */
export function useQueueFilters() {
  const [filters, setFilters, replaceFilters] = useUrlState(QUEUE_URL_STATE);
  const location = useLocation();

  useEffect(() => {
    rememberQueueSearch(location.search);
  }, [location.search]);

  return { filters, setFilters, replaceFilters };
}
