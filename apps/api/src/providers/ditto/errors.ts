import type { ErrorCode } from '@backoffice/contracts';
import type { DITTO_AUTH_ERROR_CODES } from '@backoffice/providers/ditto';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../platform/errors';

/**
 * A refused call to one of Ditto's endpoints. It is still an AppError (code, status, message), but Ditto's
 * server reads replies through its own locators, so the router renders it in Ditto's shapes.
 */
export class DittoAuthError extends AppError {
  constructor(
    readonly dittoErrorCode: (typeof DITTO_AUTH_ERROR_CODES)[keyof typeof DITTO_AUTH_ERROR_CODES],
    /** OAuth2 error (RFC 6749 §5.2 / RFC 6750 §3.1). */
    readonly oauthError: 'invalid_client' | 'invalid_token' | 'invalid_request',
    readonly challenge: 'Basic' | 'Bearer',
    description: string,
  ) {
    super(401, 'ditto_unauthorized', description);
  }
}

/** A refused KYC submission or token request that is not about credentials (400, 409, 413, 503). */
export class DittoRequestError extends AppError {
  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string) {
    super(status, code, message);
  }
}

export const dittoNotConfigured = () =>
  new DittoRequestError(503, 'ditto_not_configured', 'Ditto ID is not configured on this server.');
