import { allowedHostOf, parseAllowedHosts } from '@backoffice/providers/media-fetch';
import { z } from 'zod';
import { compileTrustedProxies } from './platform/client-address';

/** Shell scripts often set a variable to an empty string to mean "unset". */
const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

/** The only place that reads process.env. Fails at start with every missing or wrong variable listed. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_FILE: z.string().min(1).default('.data/backoffice.sqlite'),
  /** Built SPA to serve at `/`; unset when only the API runs (tests, dev with Vite). */
  WEB_DIST_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `sandbox` when the providers are this project's sandboxes; only labels health and logs. */
  PROVIDER_MODE: z.enum(['sandbox', 'live']).default('sandbox'),
  DIDIT_BASE_URL: z.url(),
  DIDIT_API_KEY: z.string().min(1),
  /** Current secret first, then any previous one still accepted during a rotation. */
  DIDIT_WEBHOOK_SECRETS: z
    .string()
    .min(1)
    .transform((value) =>
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(8)).min(1)),
  DIDIT_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /**
   * Hosts (`host` or `host:port`, comma-separated) that media URLs in Didit payloads may point to; every
   * redirect hop is checked too. Unset: the host of DIDIT_BASE_URL (where the sandbox serves media). With
   * live Didit, list its media storage host(s). A name must resolve to public addresses only; an IP literal
   * (e.g. `127.0.0.1:4010`) is connected to as configured, so internal addresses need to be named literally.
   */
  DIDIT_MEDIA_HOSTS: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.string())
          .min(1)
          .refine(
            (hosts) => {
              try {
                parseAllowedHosts(hosts);
                return true;
              } catch {
                return false;
              }
            },
            { message: 'each entry must be a host or host:port (IPv6 in brackets)' },
          ),
      )
      .optional(),
  ),
  /** Seeds one demo user per role (passwords in the README). Never set it in production. */
  DEMO_MODE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * KryptoGO Compliance (docs/providers/kryptogo.md): set both to enable it; unset, KryptoGO is off and its callback
   * and screening routes answer 503. The base URL is not published by KryptoGO, hence configurable.
   */
  KRYPTOGO_BASE_URL: z.preprocess(emptyAsUnset, z.url().optional()),
  KRYPTOGO_API_KEY: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  /** [assumed] header name (§2.1). */
  KRYPTOGO_API_KEY_HEADER: z.string().min(1).default('X-API-KEY'),
  KRYPTOGO_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Search settings (the id in the console's settings URL) for person (KYC) and company (KYB) screenings. */
  KRYPTOGO_KYC_SEARCH_SETTING_ID: z.preprocess(emptyAsUnset, z.coerce.number().int().positive().optional()),
  KRYPTOGO_KYB_SEARCH_SETTING_ID: z.preprocess(emptyAsUnset, z.coerce.number().int().positive().optional()),
  /**
   * Where providers reach this server (KryptoGO callback URLs are built from it). Default: the address the
   * server listens on, `http://127.0.0.1:<PORT>`.
   */
  PUBLIC_BASE_URL: z.preprocess(emptyAsUnset, z.url().optional()),
  RECONCILE_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Seconds between periodic reconciliations of every provider that can be re-read (Didit, KryptoGO),
   * counted from the end of the previous run; 0 turns it off. Catches webhooks that never arrived.
   */
  RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(900),
  /** Seconds between QA sampler runs over newly closed cases (docs/architecture.md, QA sampling); 0 turns it off. */
  QA_SAMPLER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** Ditto ID pushes KYC submissions to `/ditto/kyc`; both unset = the endpoints answer 503. */
  DITTO_CLIENT_ID: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  DITTO_CLIENT_SECRET: z.preprocess(emptyAsUnset, z.string().min(16).optional()),
  DITTO_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** Also accept `Authorization: Basic <client id:secret>` on `/ditto/kyc` (Ditto's "basic" auth mode). */
  DITTO_KYC_BASIC_AUTH: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Request bodies arrive AES-encrypted (Ditto `requestEncryption.enable`). */
  DITTO_AES_ENABLED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Replies are AES-encrypted with the same key and IV (Ditto `responseDecryption.enable`). */
  DITTO_RESPONSE_AES_ENABLED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  DITTO_AES_KEY: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  DITTO_AES_IV: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  /** How DITTO_AES_KEY and DITTO_AES_IV are written. */
  DITTO_AES_KEY_ENCODING: z.enum(['utf8', 'base64', 'hex']).default('utf8'),
  DITTO_AES_TRANSFORMATION: z
    .enum(['AES/CBC/PKCS5Padding', 'AES/GCM/NoPadding'])
    .default('AES/CBC/PKCS5Padding'),
  /**
   * Sessions behind a TLS proxy. TRUSTED_PROXIES: comma-separated addresses, CIDR ranges or proxy-addr
   * names (`loopback`, `linklocal`, `uniquelocal`) of the reverse proxies in front of this server. Only
   * through them is `X-Forwarded-For` (client address) and `X-Forwarded-Proto` read; unset = neither is
   * believed. The session cookie is `Secure` when PUBLIC_BASE_URL is https, when the request itself is
   * https, or when a trusted proxy says it was.
   */
  TRUSTED_PROXIES: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .refine(
        (entries) => {
          try {
            compileTrustedProxies(entries);
            return true;
          } catch {
            return false;
          }
        },
        { message: 'each entry must be an IP address, a CIDR range, or loopback / linklocal / uniquelocal' },
      ),
  ),
  /**
   * Ditto's minimum scores on first start only (unset = the defaults in
   * packages/providers/src/ditto/assumptions.ts); afterwards they are audited admin settings.
   */
  DITTO_FACE_MATCH_MIN_PERCENT: z.preprocess(emptyAsUnset, z.coerce.number().min(0).max(100).optional()),
  DITTO_LIVENESS_MIN_SCORE: z.preprocess(emptyAsUnset, z.coerce.number().min(0).max(100).optional()),
});

export type Env = z.infer<typeof EnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  // Half a KryptoGO configuration is a typo, not a choice: refuse it rather than silently run without it.
  if ((parsed.data.KRYPTOGO_BASE_URL === undefined) !== (parsed.data.KRYPTOGO_API_KEY === undefined)) {
    throw new Error('Invalid environment:\n  - KRYPTOGO_BASE_URL, KRYPTOGO_API_KEY: set both, or neither');
  }
  return parsed.data;
}

/** DIDIT_MEDIA_HOSTS, or by default the host of DIDIT_BASE_URL. */
export function diditMediaHosts(env: Pick<Env, 'DIDIT_MEDIA_HOSTS' | 'DIDIT_BASE_URL'>): string[] {
  return env.DIDIT_MEDIA_HOSTS ?? [allowedHostOf(env.DIDIT_BASE_URL)];
}

/** The few variables the command-line tools need (they do not talk to providers). */
const CommandEnvSchema = z.object({
  DATABASE_FILE: z.string().min(1).default('.data/backoffice.sqlite'),
  ADMIN_PASSWORD: z.string().optional(),
  /** Where the user typed `pnpm …`; pnpm runs a filtered script in the package folder, so paths resolve here. */
  INIT_CWD: z.string().optional(),
});

/** Every variable this file reads (server and commands), so the README's settings table can be checked against it. */
export const ENV_VARIABLE_NAMES: readonly string[] = [
  ...new Set([...Object.keys(EnvSchema.shape), ...Object.keys(CommandEnvSchema.shape)]),
];

export function readCommandEnv(source: Record<string, string | undefined> = process.env) {
  return CommandEnvSchema.parse(source);
}
