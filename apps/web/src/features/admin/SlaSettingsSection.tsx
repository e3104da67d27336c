import {
  CaseKind,
  Provider,
  ROUTES,
  routePath,
  type SlaPolicy,
  SlaPolicyChange,
  SlaPolicy as SlaPolicySchema,
  type SlaRule,
} from '@backoffice/contracts';
import { Button, Group, NumberInput, Paper, Select, Stack, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiRequest } from '../../api/client';
import { describeError } from '../../components/ErrorState';
import { Heading } from '../../components/Heading';

const KEY = ['settings', 'sla'] as const;
const PROVIDERS = ['*', ...Provider.options];
const KINDS = ['*', ...CaseKind.options];
const BANDS = ['*', 'very_high', 'high', 'medium', 'low_medium', 'low'];
const label = (value: string) => (value === '*' ? 'Any' : value.replace(/_/g, ' '));

/** Time to decide per provider, kind and risk band; saving recomputes the due time of open cases. */
export function SlaSettingsSection() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => apiRequest(routePath(ROUTES.slaSettings), SlaPolicySchema, { signal }),
  });
  const [draft, setDraft] = useState<SlaPolicy | null>(null);
  const [adding, setAdding] = useState<SlaRule>({
    provider: '*',
    kind: '*',
    riskBand: 'very_high',
    minutes: 240,
  });
  useEffect(() => {
    if (query.data) setDraft(query.data);
  }, [query.data]);
  const save = useMutation({
    mutationFn: (policy: SlaPolicy) =>
      apiRequest(routePath(ROUTES.slaSettingsSave), SlaPolicyChange, { method: 'PUT', body: policy }),
    onSuccess: async (result) => {
      notifications.show({
        title: 'Due times saved',
        message: `${result.recomputedCases} open cases got a new due time.`,
      });
      await client.invalidateQueries({ queryKey: KEY });
      await client.invalidateQueries({ queryKey: ['cases'] });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not saved', message: describeError(error).text }),
  });
  if (!draft) return null;
  const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
  return (
    <Paper withBorder radius="sm" p="md">
      <Stack gap="sm">
        <Heading order={2} title="Due times">
          How long a case may wait in review. The most specific rule wins (band, then type, then provider).
          Saving recomputes open cases from when they entered review; decided cases keep theirs.
        </Heading>
        <NumberInput
          label="Default (hours)"
          min={0.1}
          step={1}
          maw={200}
          value={hours(draft.defaultMinutes)}
          onChange={(value) =>
            setDraft({ ...draft, defaultMinutes: Math.max(1, Math.round(Number(value) * 60)) })
          }
        />
        <Table aria-label="Due-time rules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Provider</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Risk band</Table.Th>
              <Table.Th>Hours</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {draft.rules.map((rule, index) => (
              <Table.Tr key={`${rule.provider}|${rule.kind}|${rule.riskBand}`}>
                <Table.Td>{label(rule.provider)}</Table.Td>
                <Table.Td>{label(rule.kind)}</Table.Td>
                <Table.Td>{label(rule.riskBand)}</Table.Td>
                <Table.Td>{hours(rule.minutes)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => setDraft({ ...draft, rules: draft.rules.filter((_, i) => i !== index) })}
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group align="flex-end" gap="xs">
          {(
            [
              ['provider', 'Provider', PROVIDERS],
              ['kind', 'Type', KINDS],
              ['riskBand', 'Risk band', BANDS],
            ] as const
          ).map(([field, title, options]) => (
            <Select
              key={field}
              label={title}
              w={160}
              data={options.map((value) => ({ value, label: label(value) }))}
              value={adding[field]}
              onChange={(value) => value && setAdding({ ...adding, [field]: value } as SlaRule)}
            />
          ))}
          <NumberInput
            label="Hours"
            w={100}
            min={0.1}
            value={hours(adding.minutes)}
            onChange={(value) =>
              setAdding({ ...adding, minutes: Math.max(1, Math.round(Number(value) * 60)) })
            }
          />
          <Button variant="default" onClick={() => setDraft({ ...draft, rules: [...draft.rules, adding] })}>
            Add rule
          </Button>
        </Group>
        <Group>
          <Button loading={save.isPending} onClick={() => save.mutate(draft)}>
            Save due times
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
