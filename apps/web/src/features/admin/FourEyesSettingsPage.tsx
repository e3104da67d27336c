import { CaseActionType, FourEyesSettings } from '@backoffice/contracts';
import { Button, Checkbox, Group, NumberInput, Stack, Switch, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { putFourEyesSettings } from '../../api/endpoints';
import { useIdempotentMutation } from '../../api/idempotency';
import { settingsKeys } from '../../app/queryKeys';
import { ErrorState } from '../../components/ErrorState';
import { notifySaved } from '../../components/notify';
import { QueryCard } from '../../components/QueryView';
import { usePageTitle } from '../../components/usePageTitle';
import { useFourEyesSettings } from '../actions/fourEyes';
import { ACTION_TYPE_LABELS } from '../actions/labels';
import { ReasonCodesSection } from './ReasonCodesSection';
import { SlaSettingsSection } from './SlaSettingsSection';

function FourEyesForm({ saved }: { saved: FourEyesSettings }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(saved);
  const [riskOn, setRiskOn] = useState(saved.riskScoreAtLeast !== null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(saved);
    setRiskOn(saved.riskScoreAtLeast !== null);
  }, [saved]);
  const save = useIdempotentMutation({
    mutationFn: (settings: FourEyesSettings, idempotencyKey) => putFourEyesSettings(settings, idempotencyKey),
    onSuccess: (next) => {
      queryClient.setQueryData(settingsKeys.fourEyes, next);
      notifySaved('Four-eyes rules saved', 'They apply to new requests from now on.');
    },
  });

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = FourEyesSettings.safeParse({
          ...draft,
          riskScoreAtLeast: riskOn ? draft.riskScoreAtLeast : null,
        });
        if (!parsed.success || (riskOn && draft.riskScoreAtLeast === null)) {
          setError('Enter a risk score between 0 and 100.');
          return;
        }
        setError(null);
        save.mutate(parsed.data);
      }}
    >
      <Stack gap="lg">
        <Checkbox.Group
          label="Actions that always need a second person"
          description="The requester cannot approve their own request; a manager or another reviewer must."
          value={draft.actions}
          onChange={(value) =>
            setDraft({ ...draft, actions: CaseActionType.options.filter((type) => value.includes(type)) })
          }
        >
          <Stack gap={6} mt="xs">
            {CaseActionType.options.map((type) => (
              <Checkbox key={type} value={type} label={ACTION_TYPE_LABELS[type]} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Switch
          label="Reversing a decision needs a second person"
          description="Approving a declined case or declining an approved one."
          checked={draft.reversals}
          onChange={(event) => setDraft({ ...draft, reversals: event.currentTarget.checked })}
        />
        <Stack gap={6}>
          <Switch
            label="High-risk cases need a second person"
            checked={riskOn}
            onChange={(event) => {
              setRiskOn(event.currentTarget.checked);
              if (event.currentTarget.checked && draft.riskScoreAtLeast === null)
                setDraft({ ...draft, riskScoreAtLeast: 70 });
            }}
          />
          {riskOn && (
            <NumberInput
              label="Risk score at or above"
              w={220}
              min={0}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              value={draft.riskScoreAtLeast ?? ''}
              onChange={(value) =>
                setDraft({ ...draft, riskScoreAtLeast: typeof value === 'number' ? value : null })
              }
              error={error}
            />
          )}
        </Stack>
        {save.isError && <ErrorState title="The rules were not saved" error={save.error} />}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save rules
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function FourEyesSettingsPage() {
  const query = useFourEyesSettings();
  usePageTitle('Review rules');
  return (
    <Stack gap="md" maw={1080}>
      <div>
        <Title order={1} size="h2">
          Review rules
        </Title>
        <Title order={2} size="h3" mt="sm">
          Four-eyes rules
        </Title>
        <Text size="sm" c="dimmed">
          Which reviewer actions wait for a second person before anything is sent to a provider.
        </Text>
      </div>
      <QueryCard
        query={query}
        errorTitle="The rules could not be loaded"
        loadingLabel="Loading rules"
        skeletonHeight={260}
      >
        {(saved) => <FourEyesForm saved={saved} />}
      </QueryCard>
      <SlaSettingsSection />
      <ReasonCodesSection />
    </Stack>
  );
}
