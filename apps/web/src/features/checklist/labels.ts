import type { CaseActionType, ReviewItemKind, ReviewItemSeverity } from '@backoffice/contracts';

export const KIND_LABELS: Record<ReviewItemKind, string> = {
  warning: 'Warning',
  issue: 'Issue',
  hit: 'Hit',
  mismatch: 'Mismatch',
  threshold: 'Threshold',
};

export const SEVERITY_STYLES: Record<ReviewItemSeverity, { color: string; label: string }> = {
  high: { color: 'red', label: 'High' },
  medium: { color: 'orange', label: 'Medium' },
  low: { color: 'gray', label: 'Low' },
};

/** The decisions that carry the checklist's ticks (the API stores the checklist with these only). */
export const TICKED_ACTIONS: ReadonlySet<CaseActionType> = new Set<CaseActionType>([
  'approve',
  'decline',
  'request_resubmission',
  'blocklist',
  'escalate',
]);
