import type { KryptogoScreeningRequest, KryptogoScreeningResponse } from '@backoffice/contracts';
import { ProviderError } from '@backoffice/providers/http';
import {
  KRYPTOGO_DD_AUDIT_STATUS,
  type KryptogoDdCreateItem,
  KryptogoDdDetails,
  type KryptogoDdSummary,
} from '@backoffice/providers/kryptogo';
import { actorAuditContext, type RequestActor } from '../../modules/audit/emit';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { requireKryptogo } from './callback-service';
import { ingestKryptogoState, type KryptogoTaskState, kryptogoExternalId } from './ingest';

/** [seed] 0 negative news · 1 Dow Jones · 2 Taiwan company · 3 Taiwan verdict · 4 sanction list: search them all. */
const ALL_SEARCH_SOURCES = [0, 1, 2, 3, 4];

/**
 * A refusal the reviewer can act on. The provider's short message is passed on for a 400 (it names the
 * field it did not like); anything else says whether to retry.
 */
function screeningFailure(error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  if (error.retryable || error.circuitOpen) {
    return new AppError(
      503,
      'provider_unavailable',
      'KryptoGO is not answering right now; try again shortly.',
    );
  }
  if (error.status === 400 || error.status === 422) {
    const detail = error.detail ? ` KryptoGO said: ${error.detail}` : '';
    return new AppError(400, 'provider_rejected', `KryptoGO refused the screening.${detail}`);
  }
  if (error.status === 401 || error.status === 403) {
    return new AppError(
      502,
      'provider_refused',
      'KryptoGO refused our credentials or account for this call.',
    );
  }
  return new AppError(502, 'provider_error', 'KryptoGO answered in a way we could not use.');
}

function ddItem(
  request: Extract<KryptogoScreeningRequest, { type: 'dd_person' | 'dd_company' }>,
  searchSettingId: number,
  callbackUrl: string,
): KryptogoDdCreateItem {
  const target =
    request.type === 'dd_person'
      ? {
          name: request.name,
          ...(request.birthday ? { birthday: request.birthday } : {}),
          ...(request.citizenship ? { citizenship: request.citizenship } : {}),
          ...(request.gender ? { gender: request.gender } : {}),
          ...(request.idNumber ? { id_number: request.idNumber } : {}),
        }
      : {
          company_name: request.companyName,
          ...(request.registrationNumber ? { registration_number: request.registrationNumber } : {}),
          ...(request.country ? { country: request.country } : {}),
        };
  return {
    search_setting_id: searchSettingId,
    target,
    search_source: ALL_SEARCH_SOURCES,
    callback_url: callbackUrl,
    ...(request.customerReference ? { customer_reference: request.customerReference } : {}),
  };
}

/**
 * The D3 answer is a summary; when the follow-up D2 read fails the case still opens (pending, from what
 * D3 said) so the reviewer sees it at once, and the callback or reconciliation fills in the rest.
 */
function detailsFromSummary(summary: KryptogoDdSummary): KryptogoDdDetails {
  const { metadata: _summaryMetadata, progress: _progress, ...rest } = summary;
  return KryptogoDdDetails.parse({
    ...rest,
    search_source: ALL_SEARCH_SOURCES,
    completed_source: 0,
    audit_status: KRYPTOGO_DD_AUDIT_STATUS.pending,
  });
}

/**
 * Starts a DD screening (person or company) or a KYA address check at KryptoGO and opens its case in
 * the same transaction as the reviewer's audit row. Provider calls happen before the transaction.
 * A D3 whose answer is lost still creates the task at KryptoGO; reconciliation (D6) then finds it.
 */
export async function startKryptogoScreening(
  deps: AppDeps,
  actor: RequestActor,
  request: KryptogoScreeningRequest,
): Promise<KryptogoScreeningResponse> {
  const gateway = requireKryptogo(deps);
  let state: KryptogoTaskState;
  let searchSettingId: number | null = null;
  if (request.type === 'kya') {
    try {
      const task = await gateway.client.createKya({
        address: request.address,
        ...(request.chain ? { chain: request.chain } : {}),
      });
      state = { kind: 'kya_task', task };
    } catch (error) {
      throw screeningFailure(error);
    }
  } else {
    searchSettingId = request.type === 'dd_person' ? gateway.searchSettings.kyc : gateway.searchSettings.kyb;
    if (searchSettingId === null) {
      const variable =
        request.type === 'dd_person' ? 'KRYPTOGO_KYC_SEARCH_SETTING_ID' : 'KRYPTOGO_KYB_SEARCH_SETTING_ID';
      throw new AppError(
        503,
        'provider_not_configured',
        `No KryptoGO search setting is configured (${variable}).`,
      );
    }
    let summary: KryptogoDdSummary | undefined;
    try {
      [summary] = await gateway.client.createDdTasks([
        ddItem(request, searchSettingId, gateway.callbackUrl()),
      ]);
    } catch (error) {
      throw screeningFailure(error);
    }
    if (!summary) throw new AppError(502, 'provider_error', 'KryptoGO created no task.');
    let details: KryptogoDdDetails;
    try {
      details = await gateway.client.getDdDetails(summary.task_id);
    } catch (error) {
      deps.logger.warn({ err: error, taskId: summary.task_id }, 'new KryptoGO DD task could not be read yet');
      details = detailsFromSummary(summary);
    }
    state = { kind: 'dd_task', details };
  }

  const externalTaskId = state.kind === 'kya_task' ? state.task.kya_id : state.details.task_id;
  const result = ingestKryptogoState(deps, state, {
    kind: 'screening',
    requestId: actor.context.requestId,
    context: actorAuditContext(actor),
    audit: {
      action: 'kryptogo.screening_started',
      provider: 'kryptogo',
      externalId: kryptogoExternalId(state.kind, externalTaskId),
      // What was asked, never who: names and addresses stay out of the audit trail.
      after: { type: request.type, searchSettingId },
    },
  });
  if (result.caseId === null) throw new AppError(500, 'internal_error', 'The screening case was not stored.');
  deps.logger.info(
    { requestId: actor.context.requestId, kind: state.kind, taskId: externalTaskId, caseId: result.caseId },
    'KryptoGO screening started',
  );
  return {
    caseId: result.caseId,
    kind: state.kind === 'kya_task' ? 'kya_task' : 'dd_task',
    externalId: kryptogoExternalId(state.kind, externalTaskId),
    // A duplicate/stale outcome means the callback got there first; its status is the current one.
    status: result.status ?? 'pending',
  };
}
