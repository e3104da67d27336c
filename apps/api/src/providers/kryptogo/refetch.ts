import { ProviderError } from '@backoffice/providers/http';
import type { KryptogoDdDetails, KryptogoIdvDetail } from '@backoffice/providers/kryptogo';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import type { KryptogoGateway } from './gateway';

export const refetchDd = (gateway: KryptogoGateway, taskId: number): Promise<KryptogoDdDetails> =>
  gateway.client.getDdDetails(taskId);

export const refetchIdv = (gateway: KryptogoGateway, idvTaskId: number): Promise<KryptogoIdvDetail> =>
  gateway.client.getIdv(idvTaskId);

/** 404 (no such task) or 403 (another account's task): either way it is not ours to record. */
export function isTaskAbsent(error: unknown): boolean {
  return error instanceof ProviderError && (error.status === 404 || error.status === 403);
}

/**
 * Any other failure to read KryptoGO (timeout, 5xx, 429, open circuit, an answer that does not parse, our
 * key refused) is ours to retry later: 503 tells KryptoGO to send the callback again. The log names the
 * kind of failure, never a URL with a query or a body.
 */
export function providerUnavailable(deps: AppDeps, error: unknown, requestId: string): unknown {
  if (!(error instanceof ProviderError)) return error;
  deps.logger.warn(
    { requestId, operation: error.operation, kind: error.kind, status: error.status },
    'KryptoGO could not be read; asking the caller to retry',
  );
  return new AppError(503, 'provider_unavailable', 'KryptoGO could not be read right now; retry later.');
}
