import type { Tag } from '@backoffice/contracts';
import { Badge, type BadgeProps } from '@mantine/core';

/** A tag as a light badge in its colour; retired tags are shown struck through. */
export function TagBadge({ tag, ...props }: { tag: Tag } & BadgeProps) {
  return (
    <Badge
      variant="light"
      color={tag.colour}
      radius="sm"
      size="sm"
      tt="none"
      // Light badges take a darker text colour so every palette colour keeps its contrast.
      styles={{ label: { color: `var(--mantine-color-${tag.colour}-light-color)` } }}
      td={tag.retired ? 'line-through' : undefined}
      title={tag.retired ? `${tag.name} (retired)` : tag.name}
      {...props}
    >
      {tag.name}
    </Badge>
  );
}
