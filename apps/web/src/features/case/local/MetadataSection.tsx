import type { MetadataEntry } from '@backoffice/contracts';
import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { putMetadata } from '../../../api/endpoints';
import { useIdempotentMutation } from '../../../api/idempotency';
import { ErrorState } from '../../../components/ErrorState';
import { formatDateTime } from '../../../components/format';
import { KeyValueEditor } from '../../../components/KeyValueEditor';
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
  const save = useIdempotentMutation({
    mutationFn: (request: Parameters<typeof putMetadata>[1], idempotencyKey) =>
      putMetadata(caseId, request, idempotencyKey),
    intentOf: (request) => ({ caseId, request }),
    onSuccess: async () => {
      onDone();
      await invalidate(caseId);
    },
  });

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
        <KeyValueEditor
          rows={rows}
          onChange={setRows}
          newRow={() => ({
            rowId: `new:${nextRowId++}`,
            originalKey: null,
            key: '',
            value: '',
            removed: false,
          })}
          isStored={(row) => row.originalKey !== null}
          rowErrors={rowErrors}
          keyMaxLength={64}
          valueMaxLength={1000}
        />
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onDone} disabled={save.isPending}>
            Cancel
          </Button>
          <Button size="xs" type="submit" loading={save.isPending}>
            Save metadata
          </Button>
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
