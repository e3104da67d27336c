import type { UserRef } from '@backoffice/contracts';
import { Button, Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { fetchAssignableUsers, putAssignee } from '../../../api/endpoints';
import { useIdempotentMutation } from '../../../api/idempotency';
import { actionKeys } from '../../../app/queryKeys';
import { describeError } from '../../../components/ErrorState';
import { useInvalidateCase } from '../../actions/useCaseMutationInvalidation';
import { useCan, useMe } from '../../auth/useMe';

const UNASSIGNED = '__nobody__';

/** Who works this case. Changing it is audited like any other change. */
export function AssigneeControl({ caseId, assignee }: { caseId: number; assignee: UserRef | null }) {
  const canAssign = useCan('cases:assign');
  const me = useMe().data;
  const invalidate = useInvalidateCase();
  const users = useQuery({
    queryKey: actionKeys.assignable,
    queryFn: ({ signal }) => fetchAssignableUsers(signal),
    enabled: canAssign,
    staleTime: 300_000,
  });
  const assign = useIdempotentMutation({
    mutationFn: (assigneeId: string | null, idempotencyKey) =>
      putAssignee(caseId, assigneeId, idempotencyKey),
    intentOf: (assigneeId) => ({ caseId, assigneeId }),
    onSuccess: async () => {
      await invalidate(caseId);
    },
    onError: (error) => {
      const { text: message, requestId } = describeError(error);
      notifications.show({
        color: 'red',
        title: 'The assignee was not changed',
        message: requestId ? `${message} (request id ${requestId})` : message,
      });
    },
  });

  if (!canAssign) {
    return (
      <Text size="sm">
        <Text span c="dimmed" size="sm">
          Assignee:{' '}
        </Text>
        {assignee?.name ?? 'Nobody'}
      </Text>
    );
  }

  const options = [
    { value: UNASSIGNED, label: 'Nobody' },
    ...(users.data ?? []).map((user) => ({ value: user.id, label: user.name })),
  ];
  // The current assignee may no longer be assignable (disabled); still show who it is.
  if (assignee && !options.some((option) => option.value === assignee.id)) {
    options.push({ value: assignee.id, label: assignee.name });
  }

  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <Select
        label="Assignee"
        size="xs"
        w={200}
        data={options}
        value={assignee?.id ?? UNASSIGNED}
        onChange={(value) => assign.mutate(value === UNASSIGNED || value === null ? null : value)}
        disabled={assign.isPending}
        allowDeselect={false}
        error={users.isError ? 'Could not load people' : undefined}
      />
      {me && assignee?.id !== me.id && (
        <Button size="xs" variant="light" onClick={() => assign.mutate(me.id)} loading={assign.isPending}>
          Assign to me
        </Button>
      )}
    </Group>
  );
}
