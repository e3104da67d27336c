import { notifications } from '@mantine/notifications';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiRequestError } from '../api/client';
import { describeError } from '../components/ErrorState';
import { authKeys } from './queryKeys';

/**
 * Only a failed *background* refresh gets a toast: a first load that fails already shows its own
 * error screen, while a failed refresh would otherwise silently leave stale data on screen.
 */
function notifyBackgroundFailure(error: unknown, hadData: boolean) {
  if (!hadData) return;
  const { text: message, requestId } = describeError(error);
  notifications.show({
    id: `refresh-failed-${requestId ?? message}`,
    color: 'red',
    title: 'Could not refresh — showing the last loaded data',
    message: requestId ? `${message} (request id ${requestId})` : message,
    autoClose: 8000,
  });
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // The session ended (expired, signed out elsewhere): the sign-in guard takes over.
        if (isApiRequestError(error) && error.status === 401) {
          client.setQueryData(authKeys.me, null);
          return;
        }
        notifyBackgroundFailure(error, query.state.data !== undefined);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        // A 4xx is the server's answer and will not change by asking again; network and 5xx might.
        retry: (failureCount, error) =>
          !(isApiRequestError(error) && error.isClientError) && failureCount < 2,
      },
    },
  });
  return client;
}
