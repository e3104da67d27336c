import type { CaseActionStatus, CaseActionView } from '@backoffice/contracts';
import { Anchor, Badge, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fetchActions } from '../../api/endpoints';
import { actionKeys } from '../../app/queryKeys';
import { QueryView } from '../../components/QueryView';
import { usePageTitle } from '../../components/usePageTitle';
import { ActionCard } from '../actions/ActionCard';

const INBOX: CaseActionStatus[] = ['awaiting_approval', 'failed', 'retrying'];

function Column({
  title,
  description,
  actions,
}: {
  title: string;
  description: string;
  actions: CaseActionView[];
}) {
  const headingId = `approvals-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Group gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        <Badge variant="light" color="gray" radius="sm">
          {actions.length}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {description}
      </Text>
      {actions.length === 0 ? (
        <Text size="sm" c="dimmed" fs="italic" py="md">
          Nothing here.
        </Text>
      ) : (
        actions.map((action) => (
          <ActionCard
            key={action.id}
            action={action}
            showCaseLink={
              <>
                {' · '}
                {action.caseId !== null ? (
                  <Anchor component={Link} to={`/cases/${action.caseId}#actions`} size="sm" fw={600}>
                    Case {action.caseId}
                  </Anchor>
                ) : (
                  // A Didit list change no case carries: the list it changes, and the value masked.
                  <Anchor
                    component={Link}
                    to={`/lists?list=${String(action.params.listUuid ?? '')}`}
                    size="sm"
                    fw={600}
                  >
                    Didit list
                    {typeof action.params.maskedValue === 'string' ? ` · ${action.params.maskedValue}` : ''}
                  </Anchor>
                )}
              </>
            }
          />
        ))
      )}
    </Stack>
  );
}

/** Managers' inbox: four-eyes requests to approve and deliveries that need a human. */
export function ApprovalsPage() {
  const query = useQuery({
    queryKey: actionKeys.inbox(INBOX),
    queryFn: ({ signal }) => fetchActions(INBOX, signal),
    refetchInterval: 30_000,
  });
  usePageTitle('Approvals');

  const oldestFirst = (a: CaseActionView, b: CaseActionView) => a.requestedAt.localeCompare(b.requestedAt);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Approvals
      </Title>
      <QueryView
        query={query}
        errorTitle="The approvals inbox could not be loaded"
        pending={
          <SimpleGrid cols={{ base: 1, md: 2 }} aria-busy="true" aria-label="Loading approvals">
            <Skeleton h={160} />
            <Skeleton h={160} />
          </SimpleGrid>
        }
      >
        {(actions) => (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Column
              title="Awaiting a second approval"
              description="Four-eyes requests. You cannot approve your own."
              actions={actions.filter((action) => action.status === 'awaiting_approval').sort(oldestFirst)}
            />
            <Column
              title="Delivery problems"
              description="Failed actions need a retry or to be abandoned; retrying ones are being resent automatically."
              actions={actions.filter((action) => action.status !== 'awaiting_approval').sort(oldestFirst)}
            />
          </SimpleGrid>
        )}
      </QueryView>
    </Stack>
  );
}
