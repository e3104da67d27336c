import type { CaseDetail, ReviewItem } from '@backoffice/contracts';
import { Anchor, Badge, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useState } from 'react';
import { KIND_LABELS, SEVERITY_STYLES, TICKED_ACTIONS } from './labels';
import { showEvidence } from './showEvidence';
import { useReviewTicks } from './ticks';

const HEADING_ID = 'review-checklist-heading';

function ChecklistRow({
  item,
  checked,
  onToggle,
  onMissing,
}: {
  item: ReviewItem;
  checked: boolean;
  /** Absent when no decision can be taken: a tick would go nowhere. */
  onToggle?: (checked: boolean) => void;
  onMissing: (item: ReviewItem) => void;
}) {
  const severity = SEVERITY_STYLES[item.severity];
  return (
    <Group component="li" gap="sm" wrap="nowrap" align="flex-start" data-review-item={item.key}>
      {onToggle && (
        <Checkbox
          mt={2}
          checked={checked}
          onChange={(event) => onToggle(event.currentTarget.checked)}
          aria-label={`Checked: ${item.text}`}
        />
      )}
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" td={checked ? 'line-through' : undefined} c={checked ? 'dimmed' : undefined}>
          {item.text}
        </Text>
        <Group gap={6} wrap="wrap">
          <Badge size="xs" variant="light" color={severity.color} radius="sm">
            {severity.label}
          </Badge>
          <Badge size="xs" variant="outline" color="gray" radius="sm">
            {KIND_LABELS[item.kind]}
          </Badge>
          <Anchor
            size="xs"
            href={`#${item.anchor}`}
            aria-label={`Show evidence: ${item.text}`}
            onClick={(event) => {
              event.preventDefault();
              if (!showEvidence(item.anchor)) onMissing(item);
            }}
          >
            Show evidence
          </Anchor>
        </Group>
      </Stack>
    </Group>
  );
}

/**
 * "Why is this in review": every reason the provider gave for a human to look, each linking to its
 * evidence on the page. Ticks stay in this tab until a decision sends them (see `ticks.ts`).
 */
export function ReviewChecklist({ detail }: { detail: CaseDetail }) {
  const items = detail.reviewItems;
  const { ticked, toggle } = useReviewTicks(detail.id, items);
  const [missing, setMissing] = useState<string | null>(null);
  const checked = items.filter((item) => ticked.has(item.key)).length;
  // Ticks travel with a decision; on a case where none can be taken now (decided, or waiting on the
  // provider) the list stays readable but not tickable.
  const decidable = detail.allowedActions.some((type) => TICKED_ACTIONS.has(type));
  return (
    <Paper
      component="section"
      aria-labelledby={HEADING_ID}
      withBorder
      radius="sm"
      p="md"
      id="review-checklist"
    >
      <Group justify="space-between" mb={items.length > 0 ? 'sm' : 0} gap="xs" wrap="wrap">
        <Group gap="xs">
          <IconChecklist size={18} aria-hidden />
          <Title order={2} size="h5" id={HEADING_ID}>
            Why this case is in review
          </Title>
        </Group>
        {items.length > 0 && decidable && (
          <Badge
            variant="light"
            color={checked === items.length ? 'green' : 'orange'}
            radius="sm"
            tt="none"
            aria-live="polite"
          >
            {checked} of {items.length} checked
          </Badge>
        )}
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {detail.view
            ? 'The provider reported no warning, hit, mismatch or threshold breach for this case.'
            : "The provider's details have not been fetched, so the reasons cannot be listed yet."}
        </Text>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((item) => (
            <ChecklistRow
              key={item.key}
              item={item}
              checked={decidable && ticked.has(item.key)}
              onToggle={decidable ? (value) => toggle(item.key, value) : undefined}
              onMissing={() => setMissing(item.text)}
            />
          ))}
        </Stack>
      )}
      {items.length > 0 && !decidable && (
        <Text size="xs" c="dimmed" mt="sm">
          No decision can be taken on this case now, so there is nothing to tick. Each decision's checklist is
          recorded with it under Actions.
        </Text>
      )}
      {missing && (
        <Text size="xs" c="dimmed" mt="xs" role="status">
          The evidence for “{missing}” is not shown on this page.
        </Text>
      )}
    </Paper>
  );
}
