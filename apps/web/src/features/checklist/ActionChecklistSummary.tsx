import type { CaseActionView } from '@backoffice/contracts';
import { Box, List, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { formatDateTime } from '../../components/format';

/** The checklist a decision was taken against: how many items were ticked, by whom and when, and which. */
export function ActionChecklistSummary({ action }: { action: CaseActionView }) {
  const checklist = action.checklist;
  if (!checklist) return null;
  return (
    <Box component="details" data-testid="action-checklist">
      <Text component="summary" size="sm" style={{ cursor: 'pointer' }}>
        <Text span c="dimmed" size="sm">
          Checklist:{' '}
        </Text>
        {checklist.checked} of {checklist.total} checked by {checklist.checkedBy.name} ·{' '}
        {formatDateTime(checklist.checkedAt)}
      </Text>
      <List size="sm" spacing={2} mt={4} listStyleType="none">
        {checklist.items.map((item) => (
          <List.Item
            key={item.key}
            icon={
              item.checked ? (
                <IconCircleCheck size={16} color="var(--mantine-color-green-7)" aria-label="Ticked" />
              ) : (
                <IconCircleDashed size={16} color="var(--mantine-color-dimmed)" aria-label="Not ticked" />
              )
            }
          >
            {item.text}
          </List.Item>
        ))}
      </List>
    </Box>
  );
}
