import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.js';

describe('sandbox environment', () => {
  it('applies defaults and treats an empty webhook URL as unset', () => {
    const env = loadEnv({
      DIDIT_API_KEY: 'key-12345678',
      DIDIT_WEBHOOK_SECRET: 'secret-12345678',
      DIDIT_WEBHOOK_URL: '',
    });
    expect(env).toMatchObject({ DIDIT_SANDBOX_PORT: 4101, DIDIT_SANDBOX_HOST: '127.0.0.1' });
    expect(env.DIDIT_WEBHOOK_URL).toBeUndefined();
  });

  it('lists every missing secret in one readable message', () => {
    expect(() => loadEnv({ DIDIT_SANDBOX_PORT: 'eighty' })).toThrowError(
      /DIDIT_SANDBOX_PORT[\s\S]*DIDIT_API_KEY: missing[\s\S]*DIDIT_WEBHOOK_SECRET: missing/,
    );
  });
});
