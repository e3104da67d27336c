import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { isApiRequestError, UNKNOWN_REQUEST_ID } from '../api/client';
import { CopyableValue } from './CopyableValue';

/** Message, code and request id of any error, so an analyst can quote the id to support. */
export function describeError(error: unknown): {
  message: string;
  code: string | null;
  requestId: string | null;
} {
  if (isApiRequestError(error)) {
    const { message, code, requestId } = error.apiError;
    return { message, code, requestId: requestId === UNKNOWN_REQUEST_ID ? null : requestId };
  }
  if (error instanceof Error) return { message: error.message, code: null, requestId: null };
  return { message: 'Something unexpected went wrong.', code: null, requestId: null };
}

export function ErrorState({
  title,
  error,
  onRetry,
  retrying = false,
  children,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
  children?: ReactNode;
}) {
  const { message, code, requestId } = describeError(error);
  const issues = isApiRequestError(error) ? (error.apiError.issues ?? []) : [];
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title={title} role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {issues.length > 0 && (
          <List size="sm" spacing={2}>
            {issues.map((issue) => (
              <List.Item key={`${issue.path}:${issue.message}`}>
                <Text span ff="monospace" size="sm">
                  {issue.path}
                </Text>
                : {issue.message}
              </List.Item>
            ))}
          </List>
        )}
        <Group gap="lg">
          {requestId ? (
            <Group gap={6}>
              <Text size="xs" c="dimmed">
                Request id
              </Text>
              <CopyableValue value={requestId} label="request id" />
            </Group>
          ) : (
            <Text size="xs" c="dimmed">
              No request id (the server was not reached)
            </Text>
          )}
          {code && (
            <Text size="xs" c="dimmed">
              Code{' '}
              <Text span ff="monospace" size="xs">
                {code}
              </Text>
            </Text>
          )}
        </Group>
        {(onRetry || children) && (
          <Group gap="sm">
            {onRetry && (
              <Button
                size="xs"
                variant="white"
                color="red"
                leftSection={<IconRefresh size={14} />}
                onClick={onRetry}
                loading={retrying}
              >
                Try again
              </Button>
            )}
            {children}
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
