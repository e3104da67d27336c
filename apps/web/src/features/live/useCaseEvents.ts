import { ROUTES, routePath } from '@backoffice/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { authKeys, caseKeys } from '../../app/queryKeys';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'unsupported';

export interface CaseChangedEvent {
  id: number;
  status: string;
  version: number;
}

/** The server's `case.changed` payload; anything else is ignored rather than trusted. */
export function parseCaseChangedEvent(data: string): CaseChangedEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return null;
    const { id, status, version } = value as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isInteger(id)) return null;
    return {
      id,
      status: typeof status === 'string' ? status : '',
      version: typeof version === 'number' ? version : 0,
    };
  } catch {
    return null;
  }
}

/** EventSource gives up after a non-2xx answer; we then reopen it ourselves, backing off up to this. */
const MAX_REOPEN_DELAY_MS = 30_000;

/**
 * Subscribes to `/api/events` for the whole session and turns each `case.changed` into cache
 * invalidations, so webhooks show up in an open queue or case without a reload. After a drop we
 * cannot know what was missed, so every case query is refetched once the stream is back.
 */
export function useCaseEvents(url = routePath(ROUTES.events)): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>(() =>
    typeof EventSource === 'undefined' ? 'unsupported' : 'connecting',
  );

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let reopenDelay = 1_000;
    let hasBeenOpen = false;
    let disposed = false;

    const onCaseChanged = (event: MessageEvent<string>) => {
      const change = parseCaseChangedEvent(event.data);
      if (!change) return;
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: caseKeys.detail(change.id) });
    };

    const open = () => {
      source = new EventSource(url);
      source.addEventListener('case.changed', onCaseChanged as EventListener);
      // The server ends the stream when the session ends (sign-out elsewhere, disabled, expired):
      // re-reading who is signed in sends the page to sign-in instead of reopening a refused stream.
      source.addEventListener('session.ended', () => {
        disposed = true;
        source?.close();
        void queryClient.invalidateQueries({ queryKey: authKeys.me });
      });
      source.onopen = () => {
        if (hasBeenOpen) void queryClient.invalidateQueries({ queryKey: caseKeys.all });
        hasBeenOpen = true;
        reopenDelay = 1_000;
        setStatus('live');
      };
      source.onerror = () => {
        setStatus('reconnecting');
        // CONNECTING means the browser retries by itself; CLOSED means it gave up and we must.
        if (source?.readyState === EventSource.CLOSED && !disposed) {
          source.close();
          reopenTimer = setTimeout(open, reopenDelay);
          reopenDelay = Math.min(reopenDelay * 2, MAX_REOPEN_DELAY_MS);
        }
      };
    };

    open();
    return () => {
      disposed = true;
      clearTimeout(reopenTimer);
      source?.close();
    };
  }, [queryClient, url]);

  return status;
}
