import type { Permission } from '@backoffice/contracts';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { DeadEnd } from '../../components/DeadEnd';
import { useCan, useMe } from './useMe';

/** Opened by URL without the permission: say so plainly instead of a broken page or a silent redirect. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useMe().data;
  const allowed = useCan(permission);
  if (allowed) return children;
  return (
    <DeadEnd
      icon={<IconLock size={32} />}
      title="You do not have access to this page"
      description={`It needs the “${permission}” permission, which the ${me?.role ?? 'current'} role does not have. Ask an administrator if you need it.`}
      to="/cases?status=needs_review"
      action="Go to the review queue"
    />
  );
}
