import { z } from 'zod';

/** A variable set to an empty string (as shell scripts often do) counts as unset. */
const optional = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const EnvSchema = z.object({
  DIDIT_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4101),
  DIDIT_SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  DIDIT_SANDBOX_PUBLIC_URL: optional(z.url()),
  DIDIT_API_KEY: z.string().min(8, 'must be at least 8 characters'),
  DIDIT_WEBHOOK_URL: optional(z.url()),
  DIDIT_WEBHOOK_SECRET: z.string().min(8, 'must be at least 8 characters'),
  KRYPTOGO_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4102),
  /** When unset, the KryptoGO sandbox does not start. */
  KRYPTOGO_API_KEY: optional(z.string().min(8, 'must be at least 8 characters')),
  DITTO_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4103),
  /** The Ditto sandbox pushes to our API; it starts only when these are set. */
  DITTO_CONTROL_API_KEY: optional(z.string().min(8, 'must be at least 8 characters')),
  DITTO_TARGET_BASE_URL: optional(z.url()),
  DITTO_CLIENT_ID: optional(z.string().min(1)),
  DITTO_CLIENT_SECRET: optional(z.string().min(16, 'must be at least 16 characters')),
});
export type SandboxEnv = z.infer<typeof EnvSchema>;

/** The only place that reads the environment; fails with a readable list of what is missing or wrong. */
export function loadEnv(source: Record<string, string | undefined> = process.env): SandboxEnv {
  const result = EnvSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return source[name] === undefined
      ? `  ${name}: missing (the start script generates it; secrets are never committed)`
      : `  ${name}: ${issue.message}`;
  });
  throw new Error(`Invalid sandbox environment:\n${problems.join('\n')}`);
}
