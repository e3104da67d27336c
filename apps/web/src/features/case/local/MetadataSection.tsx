import type { MetadataEntry } from '@backoffice/contracts';
import { ActionIcon, Alert, Button, Group, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { putMetadata } from '../../../api/endpoints';
import { useIdempotencyKey } from '../../../api/idempotency';
import { ErrorState } from '../../../components/ErrorState';
import { formatDateTime } from '../../../components/format';
import { useInvalidateCase } from '../../actions/useCaseMutationInvalidation';
import { useCan } from '../../auth/useMe';
import { Section } from '../Section';
import { buildMetadataRequest, type DraftRow, draftFrom } from './metadataDraft';

let nextRowId = 0;

function MetadataEditor({
  caseId,
  metadata,
  onDone,
}: {
  caseId: number;
  metadata: MetadataEntry[];
  onDone: () => void;
}) {
  const [rows, setRows] = useState<DraftRow[]>(() => draftFrom(metadata));
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const invalidate = useInvalidateCase();
  const intent = useIdempotencyKey();
  const save = useMutation({
    mutationFn: (request: Parameters<typeof putMetadata>[1]) =>
      putMetadata(caseId, request, intent.keyFor({ caseId, request })),
    onSuccess: async () => {
      intent.settle();
      onDone();
      await invalidate(caseId);
    },
    onError: (error) => intent.settle(error),
  });

  const update = (rowId: string, patch: Partial<DraftRow>) =>
    setRows((current) => current.map((row) => (row.rowId === rowId ? { ...row, ...patch } : row)));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const result = buildMetadataRequest(rows, metadata);
    if (!result.ok) {
      setRowErrors(result.rowErrors);
      setFormError(result.formError);
      return;
    }
    setRowErrors({});
    setFormError(null);
    if (result.request === null) {
      onDone();
      return;
    }
    save.mutate(result.request);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Edit metadata">
      <Stack gap="xs">
        {rows.map((row, index) => (
          <Group key={row.rowId} gap="xs" align="flex-start" wrap="nowrap" opacity={row.removed ? 0.5 : 1}>
            <TextInput
              aria-label={`Key ${index + 1}`}
              placeholder="key"
              value={row.key}
              onChange={(event) => update(row.rowId, { key: event.currentTarget.value })}
              error={rowErrors[row.rowId]}
              disabled={row.removed}
              style={{ flex: '0 0 38%' }}
              size="xs"
              maxLength={64}
            />
            <TextInput
              aria-label={`Value ${index + 1}`}
              placeholder="value"
              value={row.value}
              onChange={(event) => update(row.rowId, { value: event.currentTarget.value })}
              disabled={row.removed}
              style={{ flex: 1 }}
              size="xs"
              maxLength={1000}
            />
            {row.removed ? (
              <Tooltip label="Keep this row">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Keep ${row.originalKey ?? `row ${index + 1}`}`}
                  onClick={() => update(row.rowId, { removed: false })}
                >
                  <IconArrowBackUp size={16} />
                </ActionIcon>
              </Tooltip>
            ) : (
              <Tooltip label="Remove this row">
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove ${row.key || `row ${index + 1}`}`}
                  onClick={() =>
                    row.originalKey === null
                      ? setRows((current) => current.filter((candidate) => candidate.rowId !== row.rowId))
                      : update(row.rowId, { removed: true })
                  }
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        ))}
        <Group justify="space-between">
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              setRows((current) => [
                ...current,
                { rowId: `new:${nextRowId++}`, originalKey: null, key: '', value: '', removed: false },
              ])
            }
          >
            Add row
          </Button>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={onDone} disabled={save.isPending}>
              Cancel
            </Button>
            <Button size="xs" type="submit" loading={save.isPending}>
              Save metadata
            </Button>
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          Keys: letters, digits, dot, dash and underscore, up to 64 characters.
        </Text>
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        {save.isError && <ErrorState title="Metadata was not saved" error={save.error} />}
      </Stack>
    </form>
  );
}

/** Our own key/value notes on a case (e.g. an internal ticket number); not sent to the provider. */
export function MetadataSection({ caseId, metadata }: { caseId: number; metadata: MetadataEntry[] }) {
  const canEdit = useCan('cases:comment');
  const [editing, setEditing] = useState(false);
  const sorted = [...metadata].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <Section
      id="metadata"
      title="Metadata"
      aside={
        canEdit && !editing ? (
          <Button size="xs" variant="light" onClick={() => setEditing(true)}>
            Edit
          </Button>
        ) : null
      }
    >
      {editing ? (
        <MetadataEditor caseId={caseId} metadata={sorted} onDone={() => setEditing(false)} />
      ) : sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          No metadata on this case.
        </Text>
      ) : (
        <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing={0} aria-label="Case metadata">
          <Table.Tbody>
            {sorted.map((entry) => (
              <Table.Tr key={entry.key}>
                <Table.Td
                  w="40%"
                  style={{ verticalAlign: 'top', overflowWrap: 'anywhere' }}
                  title={`Set by ${entry.updatedBy.name}, ${formatDateTime(entry.updatedAt)}`}
                >
                  <Text size="sm" ff="monospace" c="dimmed">
                    {entry.key}
                  </Text>
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm">{entry.value}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
