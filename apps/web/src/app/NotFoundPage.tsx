import { Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <EmptyState
      mt="xl"
      icon={<IconMapOff size={32} />}
      withIndicatorBackground
      title="This page does not exist"
      description="The link may be mistyped or out of date."
    >
      <EmptyState.Actions>
        <Button component={Link} to="/cases?status=needs_review">
          Go to the review queue
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
