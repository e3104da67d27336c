import { Group, Text, Tooltip } from '@mantine/core';
import type { LiveStatus } from './useCaseEvents';

const PRESENTATION: Record<LiveStatus, { color: string; label: string; help: string }> = {
  live: {
    color: 'var(--mantine-color-green-6)',
    label: 'Live',
    help: 'New provider updates appear automatically.',
  },
  connecting: {
    color: 'var(--mantine-color-gray-5)',
    label: 'Connecting…',
    help: 'Opening the live update stream.',
  },
  reconnecting: {
    color: 'var(--mantine-color-yellow-6)',
    label: 'Reconnecting…',
    help: 'Live updates are interrupted. Data refreshes when you return to this tab and once the stream is back.',
  },
  unsupported: {
    color: 'var(--mantine-color-gray-5)',
    label: 'Not live',
    help: 'This browser cannot receive live updates; data refreshes when you return to this tab.',
  },
};

export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { color, label, help } = PRESENTATION[status];
  return (
    <Tooltip label={help} withArrow multiline w={260}>
      <Group
        gap={6}
        wrap="nowrap"
        role="status"
        aria-label={`Live updates: ${label}`}
        data-live-status={status}
      >
        <span
          aria-hidden
          style={{ width: 8, height: 8, borderRadius: '50%', background: color, display: 'inline-block' }}
        />
        <Text size="xs" c="dimmed">
          {label}
        </Text>
      </Group>
    </Tooltip>
  );
}
