import type { ProviderError } from '@backoffice/providers/http';
import { AppError } from '../../platform/errors';

/**
 * A Didit call that got no proper answer, for a live read or save a manager or admin is waiting on:
 * 503 when Didit gave no answer (timeout, network, rate limit, open circuit), so trying again shortly
 * may help, and 502 when it answered badly. Each caller words the two messages for its own screen; the
 * routes' docs list both answers (`diditDownResponses` in the contracts' route docs).
 */
export function diditUnavailable(
  error: ProviderError,
  messages: { unreachable: string; answeredBadly: string },
): AppError {
  const unreachable =
    error.kind === 'timeout' ||
    error.kind === 'network' ||
    error.kind === 'rate_limited' ||
    error.circuitOpen;
  return new AppError(
    unreachable ? 503 : 502,
    'provider_unavailable',
    unreachable ? messages.unreachable : messages.answeredBadly,
  );
}
