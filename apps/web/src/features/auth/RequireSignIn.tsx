import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { useMe } from './useMe';

/** Every screen but the sign-in page needs a session; without one the user is sent to sign in and back. */
export function RequireSignIn() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Checking your session" />
      </Center>
    );
  }
  if (me.isError) {
    return <ErrorState title="Could not check your session" error={me.error} onRetry={() => me.refetch()} />;
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
