import { notifications } from '@mantine/notifications';
import { describeError } from './ErrorState';

/** The green toast after something was saved. */
export function notifySaved(title: string, message: string) {
  notifications.show({ color: 'green', title, message });
}

/** The red toast after a change failed: the server's own words and request id, kept until dismissed. */
export function notifyFailed(title: string, error: unknown) {
  const { text, requestId } = describeError(error);
  notifications.show({
    color: 'red',
    title,
    message: requestId ? `${text} (request id ${requestId})` : text,
    autoClose: false,
  });
}
