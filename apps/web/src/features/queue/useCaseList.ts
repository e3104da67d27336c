import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchCaseList } from '../../api/endpoints';
import { caseKeys } from '../../app/queryKeys';
import { type QueueFilters, toCaseListSearch } from './queueSearchParams';

export function useCaseList(filters: QueueFilters) {
  const search = toCaseListSearch(filters);
  return useQuery({
    queryKey: caseKeys.list(search),
    queryFn: ({ signal }) => fetchCaseList(search, signal),
    // Keep the current rows on screen while the next page or filter loads, instead of flashing skeletons.
    placeholderData: keepPreviousData,
  });
}
