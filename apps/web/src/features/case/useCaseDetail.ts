import { useQuery } from '@tanstack/react-query';
import { fetchCaseDetail } from '../../api/endpoints';
import { caseKeys } from '../../app/queryKeys';

export function useCaseDetail(id: number | null) {
  return useQuery({
    queryKey: caseKeys.detail(id ?? -1),
    queryFn: ({ signal }) => fetchCaseDetail(id!, signal),
    enabled: id !== null,
  });
}

/** Route ids are positive integers; anything else cannot be a case and is shown as "not found". */
export function parseCaseId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 && Number.isSafeInteger(id) ? id : null;
}
