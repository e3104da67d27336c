import { ERROR_CODE } from './assumptions';

export type SandboxErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503;

/** A failure answered with KryptoGO's error body `{code, message}` and a 4xx/5xx status. */
export class KryptogoSandboxError extends Error {
  constructor(
    readonly status: SandboxErrorStatus,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'KryptogoSandboxError';
  }
}

export const badRequest = (message: string, code: number = ERROR_CODE.invalidBody) =>
  new KryptogoSandboxError(400, code, message);
export const notFound = (what: string) =>
  new KryptogoSandboxError(404, ERROR_CODE.notFound, `${what} not found`);
export const forbidden = (message: string, code: number = ERROR_CODE.notOwner) =>
  new KryptogoSandboxError(403, code, message);
export const conflict = (message: string) =>
  new KryptogoSandboxError(409, ERROR_CODE.alreadyAudited, message);
export const payloadTooLarge = (message: string) =>
  new KryptogoSandboxError(413, ERROR_CODE.payloadTooLarge, message);
