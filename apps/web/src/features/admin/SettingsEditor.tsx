import { Button, Group, List, Modal, NumberInput, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
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

/** What a draft changes against the saved values, as a card's change function (`changeOf`) works it out. */
export interface SettingsChange {
  /** The body a save sends, not yet validated: only what the draft changes. */
  request: Record<string, unknown>;
  /** One line a change, "Label: old → new", listed in the review before saving. */
  lines: string[];
  /** Fields the draft leaves without a usable value, with the message shown under each. */
  missing: FieldErrors;
}

type ParsedRequest<Request> =
  | { success: true; data: Request }
  | {
      success: false;
      error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> };
    };

/** The part of a request schema the editor uses (zod's `safeParse`), so the web app needs no zod itself. */
export interface RequestSchema<Request> {
  safeParse(input: unknown): ParsedRequest<Request>;
}

/** A validated save waiting for its confirmation: the request that will be sent and its change lines. */
export interface SettingsReview<Request> {
  request: Request;
  lines: string[];
}

export interface SettingsEditor<Draft, Request> {
  draft: Draft;
  setDraft: (draft: Draft) => void;
  /** The field errors of the last review. */
  errors: FieldErrors;
  /** Whether the draft changes anything (Discard and Save… are enabled). */
  dirty: boolean;
  discard: () => void;
  /**
   * Validates the change: with missing or invalid fields it shows their errors and stays closed, else it
   * opens the confirmation. Returns whether it opened.
   */
  review: () => boolean;
  /** The confirmation's contents while it is open. */
  reviewing: SettingsReview<Request> | null;
  closeReview: () => void;
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
 * The change of a card whose fields are all numbers saved as they are: the changed numbers are sent,
 * one line per change, and an emptied field is an error.
 */
export function numberFieldsChange<K extends string>(
  fields: ReadonlyArray<{ key: K; label: string }>,
  saved: Record<K, unknown>,
  draft: Record<K, number | string | null>,
): SettingsChange & { request: Record<string, number> } {
  const keys = fields.map((field) => field.key);
  const request = changedNumbers(keys, saved, draft);
  return {
    request,
    lines: fields
      .filter((field) => request[field.key] !== undefined)
      .map((field) => `${field.label}: ${String(saved[field.key])} → ${request[field.key]}`),
    missing: emptiedFields(keys, saved, draft),
  };
}

/**
 * A settings card's edits: the draft, made from the saved values and made again whenever they change;
 * the change it makes (`changeOf`); the field errors of the last review; and the confirmation, opened
 * only for a request `requestSchema` accepts. `discard` drops the draft's edits and the errors.
 */
export function useSettingsDraft<Saved, Draft, Request>(options: {
  saved: Saved;
  toDraft: (saved: Saved) => Draft;
  changeOf: (saved: Saved, draft: Draft) => SettingsChange;
  requestSchema: RequestSchema<Request>;
}): SettingsEditor<Draft, Request> {
  const { saved, toDraft, changeOf, requestSchema } = options;
  const [draft, setDraft] = useState<Draft>(() => toDraft(saved));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [reviewing, setReviewing] = useState<SettingsReview<Request> | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only new saved values start a new draft
  useEffect(() => setDraft(toDraft(saved)), [saved]);
  const change = changeOf(saved, draft);

  const discard = () => {
    setDraft(toDraft(saved));
    setErrors({});
  };

  const review = () => {
    const parsed = requestSchema.safeParse(change.request);
    const next: FieldErrors = { ...change.missing };
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        if (typeof key === 'string') next[key] = issue.message;
      }
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) return false;
    setReviewing({ request: parsed.data, lines: change.lines });
    return true;
  };

  return {
    draft,
    setDraft,
    errors,
    dirty: change.lines.length > 0,
    discard,
    review,
    reviewing,
    closeReview: () => setReviewing(null),
  };
}

/** The heading of a settings card with its "Discard changes" and "Save…" buttons (Save opens the confirmation). */
function SettingsEditorHeader(props: {
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
function ConfirmSaveModal(props: ConfirmSaveProps) {
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

/** What the confirmation says besides the change lines. */
export interface SettingsReviewTexts {
  title: string;
  intro?: ReactNode;
  note?: ReactNode;
  /** The title of the save's error, shown in the confirmation. */
  errorTitle: string;
}

/**
 * A settings card: its heading with Discard and Save…, its fields (`children`), and the save's
 * confirmation, which sends the reviewed request with `save` and closes once it succeeds.
 */
export function SettingsCard<Draft, Request, Saved>(props: {
  /** The card's accessible name. */
  label: string;
  heading: ReactNode;
  editor: SettingsEditor<Draft, Request>;
  save: UseMutationResult<Saved, Error, Request>;
  review: SettingsReviewTexts;
  children: ReactNode;
}) {
  const { editor, save } = props;
  const openReview = () => {
    // A new review starts without the error of an earlier attempt.
    if (editor.review()) save.reset();
  };
  const confirmSave = () => {
    if (editor.reviewing) save.mutate(editor.reviewing.request, { onSuccess: editor.closeReview });
  };
  return (
    <Paper withBorder radius="sm" p="md" component="section" aria-label={props.label}>
      <Stack gap="md">
        <SettingsEditorHeader
          heading={props.heading}
          dirty={editor.dirty}
          onDiscard={editor.discard}
          onReview={openReview}
        />
        {props.children}
      </Stack>
      <ConfirmSaveModal
        {...props.review}
        opened={editor.reviewing !== null}
        onClose={editor.closeReview}
        lines={editor.reviewing?.lines ?? []}
        error={save.isError ? save.error : null}
        pending={save.isPending}
        onSave={confirmSave}
      />
    </Paper>
  );
}
