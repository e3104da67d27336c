import type { ReconcileResult } from '@backoffice/contracts';
import { ActionIcon, Badge, Menu, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDotsVertical, IconRefreshDot } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchHealth, postReconcile } from '../../api/endpoints';
import { caseKeys, systemKeys } from '../../app/queryKeys';
import { describeError } from '../../components/ErrorState';
import { PROVIDER_LABELS } from '../../components/labels';
import { useCan } from '../auth/useMe';

function summarizeReconcile(results: ReconcileResult[]): string {
  if (results.length === 0) return 'No provider is configured for synchronisation.';
  return results
    .map((result) => {
      const name = PROVIDER_LABELS[result.provider as keyof typeof PROVIDER_LABELS] ?? result.provider;
      const errors = result.errors ? `, ${result.errors} failed` : '';
      return `${name}: ${result.listed} listed, ${result.changed} changed${errors}`;
    })
    .join(' · ');
}

/** Makes it impossible to mistake simulator data for real customers. */
export function EnvironmentBadge() {
  const health = useQuery({
    queryKey: systemKeys.health,
    queryFn: ({ signal }) => fetchHealth(signal),
    staleTime: 300_000,
  });
  const providers = Object.entries(health.data?.providers ?? {});
  const sandboxed = providers.filter(([, provider]) => provider.mode === 'sandbox').map(([name]) => name);
  if (sandboxed.length === 0) return null;
  return (
    <Tooltip label={`Sandbox providers: ${sandboxed.join(', ')}. No real customer data.`} withArrow>
      <Badge color="grape" variant="light" radius="sm">
        Sandbox
      </Badge>
    </Tooltip>
  );
}

export function SystemMenu() {
  const queryClient = useQueryClient();
  const canReconcile = useCan('system:reconcile');
  const health = useQuery({
    queryKey: systemKeys.health,
    queryFn: ({ signal }) => fetchHealth(signal),
    staleTime: 300_000,
  });
  const reconcile = useMutation({
    mutationFn: postReconcile,
    onMutate: () => {
      notifications.show({
        id: 'reconcile',
        loading: true,
        title: 'Syncing with providers…',
        message: '',
        autoClose: false,
      });
    },
    onSuccess: (results) => {
      const failed = results.some((result) => result.errors > 0);
      notifications.update({
        id: 'reconcile',
        loading: false,
        color: failed ? 'yellow' : 'green',
        title: failed ? 'Sync finished with errors' : 'Sync finished',
        message: summarizeReconcile(results),
        autoClose: 8000,
      });
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
    },
    onError: (error) => {
      const { text: message, requestId } = describeError(error);
      notifications.update({
        id: 'reconcile',
        loading: false,
        color: 'red',
        title: 'Sync failed',
        message: requestId ? `${message} (request id ${requestId})` : message,
        autoClose: false,
      });
    },
  });

  return (
    <Menu position="bottom-end" width={260} withArrow>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label="System menu">
          <IconDotsVertical size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {canReconcile && (
          <>
            <Menu.Item
              leftSection={<IconRefreshDot size={16} />}
              onClick={() => reconcile.mutate()}
              disabled={reconcile.isPending}
            >
              Sync with providers
            </Menu.Item>
            <Menu.Divider />
          </>
        )}
        <Menu.Label>
          <Text size="xs" c="dimmed">
            {health.data ? `API ${health.data.version}` : health.isError ? 'API unreachable' : 'API …'}
          </Text>
        </Menu.Label>
      </Menu.Dropdown>
    </Menu>
  );
}
