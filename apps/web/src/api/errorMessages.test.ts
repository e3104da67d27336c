import { ErrorCode } from '@backoffice/contracts';
import { describe, expect, it } from 'vitest';
import { describeError } from '../components/ErrorState';
import { ApiRequestError } from './client';
import { ERROR_MESSAGES } from './errorMessages';

const CLIENT_CODES = ['network_error', 'invalid_response', 'unreadable_error'];

describe('error messages', () => {
  it('has a message for every code of the contract and for the client-observed ones, and nothing else', () => {
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...ErrorCode.options, ...CLIENT_CODES].sort());
    for (const [code, message] of Object.entries(ERROR_MESSAGES)) {
      expect(message.trim(), code).not.toBe('');
      // A message is a sentence for a person, never the code restated.
      expect(message, code).toMatch(/^[A-Z].*[.!]$/);
    }
  });

  it('shows the message for the code, then the server detail when it says more', () => {
    const stale = new ApiRequestError(409, {
      code: 'stale_version',
      message: 'Case 41 is at version 8, not 7.',
      requestId: 'r-1',
    });
    expect(describeError(stale)).toEqual({
      message: ERROR_MESSAGES.stale_version,
      detail: 'Case 41 is at version 8, not 7.',
      text: `${ERROR_MESSAGES.stale_version} Case 41 is at version 8, not 7.`,
      code: 'stale_version',
      requestId: 'r-1',
    });
    const sameWords = new ApiRequestError(401, {
      code: 'invalid_credentials',
      message: ERROR_MESSAGES.invalid_credentials,
      requestId: 'r-2',
    });
    expect(describeError(sameWords).detail).toBeNull();
    expect(describeError(sameWords).text).toBe(ERROR_MESSAGES.invalid_credentials);
  });
});
