import type { ErrorCode } from '@backoffice/contracts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A failure a service expects and the client can act on; the one error model of the API. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    /** One of the contract's `ErrorCode`s: the web maps each to a message. */
    readonly code: ErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found.`);
export const badRequest = (message: string, issues?: { path: string; message: string }[]) =>
  new AppError(400, 'invalid_request', message, issues);
