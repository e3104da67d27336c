import {
  type DittoScoreSettings,
  UpdateDittoScoreSettingsRequest,
  WHAT_IF_DEFAULT_DAYS,
} from '@backoffice/contracts';
import { Skeleton, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchDittoScores, fetchDittoWhatIf, patchDittoScores } from '../../api/endpoints';
import { useIdempotencyKey } from '../../api/idempotency';
import { settingsKeys } from '../../app/queryKeys';
import { ErrorState } from '../../components/ErrorState';
import {
  changedNumbers,
  emptiedFields,
  NumberFieldGrid,
  SettingsCard,
  type SettingsChange,
  useSettingsDraft,
} from './SettingsEditor';
import { validDays, WhatIfPanel } from './WhatIfPanel';

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

const FIELD_KEYS = FIELDS.map((field) => field.key);

/** The values the draft changes; empty when nothing would change. */
export function dittoProposal(current: DittoScoreSettings, draft: Draft): Record<string, number> {
  return changedNumbers(FIELD_KEYS, current, draft);
}

/** Only the changed minimums are sent: the same values the what-if replays. */
export function dittoChange(current: DittoScoreSettings, draft: Draft): SettingsChange {
  const request = dittoProposal(current, draft);
  return {
    request,
    lines: FIELDS.filter((field) => request[field.key] !== undefined).map(
      (field) => `${field.label}: ${current[field.key]} → ${request[field.key]}`,
    ),
    missing: emptiedFields(FIELD_KEYS, current, draft),
  };
}

function DittoScoresForm({ current }: { current: DittoScoreSettings }) {
  const queryClient = useQueryClient();
  const { draft, setDraft, errors, setErrors, discard } = useSettingsDraft(current, asDraft);
  const [days, setDays] = useState<number | string>(WHAT_IF_DEFAULT_DAYS);
  const [confirm, setConfirm] = useState<{
    request: UpdateDittoScoreSettingsRequest;
    lines: string[];
  } | null>(null);
  const intent = useIdempotencyKey();
  const proposal = dittoProposal(current, draft);
  const { request, lines, missing } = dittoChange(current, draft);
  const dirty = lines.length > 0;

  const save = useMutation({
    mutationFn: (request: UpdateDittoScoreSettingsRequest) =>
      patchDittoScores(request, validDays(days), intent.keyFor(request)),
    onSuccess: (saved) => {
      intent.settle();
      setConfirm(null);
      queryClient.setQueryData(settingsKeys.dittoScores, saved);
      void queryClient.invalidateQueries({ queryKey: settingsKeys.dittoScores });
      notifications.show({
        color: 'green',
        title: 'Ditto minimum scores saved',
        message: 'New submissions use them now.',
      });
    },
    onError: (error) => intent.settle(error),
  });

  const review = () => {
    const parsed = UpdateDittoScoreSettingsRequest.safeParse(request);
    const next: Partial<Record<string, string>> = { ...missing };
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as string | undefined;
        if (key) next[key] = issue.message;
      }
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) return;
    save.reset();
    setConfirm({ request: parsed.data, lines });
  };

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
      dirty={dirty}
      onDiscard={discard}
      onReview={review}
      confirmation={{
        opened: confirm !== null,
        onClose: () => setConfirm(null),
        title: 'Save the Ditto minimum scores?',
        lines: confirm?.lines ?? [],
        note: `New submissions are assessed with these values. The what-if counts for the last ${validDays(days)} days are recorded with the change in the audit log.`,
        errorTitle: 'The minimum scores were not saved',
        error: save.isError ? save.error : null,
        pending: save.isPending,
        onSave: () => confirm && save.mutate(confirm.request),
      }}
    >
      <NumberFieldGrid fields={FIELDS} draft={draft} onDraftChange={setDraft} errors={errors} columns={4} />
      {dirty && (
        <WhatIfPanel
          scope="ditto"
          proposal={proposal}
          days={days}
          onDaysChange={setDays}
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
  if (query.isError && !query.data) {
    return (
      <ErrorState
        title="Ditto minimum scores could not be loaded"
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  if (query.isPending) return <Skeleton h={160} aria-label="Loading Ditto minimum scores" />;
  return <DittoScoresForm current={query.data} />;
}
