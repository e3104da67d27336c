import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { isApiRequestError, UNKNOWN_REQUEST_ID } from '../api/client';
import { errorMessageFor, type WebErrorCode } from '../api/errorMessages';
import { CopyableValue } from './CopyableValue';

export interface ErrorDescription {
  /** What the error means for the user, from the code (`ERROR_MESSAGES`). */
  message: string;
  /** The server's own sentence about this case of it, when it says more than `message`. */
  detail: string | null;
  /** `message` and `detail` as one line, for toasts and inline alerts. */
  text: string;
  code: WebErrorCode | null;
  requestId: string | null;
}

/** Message, code and request id of any error, so an analyst can quote the id to support. */
export function describeError(error: unknown): ErrorDescription {
  if (isApiRequestError(error)) {
    const { code, requestId } = error.apiError;
    const message = errorMessageFor(code);
    const detail = error.apiError.message.trim() === message ? null : error.apiError.message;
    return {
      message,
      detail,
      text: detail ? `${message} ${detail}` : message,
      code,
      requestId: requestId === UNKNOWN_REQUEST_ID ? null : requestId,
    };
  }
  const message = error instanceof Error ? error.message : 'Something unexpected went wrong.';
  return { message, detail: null, text: message, code: null, requestId: null };
}

/** A failed request inside a dialog: what went wrong and, when the server was reached, its request id. */
export function RequestErrorAlert({ title, error }: { title: string; error: unknown }) {
  const { message, requestId } = describeError(error);
  return (
    <Alert color="red" title={title} role="alert">
      <Text size="sm">{message}</Text>
      {requestId && <Text size="xs">Request id: {requestId}</Text>}
    </Alert>
  );
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
  const { message, detail, code, requestId } = describeError(error);
  const issues = isApiRequestError(error) ? (error.apiError.issues ?? []) : [];
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title={title} role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {detail && <Text size="sm">{detail}</Text>}
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
