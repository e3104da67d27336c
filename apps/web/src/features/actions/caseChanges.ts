import { CASE_STATUS_LABELS, type CaseDetail } from '@backoffice/contracts';
import { ACTION_STATUS_LABELS, ACTION_TYPE_LABELS } from './labels';

/** What another person (or the provider) changed between two versions of a case, in plain words. */
export function describeCaseChanges(before: CaseDetail, after: CaseDetail): string[] {
  const changes: string[] = [];
  if (before.status !== after.status) {
    changes.push(`Status: ${CASE_STATUS_LABELS[before.status]} → ${CASE_STATUS_LABELS[after.status]}`);
  } else if (before.providerStatus !== after.providerStatus) {
    changes.push(`Provider status: ${before.providerStatus} → ${after.providerStatus}`);
  }
  const previousActions = new Map(before.actions.map((action) => [action.id, action]));
  for (const action of after.actions) {
    const previous = previousActions.get(action.id);
    if (!previous) {
      changes.push(
        `${action.requestedBy.name} requested “${ACTION_TYPE_LABELS[action.type]}” (${ACTION_STATUS_LABELS[action.status].toLowerCase()})`,
      );
    } else if (previous.status !== action.status) {
      changes.push(
        `“${ACTION_TYPE_LABELS[action.type]}” by ${action.requestedBy.name}: ${ACTION_STATUS_LABELS[previous.status].toLowerCase()} → ${ACTION_STATUS_LABELS[action.status].toLowerCase()}`,
      );
    }
  }
  if ((before.assignee?.id ?? null) !== (after.assignee?.id ?? null)) {
    changes.push(`Assignee: ${before.assignee?.name ?? 'nobody'} → ${after.assignee?.name ?? 'nobody'}`);
  }
  if (before.riskScore !== after.riskScore) {
    changes.push(`Risk score: ${before.riskScore ?? 'none'} → ${after.riskScore ?? 'none'}`);
  }
  const newComments = after.comments.length - before.comments.length;
  if (newComments > 0) changes.push(`${newComments} new ${newComments === 1 ? 'comment' : 'comments'}`);
  if (JSON.stringify(before.metadata) !== JSON.stringify(after.metadata)) changes.push('Metadata changed');
  if (changes.length === 0 && before.version !== after.version) {
    changes.push('New information from the provider (no change to status or decisions)');
  }
  return changes;
}
