import { ActionIcon, Button, Group, Stack, TextInput, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconPlus, IconTrash } from '@tabler/icons-react';

export interface KeyValueRow {
  /** Stable identity for React and for per-row errors; never sent. */
  rowId: string;
  key: string;
  value: string;
  /** Marked for removal but still shown (struck out) so the removal can be undone before saving. */
  removed?: boolean;
}

export interface KeyValueEditorProps<R extends KeyValueRow> {
  rows: R[];
  onChange: (rows: R[]) => void;
  /** A blank row for "Add row". */
  newRow: () => R;
  /**
   * Rows that already exist where they are saved: removing one marks it `removed` (with an undo)
   * instead of dropping it, so the save can send the deletion. Without it every removal drops the row.
   */
  isStored?: (row: R) => boolean;
  /** Error per `rowId`, shown under the row's key. */
  rowErrors?: Readonly<Record<string, string | undefined>>;
  /** The editor never goes below this many rows (the last one cannot be removed). */
  minRows?: number;
  maxRows?: number;
  keyMaxLength?: number;
  valueMaxLength?: number;
}

/**
 * Key/value rows: the case's own metadata and the metadata sent to a provider's task are edited with
 * the same controls, labels and keyboard order. The caller owns validation and what a save sends.
 */
export function KeyValueEditor<R extends KeyValueRow>({
  rows,
  onChange,
  newRow,
  isStored,
  rowErrors = {},
  minRows = 0,
  maxRows,
  keyMaxLength,
  valueMaxLength,
}: KeyValueEditorProps<R>) {
  const update = (rowId: string, patch: Partial<KeyValueRow>) =>
    onChange(rows.map((row) => (row.rowId === rowId ? { ...row, ...patch } : row)));
  const remove = (row: R) =>
    isStored?.(row)
      ? update(row.rowId, { removed: true })
      : onChange(rows.filter((candidate) => candidate.rowId !== row.rowId));

  return (
    <Stack gap="xs">
      {rows.map((row, index) => {
        const name = row.key.trim() || `row ${index + 1}`;
        return (
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
              maxLength={keyMaxLength}
            />
            <TextInput
              aria-label={`Value ${index + 1}`}
              placeholder="value"
              value={row.value}
              onChange={(event) => update(row.rowId, { value: event.currentTarget.value })}
              disabled={row.removed}
              style={{ flex: 1 }}
              size="xs"
              maxLength={valueMaxLength}
            />
            {row.removed ? (
              <Tooltip label="Keep this row">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Keep ${name}`}
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
                  aria-label={`Remove ${name}`}
                  disabled={rows.length <= minRows}
                  onClick={() => remove(row)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        );
      })}
      <Group>
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          disabled={maxRows !== undefined && rows.length >= maxRows}
          onClick={() => onChange([...rows, newRow()])}
        >
          Add row
        </Button>
      </Group>
    </Stack>
  );
}
