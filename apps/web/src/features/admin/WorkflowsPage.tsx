import { UpdateWorkflowSettingsRequest, type WorkflowSettings } from '@backoffice/contracts';
import { Badge, Group, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchWorkflows, fetchWorkflowWhatIf, patchWorkflow } from '../../api/endpoints';
import { useIdempotentMutation } from '../../api/idempotency';
import { settingsKeys } from '../../app/queryKeys';
import { Heading } from '../../components/Heading';
import { notifySaved } from '../../components/notify';
import { QueryView } from '../../components/QueryView';
import { usePageTitle } from '../../components/usePageTitle';
import { DittoScoresSection } from './DittoScoresSection';
import {
  changedNumbers,
  emptiedFields,
  NumberFieldGrid,
  SettingsCard,
  type SettingsChange,
  useSettingsDraft,
} from './SettingsEditor';
import { useWhatIfWindow, WhatIfPanel } from './WhatIfPanel';

type NumberField =
  | 'faceMatchDecline'
  | 'faceMatchReview'
  | 'livenessDecline'
  | 'amlDecline'
  | 'amlReview'
  | 'maxRetryAttempts';
type FeatureField = keyof WorkflowSettings['features'];

const NUMBER_FIELDS: Array<{ key: NumberField; label: string; description: string; max: number }> = [
  { key: 'faceMatchDecline', label: 'Face match: decline below', description: 'Score 0–100', max: 100 },
  {
    key: 'faceMatchReview',
    label: 'Face match: review below',
    description: 'Score 0–100, at least the decline value',
    max: 100,
  },
  { key: 'livenessDecline', label: 'Liveness: decline below', description: 'Score 0–100', max: 100 },
  {
    key: 'amlReview',
    label: 'AML: review at or above',
    description: 'Risk score 0–100, at most the decline value',
    max: 100,
  },
  { key: 'amlDecline', label: 'AML: decline at or above', description: 'Match score 0–100', max: 100 },
  {
    key: 'maxRetryAttempts',
    label: 'Max retry attempts',
    description: 'Attempts the applicant gets, 0–20',
    max: 20,
  },
];

const FEATURE_FIELDS: Array<{ key: FeatureField; label: string }> = [
  { key: 'liveness', label: 'Liveness' },
  { key: 'faceMatch', label: 'Face match' },
  { key: 'aml', label: 'AML screening' },
  { key: 'ipAnalysis', label: 'IP analysis' },
];

type Draft = Record<NumberField, number | string | null> & { features: WorkflowSettings['features'] };

function draftOf(workflow: WorkflowSettings): Draft {
  return { ...workflow, features: { ...workflow.features } };
}

function show(value: number | string | null | boolean): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return value === null || value === '' ? 'not set' : String(value);
}

/** Pairs whose first value must not be above the second (face-match decline ≤ review, AML review ≤ decline). */
const ORDERED_PAIRS = [
  ['faceMatchDecline', 'faceMatchReview'],
  ['amlReview', 'amlDecline'],
] as const;

/** Only changed fields are sent, so a save never overwrites a value someone else changed meanwhile. */
export function workflowChanges(workflow: WorkflowSettings, draft: Draft): SettingsChange {
  const request: Record<string, unknown> = {};
  const lines: string[] = [];
  for (const field of NUMBER_FIELDS) {
    const next = draft[field.key];
    if (next === '' || next === null) continue;
    if (next !== workflow[field.key]) {
      request[field.key] = next;
      lines.push(`${field.label}: ${show(workflow[field.key])} → ${next}`);
    }
  }
  const features: Record<string, boolean> = {};
  for (const field of FEATURE_FIELDS) {
    if (draft.features[field.key] !== workflow.features[field.key]) {
      features[field.key] = draft.features[field.key];
      lines.push(
        `${field.label}: ${show(workflow.features[field.key])} → ${show(draft.features[field.key])}`,
      );
    }
  }
  if (Object.keys(features).length > 0) request.features = features;
  // The order of each pair must hold for the values that will be in force, not only for the ones sent.
  for (const [low, high] of ORDERED_PAIRS) {
    const lowValue = draft[low];
    const highValue = draft[high];
    if (
      (request[low] !== undefined || request[high] !== undefined) &&
      typeof lowValue === 'number' &&
      typeof highValue === 'number'
    ) {
      request[low] = lowValue;
      request[high] = highValue;
    }
  }
  return {
    request,
    lines,
    missing: emptiedFields(
      NUMBER_FIELDS.map((field) => field.key),
      workflow,
      draft,
    ),
  };
}

