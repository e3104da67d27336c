import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { actionKeys, auditKeys, caseKeys } from '../../app/queryKeys';
import { noteOwnChange } from '../case/ownChanges';

/** After any change to a case: the case, every list that may show it, the actions inbox and the audit trail. */
export function useInvalidateCase() {
  const queryClient = useQueryClient();
  return useCallback(
    // Null: an action no case carries (a Didit list change); only the inbox and the trail change.
    (caseId: number | null) => {
      // Called after this reviewer changed the case: the refetched version is theirs, not news.
      if (caseId !== null) noteOwnChange(caseId);
      return Promise.all([
        ...(caseId !== null ? [queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) })] : []),
        queryClient.invalidateQueries({ queryKey: caseKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: actionKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
    [queryClient],
  );
}
