import { UpdateWorkflowSettingsRequest } from '@backoffice/contracts';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { theme } from '../../app/theme';
import {
  NumberFieldGrid,
  numberFieldsChange,
  SettingsCard,
  type SettingsChange,
  useSettingsDraft,
} from './SettingsEditor';

// Two face-match thresholds: the request schema refuses a decline threshold above the review one.
type Field = 'faceMatchDecline' | 'faceMatchReview';
type Thresholds = Record<Field, number>;
type Draft = Record<Field, number | string>;

const FIELDS: Array<{ key: Field; label: string; description: string; max: number }> = [
  { key: 'faceMatchDecline', label: 'Decline below', description: 'Score 0–100', max: 100 },
  { key: 'faceMatchReview', label: 'Review below', description: 'Score 0–100', max: 100 },
];

const asDraft = (saved: Thresholds): Draft => saved;

const thresholdChange = (saved: Thresholds, draft: Draft): SettingsChange =>
  numberFieldsChange(FIELDS, saved, draft);

function ThresholdsCard({
  saved,
  send,
}: {
  saved: Thresholds;
  send: (request: unknown) => Promise<unknown>;
}) {
  const editor = useSettingsDraft({
    saved,
    toDraft: asDraft,
    changeOf: thresholdChange,
    requestSchema: UpdateWorkflowSettingsRequest,
  });
  const save = useMutation({ mutationFn: send });
  return (
    <SettingsCard
      label="Thresholds"
      heading="Thresholds"
      editor={editor}
      save={save}
      review={{ title: 'Save the thresholds?', note: 'Recorded in the audit log.', errorTitle: 'Not saved' }}
    >
      <NumberFieldGrid
        fields={FIELDS}
        draft={editor.draft}
        onDraftChange={editor.setDraft}
        errors={editor.errors}
        columns={2}
      />
    </SettingsCard>
  );
}

const saved: Thresholds = { faceMatchDecline: 50, faceMatchReview: 70 };

function renderCard(send = vi.fn(async (request: unknown) => request)) {
  render(
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={new QueryClient()}>
        <ThresholdsCard saved={saved} send={send} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { send };
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const type = (label: string, value: string) => fireEvent.change(input(label), { target: { value } });

describe('settings card', () => {
  it('enables Discard and Save… only while the draft changes something, and discard restores the saved values', () => {
    renderCard();
    expect(button('Discard changes').disabled).toBe(true);
    expect(button('Save…').disabled).toBe(true);

    type('Decline below', '60');
    expect(input('Decline below').value).toBe('60');
    expect(button('Discard changes').disabled).toBe(false);
    expect(button('Save…').disabled).toBe(false);

    fireEvent.click(button('Discard changes'));
    expect(input('Decline below').value).toBe('50');
    expect(input('Review below').value).toBe('70');
    expect(button('Save…').disabled).toBe(true);
  });

  it('does not open the confirmation for an invalid draft, and shows what is missing or wrong', () => {
    const { send } = renderCard();
    type('Decline below', '80');
    type('Review below', '');
    fireEvent.click(button('Save…'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Enter a value.')).toBeTruthy();

    // With both values given, the schema's own rule is shown on the field it names.
    type('Review below', '75');
    fireEvent.click(button('Save…'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByText('Enter a value.')).toBeNull();
    expect(
      screen.getByText('The face-match decline threshold must not be above the review threshold.'),
    ).toBeTruthy();
    expect(send).not.toHaveBeenCalled();

    // Discarding drops the errors with the edits.
    fireEvent.click(button('Discard changes'));
    expect(screen.queryByText(/must not be above/)).toBeNull();
  });

  it('lists a valid change in the confirmation and sends its request once on confirm', async () => {
    const { send } = renderCard();
    type('Review below', '75');
    fireEvent.click(button('Save…'));
    const dialog = screen.getByRole('dialog', { name: 'Save the thresholds?' });
    expect(dialog.textContent).toContain('Review below: 70 → 75');
    expect(dialog.textContent).not.toContain('Decline below');
    expect(dialog.textContent).toContain('Recorded in the audit log.');

    fireEvent.click(button('Save changes'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]?.[0]).toEqual({ faceMatchReview: 75 });
  });

  it('keeps the confirmation open with the error of a failed save, and a new review starts without it', async () => {
    const send = vi.fn(async (_request: unknown): Promise<unknown> => {
      throw new Error('Didit is unreachable.');
    });
    renderCard(send);
    type('Review below', '75');
    fireEvent.click(button('Save…'));
    fireEvent.click(button('Save changes'));
    await waitFor(() => expect(screen.getByText('Not saved')).toBeTruthy());
    expect(screen.getByRole('dialog', { name: 'Save the thresholds?' })).toBeTruthy();

    fireEvent.click(button('Cancel'));
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(button('Save…'));
    expect(screen.getByRole('dialog', { name: 'Save the thresholds?' })).toBeTruthy();
    expect(screen.queryByText('Not saved')).toBeNull();
    expect(send).toHaveBeenCalledTimes(1);
  });
});
