import {
  WHAT_IF_DEFAULT_DAYS,
  WHAT_IF_MAX_DAYS,
  type WhatIfOutcome,
  type WhatIfResult,
} from '@backoffice/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInfoCircle } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { settingsKeys } from '../../app/queryKeys';
import { DataTable } from '../../components/DataTable';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime, formatScore } from '../../components/format';

const OUTCOME_LABELS: Record<WhatIfOutcome, string> = {
  approve: 'Approve',
  review: 'Review',
  decline: 'Decline',
  clear: 'Not flagged',
  flagged: 'Flagged',
};

const OUTCOME_COLORS: Record<WhatIfOutcome, string> = {
  approve: 'green',
  review: 'yellow',
  decline: 'red',
  clear: 'gray',
  flagged: 'orange',
};

/** Whole days in the window the API accepts; anything else falls back to the default. */
function validDays(value: number | string): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= WHAT_IF_MAX_DAYS
    ? value
    : WHAT_IF_DEFAULT_DAYS;
}

/** The days a settings card's what-if replays: typed in its panel, sent with the save, named in the review. */
export interface WhatIfWindow {
  /** The field's value as typed (text while a number is being typed). */
  input: number | string;
  setInput: (input: number | string) => void;
  /** The whole days the replay and the save use. */
  days: number;
  /** The review's sentence saying the counts of these days go into the audit log with the change. */
  auditNote: string;
}

/**
 * One window for a card's what-if and its save, so the counts the audit log records with the change
 * are those of the replay the reviewer looked at.
 */
export function useWhatIfWindow(): WhatIfWindow {
  const [input, setInput] = useState<number | string>(WHAT_IF_DEFAULT_DAYS);
  const days = validDays(input);
  return {
    input,
    setInput,
    days,
    auditNote: `The what-if counts for the last ${days} days are recorded with the change in the audit log.`,
  };
}

const score = (value: number | null) => (value === null ? '–' : formatScore(value));

function OutcomeBadge({ outcome }: { outcome: WhatIfOutcome }) {
  return (
    <Badge variant="light" color={OUTCOME_COLORS[outcome]} radius="sm">
      {OUTCOME_LABELS[outcome]}
    </Badge>
  );
}

function queueLine(result: WhatIfResult, queueNoun: string): string {
  const delta = result.summary.reviewDelta;
  if (delta === 0) return `${queueNoun}: no change`;
  return `${queueNoun}: ${delta > 0 ? '+' : '−'}${Math.abs(delta)} case${Math.abs(delta) === 1 ? '' : 's'}`;
}

export interface WhatIfPanelProps {
  /** Identifies what is being edited (a workflow id, "ditto"), for the query key. */
  scope: string;
  /** The proposed values, unchanged ones left out. */
  proposal: Record<string, number>;
  replay: WhatIfWindow;
  /** What the queue figure counts: "Review queue" for Didit, "Flagged in the queue" for Ditto. */
  queueNoun: string;
  fetch(
    query: { days: number; after?: string } & Record<string, number | string | undefined>,
    signal: AbortSignal,
  ): Promise<WhatIfResult>;
}

/**
 * What a proposed threshold would have done to the stored cases of the last N days: outcome changes,
 * the queue delta, the cases that flip (masked, each a link), and what the replay cannot know.
 */
