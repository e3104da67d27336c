import type { Me, Permission } from '@backoffice/contracts';
import { useQuery } from '@tanstack/react-query';
import { isApiRequestError } from '../../api/client';
import { fetchMe } from '../../api/endpoints';
import { authKeys } from '../../app/queryKeys';

/** The signed-in user; `null` when there is no valid session (401). */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: authKeys.me,
    queryFn: async ({ signal }) => {
      try {
        return await fetchMe(signal);
      } catch (error) {
        if (isApiRequestError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useCan(permission: Permission): boolean {
  return useMe().data?.permissions.includes(permission) ?? false;
}
