import { z } from 'zod';

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
  /** Seeds one demo user per role (passwords in the README). Never set it in production. */
  DEMO_MODE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  RECONCILE_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
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
  return parsed.data;
}

/** The few variables the command-line tools need (they do not talk to providers). */
const CommandEnvSchema = z.object({
  DATABASE_FILE: z.string().min(1).default('.data/backoffice.sqlite'),
  ADMIN_PASSWORD: z.string().optional(),
  /** Where the user typed `pnpm …`; pnpm runs a filtered script in the package folder, so paths resolve here. */
  INIT_CWD: z.string().optional(),
});

export function readCommandEnv(source: Record<string, string | undefined> = process.env) {
  return CommandEnvSchema.parse(source);
}
