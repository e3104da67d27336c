import type { AuditEntry } from '@backoffice/contracts';
import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { CopyableValue } from '../../components/CopyableValue';
import { AuditDiff } from './AuditDiff';

/** The expanded part of an audit row: what changed, and where the request came from. */
export function AuditEntryDetails({ entry }: { entry: AuditEntry }) {
  return (
    <Stack gap="sm" p="xs">
      <AuditDiff before={entry.before} after={entry.after} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" w={80}>
            Request id
          </Text>
          {entry.requestId ? (
            <CopyableValue value={entry.requestId} label="request id" />
          ) : (
            <Text size="sm">—</Text>
          )}
        </Group>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" w={80}>
            IP address
          </Text>
          <Text size="sm" ff="monospace">
            {entry.ip ?? '—'}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap" align="flex-start" style={{ gridColumn: '1 / -1' }}>
          <Text size="xs" c="dimmed" w={80}>
            User agent
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere', flex: 1 }}>
            {entry.userAgent ?? '—'}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap" style={{ gridColumn: '1 / -1' }}>
          <Text size="xs" c="dimmed" w={80}>
            Row hash
          </Text>
          <Text size="xs" ff="monospace" c="dimmed" style={{ overflowWrap: 'anywhere', flex: 1 }}>
            {entry.hash}
          </Text>
        </Group>
      </SimpleGrid>
    </Stack>
  );
}
