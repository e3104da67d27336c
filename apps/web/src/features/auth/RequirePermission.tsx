import type { Permission } from '@backoffice/contracts';
import { Button, EmptyState } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCan, useMe } from './useMe';

/** Opened by URL without the permission: say so plainly instead of a broken page or a silent redirect. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useMe().data;
  const allowed = useCan(permission);
  if (allowed) return children;
  return (
    <EmptyState
      mt="xl"
      icon={<IconLock size={32} />}
      withIndicatorBackground
      title="You do not have access to this page"
      description={`It needs the “${permission}” permission, which the ${me?.role ?? 'current'} role does not have. Ask an administrator if you need it.`}
    >
      <EmptyState.Actions>
        <Button component={Link} to="/cases?status=needs_review">
          Go to the review queue
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
