import { IconMapOff } from '@tabler/icons-react';
import { DeadEnd } from '../components/DeadEnd';

export function NotFoundPage() {
  return (
    <DeadEnd
      icon={<IconMapOff size={32} />}
      title="This page does not exist"
      description="The link may be mistyped or out of date."
      to="/cases?status=needs_review"
      action="Go to the review queue"
    />
  );
}
