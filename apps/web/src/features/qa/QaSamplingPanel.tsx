import type { CaseKind, QaSamplingSettings } from '@backoffice/contracts';
import { Button, Group, NumberInput, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { describeError } from '../../components/ErrorState';
import { CASE_KIND_LABELS, KINDS_BY_PROVIDER, PROVIDER_LABELS } from '../../components/labels';
import { fetchQaSampling, postQaSamplerRun, putQaSampling, qaKeys } from './qaApi';

const PAIRS = (Object.entries(KINDS_BY_PROVIDER) as [keyof typeof KINDS_BY_PROVIDER, CaseKind[]][]).flatMap(
  ([provider, kinds]) => kinds.map((kind) => ({ provider, kind })),
);

/** Sampling rate per provider and kind, and the two "always sample" switches (managers and admins). */
export function QaSamplingPanel() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: qaKeys.settings, queryFn: ({ signal }) => fetchQaSampling(signal) });
  const [draft, setDraft] = useState<QaSamplingSettings | null>(null);
  useEffect(() => {
    if (query.data) setDraft(query.data);
  }, [query.data]);
  const save = useMutation({
    mutationFn: putQaSampling,
    onSuccess: async () => {
      notifications.show({ title: 'Sampling saved', message: 'It applies to cases closed from now on.' });
      await client.invalidateQueries({ queryKey: qaKeys.settings });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not saved', message: describeError(error).message }),
  });
  const run = useMutation({
    mutationFn: postQaSamplerRun,
    onSuccess: async (result) => {
      notifications.show({
        title: 'Sampler ran',
        message: `${result.scanned} closed cases looked at, ${result.sampled} added to the QA queue.`,
      });
      await client.invalidateQueries({ queryKey: qaKeys.all });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Sampler failed', message: describeError(error).message }),
  });
  if (!draft) return null;
  const rateOf = (provider: string, kind: string) =>
    draft.rules.find((r) => r.provider === provider && r.kind === kind)?.ratePercent ?? 0;
  const setRate = (provider: (typeof PAIRS)[number]['provider'], kind: CaseKind, ratePercent: number) =>
    setDraft({
      ...draft,
      rules: [
        ...draft.rules.filter((r) => !(r.provider === provider && r.kind === kind)),
        ...(ratePercent > 0 ? [{ provider, kind, ratePercent }] : []),
      ],
    });
  return (
    <Paper withBorder radius="sm" p="md" component="section" aria-label="QA sampling">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4">
            Sampling
          </Title>
          <Text size="sm">
            Share of approved and declined cases, per provider and type, that enters the QA queue (whoever
            decided: a reviewer or the provider). Changes apply to cases closed from now on.
          </Text>
        </div>
        <Table aria-label="Sampling rates" maw={520}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Provider</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Rate (%)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {PAIRS.map(({ provider, kind }) => (
              <Table.Tr key={`${provider}|${kind}`}>
                <Table.Td>{PROVIDER_LABELS[provider]}</Table.Td>
                <Table.Td>{CASE_KIND_LABELS[kind]}</Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`Rate for ${PROVIDER_LABELS[provider]} ${CASE_KIND_LABELS[kind]}`}
                    min={0}
                    max={100}
                    step={5}
                    allowDecimal={false}
                    clampBehavior="strict"
                    w={100}
                    value={rateOf(provider, kind)}
                    onChange={(value) => setRate(provider, kind, Number(value) || 0)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Switch
          label="Sample every reversal (a case whose decision changed)"
          checked={draft.everyReversal}
          onChange={(event) => setDraft({ ...draft, everyReversal: event.currentTarget.checked })}
        />
        <Switch
          label="Sample every approval of a high or very high risk case"
          checked={draft.everyHighRiskApproval}
          onChange={(event) => setDraft({ ...draft, everyHighRiskApproval: event.currentTarget.checked })}
        />
        <Group>
          <Button onClick={() => save.mutate(draft)} loading={save.isPending}>
            Save sampling
          </Button>
          <Button variant="default" onClick={() => run.mutate()} loading={run.isPending}>
            Run sampler now
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
