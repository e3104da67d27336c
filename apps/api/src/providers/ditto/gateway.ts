import { DittoTokenStore } from '@backoffice/providers/ditto';
import type { Env } from '../../env';
import { type DittoConfig, dittoConfigFromEnv } from './config';

/** Ditto's configuration and the tokens we issued; `config` null = Ditto is not set up (endpoints answer 503). */
export interface DittoGateway {
  config: DittoConfig | null;
  tokens: DittoTokenStore | null;
}

export function createDittoGateway(env: Env, now: () => number): DittoGateway {
  const config = dittoConfigFromEnv(env);
  return { config, tokens: config ? new DittoTokenStore(now, config.tokenTtlSeconds) : null };
}
