import { WORKLOAD_COUNT_CAP } from '@backoffice/contracts';
import { Badge, Button, Group } from '@mantine/core';
import { formatCount } from '../../components/format';
import type { QueueFilters } from './queueSearchParams';

const countLabel = (count: number) =>
  count >= WORKLOAD_COUNT_CAP ? `${formatCount(WORKLOAD_COUNT_CAP)}+` : formatCount(count);

/** "My cases", "Unassigned" and "Overdue": owned and timed views of the queue, each a URL filter. */
export function WorkloadBar({
  filters,
  workload,
  onChange,
}: {
  filters: QueueFilters;
  workload: { mine: number; overdue: number } | undefined;
  onChange: (change: Partial<QueueFilters>) => void;
}) {
  const toggleAssignee = (value: string) => onChange({ assignee: filters.assignee === value ? '' : value });
  return (
    <Group gap="xs" role="group" aria-label="Workload">
      <Button
        size="xs"
        variant={filters.assignee === 'me' ? 'filled' : 'default'}
        aria-pressed={filters.assignee === 'me'}
        onClick={() => toggleAssignee('me')}
        rightSection={
          workload && (
            <Badge size="sm" variant="light" color="blue" radius="sm" aria-label="My cases in review">
              {countLabel(workload.mine)}
            </Badge>
          )
        }
      >
        My cases
      </Button>
      <Button
        size="xs"
        variant={filters.assignee === 'unassigned' ? 'filled' : 'default'}
        aria-pressed={filters.assignee === 'unassigned'}
        onClick={() => toggleAssignee('unassigned')}
      >
        Unassigned
      </Button>
      <Button
        size="xs"
        color="red"
        variant={filters.overdue ? 'filled' : 'default'}
        aria-pressed={filters.overdue}
        onClick={() => onChange({ overdue: !filters.overdue })}
        rightSection={
          workload && (
            <Badge
              size="sm"
              variant={workload.overdue > 0 ? 'filled' : 'light'}
              color={workload.overdue > 0 ? 'red' : 'gray'}
              radius="sm"
              aria-label="Overdue cases"
            >
              {countLabel(workload.overdue)}
            </Badge>
          )
        }
      >
        Overdue
      </Button>
      {filters.assignee !== '' && filters.assignee !== 'me' && filters.assignee !== 'unassigned' && (
        <Button size="xs" variant="light" onClick={() => onChange({ assignee: '' })}>
          Assigned to one person · show everyone
        </Button>
      )}
    </Group>
  );
}
