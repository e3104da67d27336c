import type { Db } from '@backoffice/db';
import type { Env } from '../env';
import type { DiditGateway } from '../providers/didit/gateway';
import type { DittoGateway } from '../providers/ditto/gateway';
import type { KryptogoGateway } from '../providers/kryptogo/gateway';
import type { TrustProxy } from './client-address';
import type { EventBus } from './events';
import type { Logger } from './logger';

/** Everything a route or service needs, built once in main.ts (or a test) and passed down. */
export interface AppDeps {
  db: Db;
  logger: Logger;
  events: EventBus;
  now: () => number;
  didit: DiditGateway;
  /** Ditto ID's push endpoints: our client credentials, AES settings and issued tokens. */
  ditto: DittoGateway;
  /** Null when KryptoGO is not configured (KRYPTOGO_BASE_URL / KRYPTOGO_API_KEY unset). */
  kryptogo: KryptogoGateway | null;
  env: Pick<Env, 'PROVIDER_MODE' | 'DIDIT_BASE_URL' | 'WEB_DIST_DIR' | 'PUBLIC_BASE_URL'>;
  /** Compiled TRUSTED_PROXIES; null = no proxy is trusted and X-Forwarded-* headers are ignored. */
  trustedProxies: TrustProxy | null;
  migrations: number;
  version: string;
}
