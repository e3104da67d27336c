import { Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A screen's (`order` 1) or a section's (`order` 2) title with the sentence saying what it is for. */
export function Heading({ order, title, children }: { order: 1 | 2; title: string; children: ReactNode }) {
  return (
    <div>
      <Title order={order} size={order === 1 ? 'h2' : 'h3'}>
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {children}
      </Text>
    </div>
  );
}
