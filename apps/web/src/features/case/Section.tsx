import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled block of the case page; `id` makes it linkable (e.g. `#aml`) and names the region. */
export function Section({
  id,
  title,
  aside,
  children,
}: {
  id: string;
  title: string;
  aside?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <Paper component="section" id={id} aria-labelledby={headingId} withBorder radius="sm" p="md">
      <Group justify="space-between" mb="sm" gap="xs" wrap="wrap">
        <Title order={3} size="h5" id={headingId}>
          {title}
        </Title>
        {aside && (
          <Group gap="xs" wrap="wrap">
            {aside}
          </Group>
        )}
      </Group>
      {children}
    </Paper>
  );
}
