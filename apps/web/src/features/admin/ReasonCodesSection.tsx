import { CaseActionType, type ReasonCode, ReasonCodeKey, SaveReasonCodeRequest } from '@backoffice/contracts';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useInputState } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { putReasonCode } from '../../api/endpoints';
import { actionKeys } from '../../app/queryKeys';
import { describeError } from '../../components/ErrorState';
import { Heading } from '../../components/Heading';
import { notifySaved } from '../../components/notify';
import { QueryCard } from '../../components/QueryView';
import { useReasonCodes } from '../actions/ActionDialog';
import { ACTION_TYPE_LABELS } from '../actions/labels';

/** Actions a reason can be given for (comments and metadata to the provider take none). */
const DECISION_TYPES = CaseActionType.options.filter(
  (type) => type !== 'provider_comment' && type !== 'provider_metadata',
);
const TYPE_OPTIONS = DECISION_TYPES.map((type) => ({ value: type, label: ACTION_TYPE_LABELS[type] }));

function useSaveReason() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: SaveReasonCodeRequest }) => putReasonCode(code, body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: actionKeys.reasonCodes });
      notifySaved('Reason saved', `${saved.label} (${saved.code})`);
    },
  });
}

function ReasonRow({ reason }: { reason: ReasonCode }) {
  const [label, setLabel] = useInputState(reason.label);
  const [appliesTo, setAppliesTo] = useState<string[]>(reason.appliesTo);
  const save = useSaveReason();
  const body = SaveReasonCodeRequest.safeParse({ label, appliesTo, active: reason.active });
  const changed = label !== reason.label || appliesTo.join() !== reason.appliesTo.join();
  return (
    <Table.Tr>
      <Table.Td>
        <Text ff="monospace" size="sm">
          {reason.code}
        </Text>
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={`Label of ${reason.code}`}
          value={label}
          onChange={setLabel}
          error={label.trim() === '' ? 'Required' : undefined}
        />
      </Table.Td>
      <Table.Td miw={260}>
        <MultiSelect
          aria-label={`Actions for ${reason.code}`}
          data={TYPE_OPTIONS}
          value={appliesTo}
          onChange={setAppliesTo}
          error={appliesTo.length === 0 ? 'Choose at least one' : undefined}
        />
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={`${reason.code} in use`}
          checked={reason.active}
          disabled={save.isPending}
          onChange={(event) =>
            save.mutate({
              code: reason.code,
              body: { label: reason.label, appliesTo: reason.appliesTo, active: event.currentTarget.checked },
            })
          }
        />
      </Table.Td>
      <Table.Td>
        <Button
          size="xs"
          variant="light"
          disabled={!changed || !body.success}
          loading={save.isPending}
          onClick={() => body.success && save.mutate({ code: reason.code, body: body.data })}
        >
          Save
        </Button>
        {save.error && (
          <Text size="xs" c="red" mt={4}>
            {describeError(save.error).text}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function NewReasonForm({ existing }: { existing: ReasonCode[] }) {
  const [code, setCode] = useInputState('');
  const [label, setLabel] = useInputState('');
  const [appliesTo, setAppliesTo] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useSaveReason();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const key = ReasonCodeKey.safeParse(code.trim());
    if (!key.success) return setProblem(`Code: ${key.error.issues[0]?.message ?? 'invalid'}`);
    if (existing.some((reason) => reason.code === key.data))
      return setProblem('That code exists; edit it above.');
    const body = SaveReasonCodeRequest.safeParse({ label, appliesTo, active: true });
    if (!body.success) return setProblem('Give a label and at least one action.');
    setProblem(null);
    save.mutate(
      { code: key.data, body: body.data },
      {
        onSuccess: () => {
          setCode('');
          setLabel('');
          setAppliesTo([]);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label="New reason">
      <Group align="flex-end" wrap="wrap" gap="sm">
        <TextInput
          label="Code"
          placeholder="e.g. source_of_funds_unclear"
          value={code}
          onChange={setCode}
          w={230}
        />
        <TextInput label="Label" value={label} onChange={setLabel} w={260} />
        <Checkbox.Group label="For actions" value={appliesTo} onChange={setAppliesTo}>
          <Group gap="sm" mt={6} mb={8}>
            {TYPE_OPTIONS.map((option) => (
              <Checkbox key={option.value} value={option.value} label={option.label} />
            ))}
          </Group>
        </Checkbox.Group>
        <Button type="submit" loading={save.isPending}>
          Add reason
        </Button>
      </Group>
      {(problem || save.error) && (
        <Alert color="red" mt="sm" role="alert">
          {problem ?? describeError(save.error).text}
        </Alert>
      )}
    </form>
  );
}

/** The decision reasons reviewers pick from; retired reasons stay in history but cannot be chosen. */
export function ReasonCodesSection() {
  const reasons = useReasonCodes();
  return (
    <Stack gap="sm">
      <Heading order={2} title="Decision reasons">
        Every decision names one of these. Codes are kept for the audit trail: retire a reason instead of
        deleting it.
      </Heading>
      <QueryCard
        query={reasons}
        errorTitle="The reasons could not be loaded"
        loadingLabel="Loading reasons"
        skeletonHeight={200}
      >
        {(codes) => (
          <>
            <Table verticalSpacing="xs" aria-label="Decision reasons">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Code</Table.Th>
                  <Table.Th>Label</Table.Th>
                  <Table.Th>For actions</Table.Th>
                  <Table.Th>In use</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {codes.map((reason) => (
                  <ReasonRow
                    key={`${reason.code}:${reason.label}:${reason.appliesTo.join()}`}
                    reason={reason}
                  />
                ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed" mt="xs">
              <Badge size="xs" variant="light" mr={4}>
                {codes.filter((reason) => reason.active).length} in use
              </Badge>
              of {codes.length}
            </Text>
            <Stack mt="md">
              <NewReasonForm existing={codes} />
            </Stack>
          </>
        )}
      </QueryCard>
    </Stack>
  );
}
