import { Button, Group, List, Modal, NumberInput, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';
import { ErrorState } from '../../components/ErrorState';

/** The numbers a draft changes, by key (as a what-if and a save take them); empty fields are left out. */
export function changedNumbers<K extends string>(
  keys: readonly K[],
  saved: Record<K, unknown>,
  draft: Record<K, number | string | null>,
): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const key of keys) {
    const next = draft[key];
    if (typeof next === 'number' && next !== saved[key]) changed[key] = next;
  }
  return changed;
}

/** Field errors by field key: why a value cannot be saved as it is. */
export type FieldErrors = Partial<Record<string, string>>;

/** What a draft changes against the saved values, as a card's change function works it out. */
export interface SettingsChange {
  /** The body a save sends, not yet validated: only what the draft changes. */
  request: Record<string, unknown>;
  /** One line a change, "Label: old → new", listed in the review before saving. */
  lines: string[];
  /** Fields the draft leaves without a usable value, with the message shown under each. */
  missing: FieldErrors;
}

/** Fields that had a saved value and are empty in the draft: a value can be changed here, not removed. */
export function emptiedFields<K extends string>(
  keys: readonly K[],
  saved: Record<K, unknown>,
  draft: Record<K, number | string | null>,
): FieldErrors {
  const missing: FieldErrors = {};
  for (const key of keys) {
    const value = draft[key];
    if ((value === '' || value === null) && saved[key] !== null) missing[key] = 'Enter a value.';
  }
  return missing;
}

/**
 * A settings card's edits: the draft, made from the saved values and made again whenever they change,
 * and the field errors of the last review; `discard` drops both. `toDraft` is a module-level function
 * (a new one each render would remake the draft each render).
 */
export function useSettingsDraft<Saved, Draft>(saved: Saved, toDraft: (saved: Saved) => Draft) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(saved));
  const [errors, setErrors] = useState<Partial<Record<Extract<keyof Draft, string>, string>>>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: only new saved values start a new draft
  useEffect(() => setDraft(toDraft(saved)), [saved]);
  const discard = () => {
    setDraft(toDraft(saved));
    setErrors({});
  };
  return { draft, setDraft, errors, setErrors, discard };
}

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

interface ConfirmSaveProps {
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
}

/** The confirmation before a settings save: what changes (old → new), a note, the save's error if any. */
export function ConfirmSaveModal(props: ConfirmSaveProps) {
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
export function NumberFieldGrid<K extends string, Draft extends Record<K, number | string | null>>(props: {
  fields: ReadonlyArray<{ key: K; label: string; description: string; max: number }>;
  draft: Draft;
  onDraftChange: (draft: Draft) => void;
  errors: Partial<Record<K, string>>;
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
          value={props.draft[field.key] ?? ''}
          placeholder={props.placeholder?.(field.key)}
          // Without the `bigint` mode the input only reports numbers (or text while it is being typed).
          onChange={(value) => props.onDraftChange({ ...props.draft, [field.key]: value as number | string })}
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

/** A settings card: its heading with Discard and Save…, its fields (`children`), and the save's confirmation. */
export function SettingsCard(props: {
  /** The card's accessible name. */
  label: string;
  heading: ReactNode;
  dirty: boolean;
  onDiscard: () => void;
  onReview: () => void;
  confirmation: ConfirmSaveProps;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="sm" p="md" component="section" aria-label={props.label}>
      <Stack gap="md">
        <SettingsEditorHeader
          heading={props.heading}
          dirty={props.dirty}
          onDiscard={props.onDiscard}
          onReview={props.onReview}
        />
        {props.children}
      </Stack>
      <ConfirmSaveModal {...props.confirmation} />
    </Paper>
  );
}
