import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { fetchCaseList } from '../../api/endpoints';
import { rememberedQueueSearch } from '../../app/queueMemory';
import { describeError } from '../../components/ErrorState';
import { useMe } from '../auth/useMe';
import { findNextCase } from './nextCase';
import { positionAfter, rememberCasePosition } from './triageMemory';

/** What the queue shows when decide-and-next ran out of cases (router state of the queue's location). */
export interface TriageEndState {
  triageEnd: { skippedClaimed: number; gaveUp: boolean };
}

export function triageEndOf(state: unknown): TriageEndState['triageEnd'] | null {
  if (typeof state !== 'object' || state === null || !('triageEnd' in state)) return null;
  const end = (state as TriageEndState).triageEnd;
  return typeof end?.skippedClaimed === 'number' ? end : null;
}

/**
 * Opens the case that follows `fromCaseId` in the queue view the analyst came from (same filters, sort,
 * position), skipping cases claimed by others; at the end of the view, goes back to it with a message.
 */
export function useNextCase() {
  const navigate = useNavigate();
  const meId = useMe().data?.id ?? null;
  const [busy, setBusy] = useState(false);

  const goNext = useCallback(
    async (fromCaseId: number | null) => {
      const viewSearch = rememberedQueueSearch();
      setBusy(true);
      try {
        const result = await findNextCase({
          viewSearch,
          after: fromCaseId === null ? null : positionAfter(viewSearch, fromCaseId),
          currentId: fromCaseId,
          meId,
          fetchPage: (search) => fetchCaseList(search),
        });
        if (result.kind === 'next') {
          if (result.cursor) rememberCasePosition(viewSearch, result.caseId, result.cursor);
          navigate(`/cases/${result.caseId}`);
        } else {
          const state: TriageEndState = {
            triageEnd: { skippedClaimed: result.skippedClaimed, gaveUp: result.gaveUp },
          };
          navigate(`/cases${viewSearch}`, { state });
        }
      } catch (error) {
        const { message, requestId } = describeError(error);
        notifications.show({
          color: 'red',
          title: 'The next case could not be found',
          message: requestId ? `${message} (request id ${requestId})` : message,
        });
      } finally {
        setBusy(false);
      }
    },
    [meId, navigate],
  );

  return { goNext, busy };
}
