import { Button, Group, List, Modal, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorState } from '../../components/ErrorState';

/** The heading of a settings card with its "Discard changes" and "Save…" buttons (Save opens the confirmation). */
export function SettingsEditorHeader(props: {
  heading: ReactNode;
  dirty: boolean;
  onDiscard: () => void;
  onReview: () => void;
}) {
  return (
    <Group justify="space-between">
      <div>{props.heading}</div>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={!props.dirty} onClick={props.onDiscard}>
          Discard changes
        </Button>
        <Button size="xs" disabled={!props.dirty} onClick={props.onReview}>
          Save…
        </Button>
      </Group>
    </Group>
  );
}

/** The confirmation before a settings save: what changes (old → new), a note, the save's error if any. */
export function ConfirmSaveModal(props: {
  opened: boolean;
  title: string;
  intro?: ReactNode;
  lines: string[];
  note?: ReactNode;
  errorTitle: string;
  error: Error | null;
  pending: boolean;
  onClose: () => void;
  onSave: () => void;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title}>
      <Stack gap="md">
        {props.intro}
        <List size="sm" spacing={4}>
          {props.lines.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
        {props.note && (
          <Text size="sm" c="dimmed">
            {props.note}
          </Text>
        )}
        {props.error && <ErrorState title={props.errorTitle} error={props.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onClose} disabled={props.pending}>
            Cancel
          </Button>
          <Button loading={props.pending} onClick={props.onSave}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A settings card's whole-number fields, each from 0 to its `max`, in a grid of up to `columns` a row. */
export function NumberFieldGrid<K extends string>(props: {
  fields: ReadonlyArray<{ key: K; label: string; description: string; max: number }>;
  values: Record<K, number | string | null>;
  errors: Partial<Record<K, string>>;
  onChange: (key: K, value: number | string) => void;
  columns: number;
  allowDecimal?: boolean;
  /** Shown in an empty field. */
  placeholder?: (key: K) => string | undefined;
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: props.columns }} spacing="md">
      {props.fields.map((field) => (
        <NumberInput
          key={field.key}
          label={field.label}
          description={field.description}
          value={props.values[field.key] ?? ''}
          placeholder={props.placeholder?.(field.key)}
          // Without the `bigint` mode the input only reports numbers (or text while it is being typed).
          onChange={(value) => props.onChange(field.key, value as number | string)}
          min={0}
          max={field.max}
          allowDecimal={props.allowDecimal}
          allowNegative={false}
          clampBehavior="none"
          error={props.errors[field.key]}
        />
      ))}
    </SimpleGrid>
  );
}
