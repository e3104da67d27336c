import { type DittoThresholds, DittoTokenStore } from '@backoffice/providers/ditto';
import type { Env } from '../../env';
import { type DittoConfig, dittoConfigFromEnv, dittoSeedThresholds } from './config';

/** Ditto's configuration and the tokens we issued; `config` null = Ditto is not set up (endpoints answer 503). */
export interface DittoGateway {
  config: DittoConfig | null;
  tokens: DittoTokenStore | null;
  /** The minimum scores seeded into the settings on first start (see `score-settings.ts`). */
  seedThresholds: DittoThresholds;
}

export function createDittoGateway(env: Env, now: () => number): DittoGateway {
  const config = dittoConfigFromEnv(env);
  return {
    config,
    tokens: config ? new DittoTokenStore(now, config.tokenTtlSeconds) : null,
    seedThresholds: dittoSeedThresholds(env),
  };
}
