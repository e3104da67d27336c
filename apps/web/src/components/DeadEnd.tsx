import { Button, EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A screen that cannot show what was asked (missing page, missing case, no permission) and the one way on. */
export function DeadEnd({
  icon,
  title,
  description,
  to,
  action,
}: {
  icon: ReactNode;
  title: string;
  description: string;
  /** Where the way on leads. */
  to: string;
  action: string;
}) {
  return (
    <EmptyState mt="xl" icon={icon} withIndicatorBackground title={title} description={description}>
      <EmptyState.Actions>
        <Button component={Link} to={to}>
          {action}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
