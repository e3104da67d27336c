import type { CaseDetail } from '@backoffice/contracts';
import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { postClaim } from '../../api/endpoints';
import { describeError } from '../../components/ErrorState';
import { formatDateTime } from '../../components/format';
import { useInvalidateCase } from '../actions/useCaseMutationInvalidation';
import { useCan, useMe } from '../auth/useMe';

/** Claim an unassigned case in review; a case someone else holds says who and since when. */
export function ClaimControl({ detail }: { detail: CaseDetail }) {
  const canDecide = useCan('cases:decide');
  const me = useMe().data;
  const invalidate = useInvalidateCase();
  const claim = useMutation({
    mutationFn: () => postClaim(detail.id, detail.version),
    onSuccess: async () => {
      await invalidate(detail.id);
    },
    onError: async (error) => {
      const { text: message } = describeError(error);
      notifications.show({ color: 'red', title: 'The case was not claimed', message });
      await invalidate(detail.id);
    },
  });

  if (detail.assignee) {
    const mine = me && detail.assignee.id === me.id;
    return (
      <Text size="sm" data-testid="case-working-on">
        {mine ? 'You have' : `${detail.assignee.name} has`} been working on this since{' '}
        {detail.assignedAt ? formatDateTime(detail.assignedAt) : 'earlier'}
      </Text>
    );
  }
  if (!canDecide || detail.status !== 'needs_review') return null;
  return (
    <Button size="xs" variant="filled" loading={claim.isPending} onClick={() => claim.mutate()}>
      Claim
    </Button>
  );
}
