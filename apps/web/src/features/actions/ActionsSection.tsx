import type { CaseActionView } from '@backoffice/contracts';
import { Stack, Text } from '@mantine/core';
import { Section } from '../case/Section';
import { ActionCard } from './ActionCard';

export function ActionsSection({ actions }: { actions: CaseActionView[] }) {
  const sorted = [...actions].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt) || b.id - a.id);
  return (
    <Section id="actions" title="Actions">
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          No decisions have been taken on this case yet.
        </Text>
      ) : (
        <Stack gap="xs">
          {sorted.map((action) => (
            <ActionCard key={action.id} action={action} />
          ))}
        </Stack>
      )}
    </Section>
  );
}
