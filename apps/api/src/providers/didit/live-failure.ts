import type { ProviderError } from '@backoffice/providers/http';
import { AppError } from '../../platform/errors';
import { errorResponse, errorResponses } from '../../platform/openapi';

/**
 * A Didit call that got no proper answer, for a live read or save a manager or admin is waiting on:
 * 503 when Didit gave no answer (timeout, network, rate limit, open circuit), so trying again shortly
 * may help, and 502 when it answered badly. Each caller words the two messages for its own screen.
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

const providerDown = errorResponse('Didit answered badly or not at all; the message says which');

/** The OpenAPI answers of a route that calls Didit live: the 502 and 503 of `diditUnavailable`. */
export const diditDownResponses = { 502: providerDown, 503: providerDown };

/** The failures of a live Didit call about one item: a request it refuses, an item Didit has not, 502/503. */
export const diditItemResponses = {
  400: errorResponses[400],
  404: errorResponses[404],
  ...diditDownResponses,
};
