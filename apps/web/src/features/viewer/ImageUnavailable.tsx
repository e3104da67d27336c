import { Button, Center, Stack, Text } from '@mantine/core';
import { IconPhotoOff, IconRefresh } from '@tabler/icons-react';

/**
 * In place of a provider image that did not load: its media URLs are short-lived, so a failure is
 * expected and offers a retry. `compact` for a thumbnail, otherwise sized for the viewer's pane.
 */
export function ImageUnavailable({
  compact = false,
  retryLabel,
  onRetry,
}: {
  compact?: boolean;
  /** The Retry button's accessible name, where several images are on screen. */
  retryLabel?: string;
  onRetry: () => void;
}) {
  return (
    <Center h="100%" p="sm">
      <Stack align="center" gap={6}>
        <IconPhotoOff size={compact ? 24 : 28} color="var(--mantine-color-gray-6)" aria-hidden />
        <Text size={compact ? 'xs' : 'sm'} c="dimmed" ta="center">
          Image unavailable — it may have expired at the provider.
        </Text>
        <Button
          size={compact ? 'compact-xs' : 'compact-sm'}
          variant="default"
          leftSection={<IconRefresh size={compact ? 12 : 14} aria-hidden />}
          onClick={onRetry}
          aria-label={retryLabel}
        >
          Retry
        </Button>
      </Stack>
    </Center>
  );
}
