import type { CaseActionType, CaseDetail } from '@backoffice/contracts';
import { Alert, Text } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { TICKED_ACTIONS } from './labels';
import { tickedKeys, useReviewTicks } from './ticks';

/**
 * How much of the checklist the decision leaves unticked. A warning, not a block: some items are
 * informative only, and escalating is the way out for one the reviewer cannot resolve; what was left
 * unticked is recorded with the decision (docs/review-checklist.md).
 */
export function ChecklistDecisionNotice({ detail, type }: { detail: CaseDetail; type: CaseActionType }) {
  const items = detail.reviewItems;
  const { ticked } = useReviewTicks(detail.id, items);
  if (!TICKED_ACTIONS.has(type) || items.length === 0) return null;
  const unticked = items.length - ticked.size;
  if (unticked === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="checklist-notice">
        All {items.length} checklist items are ticked; they are recorded with this decision.
      </Text>
    );
  }
  return (
    <Alert
      variant="light"
      color="yellow"
      icon={<IconChecklist size={18} />}
      title={`${unticked} of ${items.length} checklist ${items.length === 1 ? 'item is' : 'items are'} not ticked`}
      data-testid="checklist-notice"
    >
      <Text size="sm">
        You can still decide. The decision records which items you ticked and which you did not.
      </Text>
    </Alert>
  );
}

/** The ticks a decision request carries, for the decisions that take them (read when it is built). */
export function checkedItemsFor(detail: CaseDetail, type: CaseActionType): { checkedItems?: string[] } {
  if (!TICKED_ACTIONS.has(type) || detail.reviewItems.length === 0) return {};
  return { checkedItems: tickedKeys(detail.id, detail.reviewItems) };
}
