import type { BulkCaseResult, BulkOperation } from '@backoffice/contracts';
import { Alert, Button, CloseButton, Group, List, Paper, Progress, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { caseKeys } from '../../../app/queryKeys';
import { ErrorState } from '../../../components/ErrorState';
import { TagSelect } from '../tags/TagSelect';
import { useTags } from '../tags/tagsApi';
import { postBulk } from './bulkApi';
import { PersonSelect } from './PersonSelect';

/** Cases per request: small enough that the progress bar moves, far under the server's limit. */
const CHUNK = 20;

const DONE_LABELS: Record<BulkOperation['type'], string> = {
  assign: 'Assigned',
  unassign: 'Unassigned',
  add_tag: 'Tagged',
  remove_tag: 'Untagged',
};

interface Run {
  operation: BulkOperation;
  total: number;
  results: BulkCaseResult[];
  error: unknown;
}

/** Acts on the selected rows: assign to a person, unassign, add or remove a tag. Decisions are not here. */
export function BulkBar({ selected, onDone }: { selected: number[]; onDone: (applied: number[]) => void }) {
  const queryClient = useQueryClient();
  const tags = useTags();
  const [person, setPerson] = useState<string | null>(null);
  const [tag, setTag] = useState<number | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const running = run !== null && run.results.length < run.total && run.error === null;

  const start = async (operation: BulkOperation) => {
    const ids = [...selected];
    let current: Run = { operation, total: ids.length, results: [], error: null };
    setRun(current);
    for (let offset = 0; offset < ids.length; offset += CHUNK) {
      try {
        const response = await postBulk({ caseIds: ids.slice(offset, offset + CHUNK), operation });
        current = { ...current, results: [...current.results, ...response.results] };
      } catch (error) {
        current = { ...current, error };
        setRun(current);
        break;
      }
      setRun(current);
    }
    await queryClient.invalidateQueries({ queryKey: caseKeys.all });
    onDone(current.results.filter((r) => r.outcome !== 'refused').map((r) => r.caseId));
  };

  if (selected.length === 0 && run === null) return null;
  const refused = run?.results.filter((r) => r.outcome === 'refused') ?? [];
  const applied = run?.results.filter((r) => r.outcome === 'applied').length ?? 0;
  const unchanged = run?.results.filter((r) => r.outcome === 'unchanged').length ?? 0;

  return (
    <Paper
      withBorder
      radius={0}
      p="xs"
      px="sm"
      bg="var(--mantine-color-default-hover)"
      aria-label="Bulk actions"
      component="section"
    >
      <Stack gap="xs">
        {selected.length > 0 && (
          <Group gap="xs" wrap="wrap" align="flex-end">
            <Text size="sm" fw={600} mr="xs" aria-live="polite">
              {selected.length} selected
            </Text>
            <PersonSelect
              aria-label="Assign to"
              placeholder="Assign to…"
              value={person}
              onChange={setPerson}
              w={190}
            />
            <Button
              size="xs"
              disabled={person === null || running}
              onClick={() => person && void start({ type: 'assign', assigneeId: person })}
            >
              Assign
            </Button>
            <Button
              size="xs"
              variant="default"
              disabled={running}
              onClick={() => void start({ type: 'unassign' })}
            >
              Unassign
            </Button>
            <TagSelect
              tags={tags.data ?? []}
              includeRetired
              aria-label="Tag"
              placeholder="Tag…"
              value={tag}
              onChange={setTag}
              w={170}
            />
            {(
              [
                ['add_tag', 'Add tag'],
                ['remove_tag', 'Remove tag'],
              ] as const
            ).map(([type, label]) => (
              <Button
                key={type}
                size="xs"
                variant="default"
                disabled={tag === null || running}
                onClick={() => tag !== null && void start({ type, tagId: tag })}
              >
                {label}
              </Button>
            ))}
          </Group>
        )}
        {run && (
          <div aria-live="polite">
            {running ? (
              <Stack gap={4}>
                <Text size="xs">
                  Working… {run.results.length} of {run.total} cases
                </Text>
                <Progress
                  value={(run.results.length / run.total) * 100}
                  size="sm"
                  aria-label="Bulk progress"
                />
              </Stack>
            ) : (
              <Alert
                color={refused.length || run.error ? 'orange' : 'green'}
                variant="light"
                p="xs"
                title={`${DONE_LABELS[run.operation.type]} ${applied} of ${run.total} ${run.total === 1 ? 'case' : 'cases'}${unchanged ? `, ${unchanged} already so` : ''}${refused.length ? `, ${refused.length} refused` : ''}`}
                withCloseButton={false}
              >
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={4}>
                    {refused.length > 0 && (
                      <List size="sm" spacing={2} aria-label="Refused cases">
                        {refused.map((result) => (
                          <List.Item key={result.caseId}>
                            Case {result.caseId}: {result.message}{' '}
                            <Text span size="xs" c="dimmed">
                              ({result.code})
                            </Text>
                          </List.Item>
                        ))}
                      </List>
                    )}
                    {run.error !== null && (
                      <ErrorState
                        title={`Stopped after ${run.results.length} of ${run.total} cases`}
                        error={run.error}
                      />
                    )}
                  </Stack>
                  <CloseButton size="sm" aria-label="Dismiss the summary" onClick={() => setRun(null)} />
                </Group>
              </Alert>
            )}
          </div>
        )}
      </Stack>
    </Paper>
  );
}
