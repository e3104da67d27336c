import {
  DITTO_AES_KEY_BYTES,
  DITTO_CBC_IV_BYTES,
  DITTO_DEFAULT_FACE_MATCH_MIN_PERCENT,
  DITTO_DEFAULT_LIVENESS_MIN_SCORE,
  DITTO_GCM_IV_BYTES,
  type DittoAesSettings,
  type DittoKeyEncoding,
  type DittoThresholds,
} from '@backoffice/providers/ditto';
import type { Env } from '../../env';

/** Ditto's side of the connection as we configured it; null in AppDeps means Ditto is not set up. */
export interface DittoConfig {
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  acceptBasicOnKyc: boolean;
  /** Set when request bodies must arrive encrypted. */
  requestAes: DittoAesSettings | null;
  /** Set when our replies must be encrypted. */
  responseAes: DittoAesSettings | null;
}

type DittoEnv = Pick<
  Env,
  | 'DITTO_CLIENT_ID'
  | 'DITTO_CLIENT_SECRET'
  | 'DITTO_TOKEN_TTL_SECONDS'
  | 'DITTO_KYC_BASIC_AUTH'
  | 'DITTO_AES_ENABLED'
  | 'DITTO_RESPONSE_AES_ENABLED'
  | 'DITTO_AES_KEY'
  | 'DITTO_AES_IV'
  | 'DITTO_AES_KEY_ENCODING'
  | 'DITTO_AES_TRANSFORMATION'
>;

export function decodeKeyMaterial(value: string, encoding: DittoKeyEncoding): Buffer {
  if (encoding === 'hex' && !/^(?:[0-9a-fA-F]{2})+$/.test(value)) throw new Error('is not valid hex');
  if (encoding === 'base64' && !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) throw new Error('is not valid base64');
  return Buffer.from(value, encoding);
}

/**
 * Turns the environment into a checked config, failing at start with every problem listed: a wrong key
 * length found at the first submission would mean Ditto's pushes fail in production instead.
 */
export function dittoConfigFromEnv(env: DittoEnv): DittoConfig | null {
  const problems: string[] = [];
  if (!env.DITTO_CLIENT_ID && !env.DITTO_CLIENT_SECRET) return null;
  if (!env.DITTO_CLIENT_ID) problems.push('DITTO_CLIENT_ID: missing (DITTO_CLIENT_SECRET is set)');
  if (!env.DITTO_CLIENT_SECRET) problems.push('DITTO_CLIENT_SECRET: missing (DITTO_CLIENT_ID is set)');

  let aes: DittoAesSettings | null = null;
  if (env.DITTO_AES_ENABLED || env.DITTO_RESPONSE_AES_ENABLED) {
    const transformation = env.DITTO_AES_TRANSFORMATION;
    const decode = (name: string, value: string | undefined): Buffer | null => {
      if (!value) {
        problems.push(`${name}: missing (AES is enabled)`);
        return null;
      }
      try {
        return decodeKeyMaterial(value, env.DITTO_AES_KEY_ENCODING);
      } catch (error) {
        problems.push(
          `${name}: ${(error as Error).message} (DITTO_AES_KEY_ENCODING=${env.DITTO_AES_KEY_ENCODING})`,
        );
        return null;
      }
    };
    const key = decode('DITTO_AES_KEY', env.DITTO_AES_KEY);
    const iv = decode('DITTO_AES_IV', env.DITTO_AES_IV);
    if (key && !(DITTO_AES_KEY_BYTES as readonly number[]).includes(key.length)) {
      problems.push(`DITTO_AES_KEY: decodes to ${key.length} bytes; AES needs 16, 24 or 32`);
    }
    const ivLengths: readonly number[] =
      transformation === 'AES/GCM/NoPadding' ? DITTO_GCM_IV_BYTES : [DITTO_CBC_IV_BYTES];
    if (iv && !ivLengths.includes(iv.length)) {
      problems.push(
        `DITTO_AES_IV: decodes to ${iv.length} bytes; ${transformation} needs ${ivLengths.join(' or ')}`,
      );
    }
    if (key && iv) aes = { transformation, key, iv };
  }
  if (problems.length > 0)
    throw new Error(`Invalid Ditto configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return {
    clientId: env.DITTO_CLIENT_ID!,
    clientSecret: env.DITTO_CLIENT_SECRET!,
    tokenTtlSeconds: env.DITTO_TOKEN_TTL_SECONDS,
    acceptBasicOnKyc: env.DITTO_KYC_BASIC_AUTH,
    requestAes: env.DITTO_AES_ENABLED ? aes : null,
    responseAes: env.DITTO_RESPONSE_AES_ENABLED ? aes : null,
  };
}

/**
 * The minimum scores the settings table starts with on first start. After that they are admin settings
 * (`score-settings.ts`, audited): the environment is never read for them again.
 */
export function dittoSeedThresholds(
  env: Pick<Env, 'DITTO_FACE_MATCH_MIN_PERCENT' | 'DITTO_LIVENESS_MIN_SCORE'>,
): DittoThresholds {
  return {
    faceMatchMinPercent: env.DITTO_FACE_MATCH_MIN_PERCENT ?? DITTO_DEFAULT_FACE_MATCH_MIN_PERCENT,
    livenessMinScore: env.DITTO_LIVENESS_MIN_SCORE ?? DITTO_DEFAULT_LIVENESS_MIN_SCORE,
  };
}
