import { type DittoScoreSettings, UpdateDittoScoreSettingsRequest } from '@backoffice/contracts';
import { Skeleton, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchDittoScores, fetchDittoWhatIf, patchDittoScores } from '../../api/endpoints';
import { useIdempotentMutation } from '../../api/idempotency';
import { settingsKeys } from '../../app/queryKeys';
import { notifySaved } from '../../components/notify';
import { QueryView } from '../../components/QueryView';
import {
  NumberFieldGrid,
  numberFieldsChange,
  SettingsCard,
  type SettingsChange,
  useSettingsDraft,
} from './SettingsEditor';
import { useWhatIfWindow, WhatIfPanel } from './WhatIfPanel';

type Field = keyof DittoScoreSettings;
const FIELDS: Array<{ key: Field; label: string; description: string; max: number }> = [
  {
    key: 'faceMatchMinPercent',
    label: 'Face match: flag below (%)',
    description: 'Face-match percent 0–100',
    max: 100,
  },
  { key: 'livenessMinScore', label: 'Liveness: flag below', description: 'Liveness score 0–100', max: 100 },
];

type Draft = Record<Field, number | string>;
const asDraft = (current: DittoScoreSettings): Draft => current;

/** The values the draft changes; empty when nothing would change. */
export function dittoProposal(current: DittoScoreSettings, draft: Draft): Record<string, number> {
  return numberFieldsChange(FIELDS, current, draft).request;
}

/** Only the changed minimums are sent: the same values the what-if replays. */
export function dittoChange(current: DittoScoreSettings, draft: Draft): SettingsChange {
  return numberFieldsChange(FIELDS, current, draft);
}

function DittoScoresForm({ current }: { current: DittoScoreSettings }) {
  const queryClient = useQueryClient();
  const editor = useSettingsDraft({
    saved: current,
    toDraft: asDraft,
    changeOf: dittoChange,
    requestSchema: UpdateDittoScoreSettingsRequest,
  });
  const replay = useWhatIfWindow();

  const save = useIdempotentMutation({
    mutationFn: (request: UpdateDittoScoreSettingsRequest, idempotencyKey) =>
      patchDittoScores(request, replay.days, idempotencyKey),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKeys.dittoScores, saved);
      void queryClient.invalidateQueries({ queryKey: settingsKeys.dittoScores });
      notifySaved('Ditto minimum scores saved', 'New submissions use them now.');
    },
  });

  return (
    <SettingsCard
      label="Ditto ID minimum scores"
      heading={
        <>
          <Title order={2} size="h4">
            Ditto ID minimum scores
          </Title>
          <Text size="sm" c="dimmed">
            Settings of this server: a submission scoring below a minimum is flagged and moves up the queue.
          </Text>
        </>
      }
      editor={editor}
      save={save}
      review={{
        title: 'Save the Ditto minimum scores?',
        note: `New submissions are assessed with these values. ${replay.auditNote}`,
        errorTitle: 'The minimum scores were not saved',
      }}
    >
      <NumberFieldGrid
        fields={FIELDS}
        draft={editor.draft}
        onDraftChange={editor.setDraft}
        errors={editor.errors}
        columns={4}
      />
      {editor.dirty && (
        <WhatIfPanel
          scope="ditto"
          proposal={dittoProposal(current, editor.draft)}
          replay={replay}
          queueNoun="Flagged in the queue"
          fetch={(query, signal) => fetchDittoWhatIf(query, signal)}
        />
      )}
    </SettingsCard>
  );
}

export function DittoScoresSection() {
  const query = useQuery({
    queryKey: settingsKeys.dittoScores,
    queryFn: ({ signal }) => fetchDittoScores(signal),
  });
  return (
    <QueryView
      query={query}
      errorTitle="Ditto minimum scores could not be loaded"
      pending={<Skeleton h={160} aria-label="Loading Ditto minimum scores" />}
    >
      {(current) => <DittoScoresForm current={current} />}
    </QueryView>
  );
}