const THRESHOLD_FIELDS = [
  'faceMatchDecline',
  'faceMatchReview',
  'livenessDecline',
  'amlReview',
  'amlDecline',
] as const;

/** The thresholds the draft changes, as the what-if takes them. */
export function thresholdProposal(workflow: WorkflowSettings, draft: Draft): Record<string, number> {
  return changedNumbers(THRESHOLD_FIELDS, workflow, draft);
}

function WorkflowCard({ workflow }: { workflow: WorkflowSettings }) {
  const queryClient = useQueryClient();
  const editor = useSettingsDraft({
    saved: workflow,
    toDraft: draftOf,
    changeOf: workflowChanges,
    requestSchema: UpdateWorkflowSettingsRequest,
  });
  const { draft, setDraft } = editor;
  const replay = useWhatIfWindow();

  const save = useIdempotentMutation({
    mutationFn: (request: UpdateWorkflowSettingsRequest, idempotencyKey) =>
      patchWorkflow(workflow.workflowId, request, idempotencyKey, replay.days),
    intentOf: (request) => ({ id: workflow.workflowId, request }),
    onSuccess: (saved) => {
      queryClient.setQueryData<WorkflowSettings[]>(settingsKeys.workflows, (current) =>
        current?.map((item) => (item.workflowId === saved.workflowId ? saved : item)),
      );
      void queryClient.invalidateQueries({ queryKey: settingsKeys.workflows });
      notifySaved('Workflow saved', `${saved.label} was updated at Didit.`);
    },
  });

  const proposal = thresholdProposal(workflow, draft);

  return (
    <SettingsCard
      label={`Workflow ${workflow.label}`}
      heading={
        <>
          <Group gap="xs">
            <Title order={2} size="h4">
              {workflow.label}
            </Title>
            {workflow.isDefault && (
              <Badge variant="light" radius="sm">
                Default
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" ff="monospace">
            {workflow.workflowId}
          </Text>
        </>
      }
      editor={editor}
      save={save}
      review={{
        title: `Save ${workflow.label}?`,
        intro: (
          <Text size="sm">These settings change at Didit and apply to new sessions of this workflow:</Text>
        ),
        note: Object.keys(proposal).length > 0 ? replay.auditNote : undefined,
        errorTitle: 'The workflow was not saved',
      }}
    >
      <NumberFieldGrid
        fields={NUMBER_FIELDS}
        draft={draft}
        onDraftChange={setDraft}
        errors={editor.errors}
        columns={3}
        allowDecimal={false}
        placeholder={(key) => (workflow[key] === null ? 'Not set' : undefined)}
      />
      <Group gap="xl">
        {FEATURE_FIELDS.map((field) => (
          <Switch
            key={field.key}
            label={field.label}
            checked={draft.features[field.key]}
            onChange={(event) =>
              setDraft({
                ...draft,
                features: { ...draft.features, [field.key]: event.currentTarget.checked },
              })
            }
          />
        ))}
      </Group>
      {Object.keys(proposal).length > 0 && (
        <WhatIfPanel
          scope={workflow.workflowId}
          proposal={proposal}
          replay={replay}
          queueNoun="Review queue"
          fetch={(query, signal) => fetchWorkflowWhatIf(workflow.workflowId, query, signal)}
        />
      )}
    </SettingsCard>
  );
}

export function WorkflowsPage() {
  const query = useQuery({
    queryKey: settingsKeys.workflows,
    queryFn: ({ signal }) => fetchWorkflows(signal),
  });
  usePageTitle('Workflows');
  return (
    <Stack gap="md">
      <Heading order={1} title="Didit workflows">
        Thresholds and checks of each Didit verification workflow, read from and saved to Didit; below them,
        Ditto ID's minimum scores, kept on this server. Editing a threshold shows what it would have done.
      </Heading>
      <QueryView
        query={query}
        errorTitle="Workflows could not be loaded"
        pending={<Skeleton h={220} aria-label="Loading workflows" />}
      >
        {(workflows) =>
          workflows.length === 0 ? (
            <Text c="dimmed">Didit reports no workflows for this account.</Text>
          ) : (
            workflows.map((workflow) => <WorkflowCard key={workflow.workflowId} workflow={workflow} />)
          )
        }
      </QueryView>
      <DittoScoresSection />
    </Stack>
  );
}
