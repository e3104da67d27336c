import { Button, Group, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

/** A dialog's Cancel button, right-aligned before the dialog's own buttons (`children`). */
export function DialogActions({
  onCancel,
  cancelDisabled,
  gap,
  mt,
  children,
}: {
  onCancel: () => void;
  cancelDisabled?: boolean;
  gap?: MantineSpacing;
  mt?: MantineSpacing;
  children: ReactNode;
}) {
  return (
    <Group justify="flex-end" gap={gap} mt={mt}>
      <Button variant="default" onClick={onCancel} disabled={cancelDisabled}>
        Cancel
      </Button>
      {children}
    </Group>
  );
}

/** A dialog form's Cancel and submit buttons; Cancel is locked while the submission is in flight. */
export function FormActions({
  onCancel,
  pending,
  submitColor,
  submitDisabled,
  gap,
  mt,
  children,
}: {
  onCancel: () => void;
  pending: boolean;
  submitColor?: string;
  submitDisabled?: boolean;
  gap?: MantineSpacing;
  mt?: MantineSpacing;
  /** The submit button's label. */
  children: ReactNode;
}) {
  return (
    <DialogActions onCancel={onCancel} cancelDisabled={pending} gap={gap} mt={mt}>
      <Button type="submit" color={submitColor} loading={pending} disabled={submitDisabled}>
        {children}
      </Button>
    </DialogActions>
  );
}
