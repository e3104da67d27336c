import { useQueryClient } from '@tanstack/react-query';
import { postListEntry, postListEntryRemoval } from '../../api/endpoints';
import { useIdempotentMutation } from '../../api/idempotency';
import { actionKeys } from '../../app/queryKeys';
import { notifyFailed, notifySaved } from '../../components/notify';

export const listKeys = {
  all: ['lists'] as const,
  entries: (list: string, search: string, page: number) => ['lists', list, 'entries', search, page] as const,
};

export type ListChange =
  | { kind: 'add'; list: string; caseId: number; comment: string }
  | { kind: 'add'; list: string; value: string; comment: string }
  | { kind: 'remove'; list: string; entry: string; comment: string };

/**
 * Adds to or removes from a Didit list through the outbox. One idempotency key per intended change, so a
 * double submit or a retry after a lost answer is the same action, not a second one.
 */
export function useListChange() {
  const client = useQueryClient();
  return useIdempotentMutation({
    mutationFn: (change: ListChange, idempotencyKey) =>
      change.kind === 'remove'
        ? postListEntryRemoval(change.list, change.entry, { comment: change.comment }, idempotencyKey)
        : postListEntry(
            change.list,
            'value' in change
              ? { value: change.value, comment: change.comment }
              : { caseId: change.caseId, comment: change.comment },
            idempotencyKey,
          ),
    onSuccess: async (action, change) => {
      notifySaved(
        change.kind === 'add' ? 'Added to the list' : 'Removal requested',
        action.status === 'awaiting_approval'
          ? 'A second manager must approve it in Approvals before Didit is told.'
          : 'Queued: Didit is told in a moment.',
      );
      await Promise.all([
        client.invalidateQueries({ queryKey: listKeys.all }),
        client.invalidateQueries({ queryKey: actionKeys.all }),
      ]);
    },
    onError: (error) => notifyFailed('The list was not changed', error),
  });
}
