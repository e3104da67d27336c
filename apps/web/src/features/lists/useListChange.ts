import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { postListEntry, postListEntryRemoval } from '../../api/endpoints';
import { useIdempotencyKey } from '../../api/idempotency';
import { actionKeys } from '../../app/queryKeys';
import { describeError } from '../../components/ErrorState';

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
  const intent = useIdempotencyKey();
  return useMutation({
    mutationFn: (change: ListChange) =>
      change.kind === 'remove'
        ? postListEntryRemoval(change.list, change.entry, { comment: change.comment }, intent.keyFor(change))
        : postListEntry(
            change.list,
            'value' in change
              ? { value: change.value, comment: change.comment }
              : { caseId: change.caseId, comment: change.comment },
            intent.keyFor(change),
          ),
    onSuccess: async (action, change) => {
      intent.settle();
      notifications.show({
        color: 'green',
        title: change.kind === 'add' ? 'Added to the list' : 'Removal requested',
        message:
          action.status === 'awaiting_approval'
            ? 'A second manager must approve it in Approvals before Didit is told.'
            : 'Queued: Didit is told in a moment.',
      });
      await Promise.all([
        client.invalidateQueries({ queryKey: listKeys.all }),
        client.invalidateQueries({ queryKey: actionKeys.all }),
      ]);
    },
    onError: (error) => {
      intent.settle(error);
      const { text, requestId } = describeError(error);
      notifications.show({
        color: 'red',
        title: 'The list was not changed',
        message: requestId ? `${text} (request id ${requestId})` : text,
        autoClose: false,
      });
    },
  });
}
