import { CASE_STATUS_LABELS, type CaseDetail } from '@backoffice/contracts';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { isOwnRecentChange } from './ownChanges';

/**
 * The open case refreshes itself on live events. A reviewer half-way through reading must not miss
 * that what they read has changed, so a newer version of the same case announces itself, unless the
 * change is the reviewer's own (see `ownChanges.ts`).
 */
export function useCaseChangeNotice(detail: CaseDetail | undefined) {
  const seen = useRef<{ id: number; version: number; status: CaseDetail['status'] } | null>(null);

  useEffect(() => {
    if (!detail) return;
    const previous = seen.current;
    seen.current = { id: detail.id, version: detail.version, status: detail.status };
    if (!previous || previous.id !== detail.id || detail.version <= previous.version) return;
    if (isOwnRecentChange(detail.id)) return;
    notifications.show({
      id: `case-${detail.id}-v${detail.version}`,
      color: 'blue',
      title: 'This case was just updated',
      message:
        previous.status === detail.status
          ? 'New information arrived from the provider; the page shows the latest data.'
          : `Status changed from ${CASE_STATUS_LABELS[previous.status]} to ${CASE_STATUS_LABELS[detail.status]}.`,
      autoClose: 10_000,
      // Mantine's close button has no accessible name of its own.
      closeButtonProps: { 'aria-label': 'Dismiss notification' },
    });
  }, [detail]);
}
