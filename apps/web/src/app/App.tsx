import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { prefetchQueue } from '../features/queue/prefetchQueue';
import { createQueryClient } from './queryClient';
import { appRoutes, preloadScreen } from './routes';
import { cssVariablesResolver, theme } from './theme';

export function App() {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    prefetchQueue(client, window.location);
    return client;
  });
  const [router] = useState(() => {
    preloadScreen(window.location.pathname);
    return createBrowserRouter(appRoutes);
  });
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <Notifications position="top-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
