import type { DriftView } from '@backoffice/contracts';
import { Alert, Button, Modal, Radio, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIdempotencyKey } from '../../api/idempotency';
import { caseKeys } from '../../app/queryKeys';
import { RequestErrorAlert } from '../../components/ErrorState';
import { DialogActions } from '../../components/FormActions';
import { driftKeys, postDriftDecision, postDriftResolve } from './driftApi';
import { statusLabel } from './labels';

type Resolution = 'accept_provider' | 'push_ours';

const RESOLVED_MESSAGE: Record<Resolution, string> = {
  accept_provider: "The case now holds the provider's state.",
  push_ours: 'Our decision is queued for the provider; the approvals page shows its progress.',
};

function Sides({ drift }: { drift: DriftView }) {
  return (
    <Table withTableBorder aria-label="Our decision and the provider's state">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Side</Table.Th>
          <Table.Th scope="col">Case status</Table.Th>
          <Table.Th scope="col">Provider status</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th scope="row">Ours</Table.Th>
          <Table.Td>{statusLabel(drift.ours.status)}</Table.Td>
          <Table.Td>{drift.ours.providerStatus}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">Provider</Table.Th>
          <Table.Td>{statusLabel(drift.theirs.status)}</Table.Td>
          <Table.Td>{drift.theirs.providerStatus}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

/**
 * Resolve a drift: take the provider's state, or send our decision again. A resolution that reverses a
 * decision waits for a second manager, who approves or rejects it here.
 */
export function DriftResolveDialog({
  drift,
  meId,
  onClose,
}: {
  drift: DriftView;
  meId: string | null;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const { keyFor, settle } = useIdempotencyKey();
  const [resolution, setResolution] = useState<Resolution>(
    drift.pushRefusal ? 'accept_provider' : 'push_ours',
  );
  const done = async (result: DriftView) => {
    notifications.show({
      title: result.status === 'resolved' ? 'Drift resolved' : 'Waiting for a second manager',
      message:
        result.status === 'resolved' && result.resolution && result.resolution !== 'provider_matches'
          ? RESOLVED_MESSAGE[result.resolution]
          : result.status === 'open'
            ? 'The resolution was rejected; the drift stays open.'
            : 'Another manager must approve this resolution.',
    });
    await client.invalidateQueries({ queryKey: driftKeys.all });
    await client.invalidateQueries({ queryKey: caseKeys.all });
    onClose();
  };
  const resolve = useMutation({
    mutationFn: () => {
      const body = { resolution };
      return postDriftResolve(drift.id, body, keyFor({ id: drift.id, body }));
    },
    onSettled: (_data, error) => settle(error ?? undefined),
    onSuccess: done,
  });
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') => postDriftDecision(drift.id, { decision }),
    onSuccess: done,
  });
  const error = resolve.error ?? decide.error;
  const awaiting = drift.status === 'awaiting_approval';
  const ownRequest = awaiting && drift.requestedBy === meId;
  const fourEyes = drift.fourEyes[resolution];

  return (
    <Modal opened onClose={onClose} title={`Resolve drift on case #${drift.caseId}`} size="lg">
      <Stack gap="sm">
        <Sides drift={drift} />
        {awaiting ? (
          <Alert color="yellow" title="Awaiting a second manager">
            <Text size="sm">
              Requested:{' '}
              {drift.resolution === 'push_ours' ? 'push our decision again' : "accept the provider's state"}.
              {ownRequest ? ' You requested it; another manager must approve or reject it.' : ''}
            </Text>
          </Alert>
        ) : (
          <Radio.Group
            label="Resolution"
            value={resolution}
            onChange={(value) => setResolution(value as Resolution)}
          >
            <Stack gap="xs" mt="xs">
              <Radio
                value="accept_provider"
                label="Accept the provider's state"
                description="The case takes the status the provider reports."
              />
              <Radio
                value="push_ours"
                label="Push our decision again"
                disabled={drift.pushRefusal !== null}
                description={drift.pushRefusal ?? 'Sent to the provider through the outbox, with retries.'}
              />
            </Stack>
          </Radio.Group>
        )}
        {!awaiting && fourEyes && <Text size="sm">Needs a second manager: {fourEyes}.</Text>}
        {error && <RequestErrorAlert title="Not done" error={error} />}
        <DialogActions onCancel={onClose}>
          {awaiting ? (
            !ownRequest && (
              <>
                <Button
                  color="red"
                  variant="light"
                  loading={decide.isPending && decide.variables === 'reject'}
                  onClick={() => decide.mutate('reject')}
                >
                  Reject resolution
                </Button>
                <Button
                  loading={decide.isPending && decide.variables === 'approve'}
                  onClick={() => decide.mutate('approve')}
                >
                  Approve resolution
                </Button>
              </>
            )
          ) : (
            <Button onClick={() => resolve.mutate()} loading={resolve.isPending}>
              {fourEyes ? 'Request resolution' : 'Resolve'}
            </Button>
          )}
        </DialogActions>
      </Stack>
    </Modal>
  );
}
