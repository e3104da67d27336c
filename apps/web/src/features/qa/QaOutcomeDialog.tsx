import { QA_REASON_CODES, type QaItemView, type QaOutcome, type QaReasonCode } from '@backoffice/contracts';
import { Button, Modal, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useInputState } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIdempotencyKey } from '../../api/idempotency';
import { caseKeys } from '../../app/queryKeys';
import { RequestErrorAlert } from '../../components/ErrorState';
import { DialogActions } from '../../components/FormActions';
import { postQaOutcome, qaKeys } from './qaApi';

const reasonsFor = (outcome: QaOutcome) =>
  (Object.entries(QA_REASON_CODES) as [QaReasonCode, (typeof QA_REASON_CODES)[QaReasonCode]][])
    .filter(([, reason]) => reason.outcome === outcome)
    .map(([value, reason]) => ({ value, label: reason.label }));

/** Agree or disagree with a sampled decision; a disagreement flags the case for a manager. */
export function QaOutcomeDialog({ item, onClose }: { item: QaItemView; onClose: () => void }) {
  const client = useQueryClient();
  const { keyFor, settle } = useIdempotencyKey();
  const [outcome, setOutcome] = useState<QaOutcome>('agree');
  const [reasonCode, setReasonCode] = useState<QaReasonCode | null>('decision_correct');
  const [note, setNote] = useInputState('');
  const record = useMutation({
    mutationFn: () => {
      const body = { outcome, reasonCode: reasonCode!, ...(note.trim() ? { note: note.trim() } : {}) };
      return postQaOutcome(item.id, body, keyFor({ id: item.id, body }));
    },
    onSettled: (_data, error) => settle(error ?? undefined),
    onSuccess: async (result) => {
      notifications.show({
        title: result.status === 'agreed' ? 'Agreement recorded' : 'Disagreement recorded',
        message: result.followUpFlagged
          ? `Case #${result.caseId} is flagged for a manager.`
          : `QA item #${result.id} is closed.`,
      });
      await client.invalidateQueries({ queryKey: qaKeys.all });
      await client.invalidateQueries({ queryKey: caseKeys.all });
      onClose();
    },
  });
  const needsNote = outcome === 'disagree' && note.trim().length === 0;
  return (
    <Modal opened onClose={onClose} title={`QA outcome for case #${item.caseId}`} size="lg">
      <Stack gap="sm">
        <SegmentedControl
          aria-label="Outcome"
          value={outcome}
          onChange={(value) => {
            const next = value as QaOutcome;
            setOutcome(next);
            setReasonCode(reasonsFor(next)[0]?.value ?? null);
          }}
          data={[
            { value: 'agree', label: 'Agree' },
            { value: 'disagree', label: 'Disagree' },
          ]}
        />
        <Select
          label="Reason"
          required
          data={reasonsFor(outcome)}
          value={reasonCode}
          onChange={(value) => setReasonCode(value as QaReasonCode | null)}
          allowDeselect={false}
        />
        <Textarea
          label="Note"
          description={
            outcome === 'disagree'
              ? 'Required: what is wrong. Kept with the QA item, never in the audit log.'
              : 'Optional. Kept with the QA item, never in the audit log.'
          }
          autosize
          minRows={3}
          maxLength={2000}
          value={note}
          onChange={setNote}
        />
        {outcome === 'disagree' && (
          <Text size="sm">The case will be flagged “QA disagreement” for a manager to follow up.</Text>
        )}
        {record.error && <RequestErrorAlert title="Not recorded" error={record.error} />}
        <DialogActions onCancel={onClose}>
          <Button
            onClick={() => record.mutate()}
            loading={record.isPending}
            disabled={!reasonCode || needsNote}
            color={outcome === 'disagree' ? 'red' : undefined}
          >
            {outcome === 'agree' ? 'Record agreement' : 'Record disagreement'}
          </Button>
        </DialogActions>
      </Stack>
    </Modal>
  );
}
