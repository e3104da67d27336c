import type { ActionDecisionRequest, CaseActionView } from '@backoffice/contracts';
import { notifications } from '@mantine/notifications';
import { postActionDecision } from '../../api/endpoints';
import { useIdempotentMutation } from '../../api/idempotency';
import { notifyFailed } from '../../components/notify';
import { ACTION_TYPE_LABELS } from './labels';
import { useInvalidateCase } from './useCaseMutationInvalidation';

const DONE: Record<ActionDecisionRequest['decision'], string> = {
  approve: 'Approved — it is being sent to the provider',
  reject: 'Rejected — nothing is sent to the provider',
  retry: 'Queued again for delivery',
  abandon: 'Abandoned — it will not be sent',
};

/** A manager's decision on someone's action (four-eyes approve/reject, retry/abandon a failed one). */
export function useActionDecision() {
  const invalidate = useInvalidateCase();
  return useIdempotentMutation({
    mutationFn: (
      { action, request }: { action: CaseActionView; request: ActionDecisionRequest },
      idempotencyKey,
    ) => postActionDecision(action.id, request, idempotencyKey),
    intentOf: ({ action, request }) => ({ id: action.id, request }),
    onSuccess: async (result, { action, request }) => {
      notifications.show({
        color: request.decision === 'approve' || request.decision === 'retry' ? 'green' : 'gray',
        title:
          action.caseId !== null
            ? `${ACTION_TYPE_LABELS[action.type]} on case ${action.caseId}`
            : `${ACTION_TYPE_LABELS[action.type]} (Didit list)`,
        message: DONE[request.decision],
      });
      await invalidate(result.caseId);
    },
    onError: async (error, { action }) => {
      notifyFailed(`Could not record your decision on “${ACTION_TYPE_LABELS[action.type]}”`, error);
      await invalidate(action.caseId);
    },
  });
}
