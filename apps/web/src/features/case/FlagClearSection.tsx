import {
  CASE_FLAG_CLEAR_REASON_LABELS,
  CASE_FLAG_LABELS,
  type CaseDetail,
  CaseFlagClearReason,
} from '@backoffice/contracts';
import { Button, Group, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { postClearFlag } from '../../api/endpoints';
import { describeError } from '../../components/ErrorState';
import { formatDateTime } from '../../components/format';
import { useInvalidateCase } from '../actions/useCaseMutationInvalidation';
import { useCan } from '../auth/useMe';
import { Section } from './Section';

/** Mantine's notification close button has no name of its own. */
const DISMISS = { 'aria-label': 'Dismiss notification' };

/**
 * A manager clears the case's flag with a reason from the fixed list, at the version on screen; the
 * clearing shows in the history below. Hidden from roles that cannot clear flags.
 */
export function FlagClearSection({ detail }: { detail: CaseDetail }) {
  const canClear = useCan('cases:clear_flag');
  const invalidate = useInvalidateCase();
  const [reason, setReason] = useState<CaseFlagClearReason | null>(null);
  const clear = useMutation({
    mutationFn: (chosen: CaseFlagClearReason) => postClearFlag(detail.id, detail.version, chosen),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        title: 'Flag cleared',
        message: 'The clearing is in the history.',
        closeButtonProps: DISMISS,
      });
      setReason(null);
      await invalidate(detail.id);
    },
    onError: async (error) => {
      const { text: message } = describeError(error);
      notifications.show({
        color: 'red',
        title: 'The flag was not cleared',
        message,
        closeButtonProps: DISMISS,
      });
      await invalidate(detail.id);
    },
  });
  const flag = detail.flag;
  if (!flag || !canClear) return null;
  return (
    <Section id="flag-clear" title="Flag">
      <Stack gap="sm">
        <Text size="sm">
          {CASE_FLAG_LABELS[flag.kind]} ({flag.detail}), flagged {formatDateTime(flag.at)}.
        </Text>
        <Radio.Group
          label="Why clear it?"
          value={reason}
          onChange={(value) => setReason(CaseFlagClearReason.parse(value))}
        >
          <Stack gap={6} mt={4}>
            {CaseFlagClearReason.options.map((option) => (
              <Radio key={option} value={option} label={CASE_FLAG_CLEAR_REASON_LABELS[option]} />
            ))}
          </Stack>
        </Radio.Group>
        <Group>
          <Button
            size="xs"
            variant="light"
            color="orange"
            disabled={reason === null}
            loading={clear.isPending}
            onClick={() => reason && clear.mutate(reason)}
          >
            Clear flag
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}