export function WhatIfPanel({ scope, proposal, replay, queueNoun, fetch }: WhatIfPanelProps) {
  // Typing a threshold asks once it settles, not on every keystroke.
  const [settled] = useDebouncedValue({ proposal, days: replay.days }, 300);
  const proposalKey = JSON.stringify(settled);
  // Cursors belong to one proposal and window: a new one starts at the first page of flips.
  const [paging, setPaging] = useState<{ key: string; cursors: string[] }>({ key: proposalKey, cursors: [] });
  const cursors = paging.key === proposalKey ? paging.cursors : [];
  const setCursors = (next: string[]) => setPaging({ key: proposalKey, cursors: next });
  const after = cursors.at(-1);
  const query = useQuery({
    queryKey: settingsKeys.whatIf(scope, { ...settled.proposal, days: settled.days, after }),
    queryFn: ({ signal }) => fetch({ ...settled.proposal, days: settled.days, after }, signal),
    placeholderData: keepPreviousData,
  });
  const result = query.data;

  return (
    <Paper withBorder radius="sm" p="md" component="section" aria-label="What-if">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Title order={3} size="h5">
            What this would have done
          </Title>
          <NumberInput
            label="Replay the last (days)"
            value={replay.input}
            onChange={replay.setInput}
            min={1}
            max={WHAT_IF_MAX_DAYS}
            allowDecimal={false}
            allowNegative={false}
            w={180}
            size="xs"
            error={replay.days === replay.input ? undefined : `1 to ${WHAT_IF_MAX_DAYS} days`}
          />
        </Group>
        {query.isError ? (
          <ErrorState
            title="The what-if could not be computed"
            error={query.error}
            onRetry={() => void query.refetch()}
          />
        ) : !result ? (
          <Skeleton h={120} aria-label="Computing the what-if" />
        ) : (
          <>
            <Text size="sm" data-testid="what-if-summary">
              {result.summary.changed} of {result.summary.replayed} cases from the last {result.summary.days}{' '}
              days would change outcome
              {result.summary.unscored > 0
                ? ` (${result.summary.unscored} without stored scores not replayed)`
                : ''}
              .
            </Text>
            <Group gap="lg">
              <List size="sm" spacing={2} aria-label="Outcome changes">
                {result.summary.transitions.length === 0 ? (
                  <List.Item>No outcome changes</List.Item>
                ) : (
                  result.summary.transitions.map((t) => (
                    <List.Item key={`${t.from}-${t.to}`}>
                      {OUTCOME_LABELS[t.from]} → {OUTCOME_LABELS[t.to]}: {t.count}
                    </List.Item>
                  ))
                )}
              </List>
              <Text size="sm" fw={600} data-testid="what-if-queue">
                {queueLine(result, queueNoun)}
              </Text>
            </Group>
            <Alert
              variant="light"
              color="blue"
              icon={<IconInfoCircle size={18} aria-hidden />}
              title="What the replay cannot know"
            >
              <List size="sm" spacing={2}>
                {result.limits.map((limit) => (
                  <List.Item key={limit}>{limit}</List.Item>
                ))}
              </List>
            </Alert>
            {result.flips.length > 0 && (
              <DataTable
                label="Cases that would change outcome"
                columns={['Case', 'Subject', 'Created', 'Face match', 'Liveness', 'AML', 'Now → proposed']}
                rows={result.flips}
                minWidth={640}
                striped
              >
                {(flip) => (
                  <Table.Tr key={flip.caseId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${flip.caseId}`} size="sm">
                        Case {flip.caseId}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{flip.subjectMasked ?? '–'}</Table.Td>
                    <Table.Td>{formatDateTime(flip.createdAt)}</Table.Td>
                    <Table.Td>{score(flip.scores.faceMatch)}</Table.Td>
                    <Table.Td>{score(flip.scores.liveness)}</Table.Td>
                    <Table.Td>{score(flip.scores.aml)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <OutcomeBadge outcome={flip.from} />
                        <Text size="sm" aria-hidden>
                          →
                        </Text>
                        <VisuallyHidden>to</VisuallyHidden>
                        <OutcomeBadge outcome={flip.to} />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                )}
              </DataTable>
            )}
            {(cursors.length > 0 || result.nextAfter) && (
              <Group gap="xs">
                <Button
                  variant="default"
                  size="xs"
                  disabled={cursors.length === 0}
                  onClick={() => setCursors(cursors.slice(0, -1))}
                >
                  Previous cases
                </Button>
                <Button
                  variant="default"
                  size="xs"
                  disabled={!result.nextAfter}
                  onClick={() => result.nextAfter && setCursors([...cursors, result.nextAfter])}
                >
                  More cases
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
