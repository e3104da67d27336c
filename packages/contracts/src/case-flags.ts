import { z } from 'zod';
import { labelledEnum } from './labelled-enum';

/**
 * Why a manager cleared a case's flag. A fixed list, not free text: the reason is written to the audit log,
 * which holds no notes (docs/architecture.md, "Audit").
 */
export const { schema: CaseFlagClearReason, labels: CASE_FLAG_CLEAR_REASON_LABELS } = labelledEnum({
  provider_status_checked: 'Checked at the provider: the case status is right',
  decision_confirmed: 'Decision reviewed and confirmed',
  qa_followed_up: 'QA finding followed up',
  raised_in_error: 'Flag raised in error',
});
export type CaseFlagClearReason = z.infer<typeof CaseFlagClearReason>;

/** Body of `POST /api/cases/:id/flag/clear` (with `If-Match: <case version>`). */
export const ClearCaseFlagRequest = z.strictObject({ reason: CaseFlagClearReason });
export type ClearCaseFlagRequest = z.infer<typeof ClearCaseFlagRequest>;
