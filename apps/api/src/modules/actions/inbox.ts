import type { CaseActionStatus, CaseActionView } from '@backoffice/contracts';
import type { AppDeps } from '../../platform/deps';
import { actionsWithStatus } from './repo';
import { toActionViews } from './view';

/** The actions in the given statuses, newest first: the approvals and failed-actions inboxes. */
export function listActionInbox(
  deps: AppDeps,
  statuses: readonly CaseActionStatus[],
  limit: number,
): CaseActionView[] {
  return toActionViews(deps.db.orm, actionsWithStatus(deps.db.orm, statuses, limit));
}
