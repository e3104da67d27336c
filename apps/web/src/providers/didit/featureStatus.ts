/** Didit per-feature statuses (docs/providers/didit.md §1.3); unknown ones fall back to gray in the badge. */
export const FEATURE_STATUS_COLORS: Record<string, string> = {
  approved: 'green',
  declined: 'red',
  'in review': 'orange',
  in_review: 'orange',
  'not finished': 'gray',
  not_finished: 'gray',
  expired: 'gray',
};
