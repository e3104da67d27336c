import type { DiditManualStatus } from './schemas';

export type UpdateStatusOutcome = 'allowed' | 'noop' | 'forbidden';

type TableRow = Readonly<Record<DiditManualStatus, UpdateStatusOutcome>>;

const NOTHING_ALLOWED: TableRow = { Approved: 'forbidden', Declined: 'forbidden', Resubmitted: 'forbidden' };
const EVERYTHING_ALLOWED: TableRow = { Approved: 'allowed', Declined: 'allowed', Resubmitted: 'allowed' };

/**
 * `PATCH /v3/session/{id}/update-status/` rules, current status → requested status (docs/providers/didit.md §1.4,
 * newest docs per C8). "forbidden" is a 400 from Didit; "noop" is a 200 that changes nothing and fires
 * no webhook. Checked before any provider call (docs/reliability.md R10).
 */
export const DIDIT_UPDATE_STATUS_TABLE: Readonly<Record<string, TableRow>> = {
  'Not Started': NOTHING_ALLOWED,
  'In Progress': NOTHING_ALLOWED,
  Expired: NOTHING_ALLOWED,
  'Awaiting User': NOTHING_ALLOWED,
  'In Review': EVERYTHING_ALLOWED,
  Approved: { Approved: 'noop', Declined: 'allowed', Resubmitted: 'allowed' },
  Declined: { Approved: 'allowed', Declined: 'noop', Resubmitted: 'allowed' },
  Abandoned: EVERYTHING_ALLOWED,
  'Kyc Expired': EVERYTHING_ALLOWED,
  Resubmitted: { Approved: 'allowed', Declined: 'allowed', Resubmitted: 'forbidden' },
};

/** Unknown current statuses and any requested status other than the three manual ones are refused. */
export function updateStatusOutcome(current: string, next: string): UpdateStatusOutcome {
  if (!Object.hasOwn(DIDIT_UPDATE_STATUS_TABLE, current)) return 'forbidden';
  const row = DIDIT_UPDATE_STATUS_TABLE[current];
  if (row === undefined || !Object.hasOwn(row, next)) return 'forbidden';
  return row[next as DiditManualStatus];
}

/** Didit answers 400 to a resubmission without the list of steps to redo. */
export function requiresNodesToResubmit(next: string): boolean {
  return next === 'Resubmitted';
}
