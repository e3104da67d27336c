import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
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
