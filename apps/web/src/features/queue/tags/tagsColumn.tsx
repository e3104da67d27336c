import type { CaseSummary } from '@backoffice/contracts';
import { Group, Text } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { TagBadge } from './TagBadge';

/** The queue's Tags column. */
export const tagsColumn: ColumnDef<CaseSummary> = {
  id: 'tags',
  header: 'Tags',
  cell: ({ row }) => {
    const tags = row.original.tags ?? [];
    if (tags.length === 0)
      return (
        <Text size="sm" c="dimmed">
          —
        </Text>
      );
    return (
      <Group gap={4} wrap="wrap" maw={200}>
        {tags.map((tag) => (
          <TagBadge key={tag.id} tag={tag} />
        ))}
      </Group>
    );
  },
};
