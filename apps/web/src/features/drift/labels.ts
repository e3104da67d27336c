import { CASE_STATUS_LABELS, type DriftView } from '@backoffice/contracts';

/** Case statuses in the words of the queue; a status we have no word for is shown as it is. */
export const statusLabel = (status: string) =>
  (CASE_STATUS_LABELS as Record<string, string>)[status] ?? status;

export const DRIFT_STATUS_LABELS: Record<DriftView['status'], string> = {
  open: 'Open',
  awaiting_approval: 'Awaiting second manager',
  resolved: 'Resolved',
};

export const RESOLUTION_LABELS: Record<NonNullable<DriftView['resolution']>, string> = {
  accept_provider: 'Provider state accepted',
  push_ours: 'Our decision pushed again',
  provider_matches: 'Provider came back to ours',
};
