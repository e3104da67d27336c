import { Group } from '@mantine/core';
import { PersonSelect } from '../bulk/PersonSelect';
import type { QueueFilters } from '../queueSearchParams';
import { ManageTagsButton } from '../tags/ManageTagsButton';
import { TagSelect } from '../tags/TagSelect';
import { useTags } from '../tags/tagsApi';
import { ColumnsMenu } from './ColumnsMenu';
import { ViewsMenu } from './ViewsMenu';

const NOT_A_PERSON: ReadonlySet<string> = new Set(['', 'me', 'unassigned']);

/** Tag and named-assignee filters, saved views and columns: one row under the queue's filters. */
export function QueueToolbar({
  filters,
  onChange,
}: {
  filters: QueueFilters;
  onChange: (change: Partial<QueueFilters>) => void;
}) {
  const tags = useTags();
  return (
    <Group gap="xs" justify="space-between" wrap="wrap">
      <Group gap="xs" wrap="wrap">
        <TagSelect
          tags={tags.data ?? []}
          includeRetired
          aria-label="Filter by tag"
          placeholder="Any tag"
          value={filters.tag}
          onChange={(tag) => onChange({ tag })}
          w={180}
        />
        <PersonSelect
          aria-label="Filter by assignee"
          placeholder="Assigned to anyone"
          value={NOT_A_PERSON.has(filters.assignee) ? null : filters.assignee}
          onChange={(person) => onChange({ assignee: person ?? '' })}
          w={200}
        />
      </Group>
      <Group gap="xs" wrap="wrap">
        <ViewsMenu />
        <ColumnsMenu hidden={filters.hide} onChange={(hide) => onChange({ hide })} />
        <ManageTagsButton />
      </Group>
    </Group>
  );
}
