import type { DiditThresholds } from '@backoffice/contracts';
import { createDiditClient, type DiditClient, workflowToThresholds } from '@backoffice/providers/didit';
import type { Logger } from '../../platform/logger';

const THRESHOLDS_TTL_MS = 5 * 60_000;

export interface DiditGateway {
  client: DiditClient;
  webhookSecrets: string[];
  /** Workflow thresholds for the case page; null when the provider cannot be read right now. */
  thresholdsFor(workflowId: string): Promise<DiditThresholds | null>;
  /** Drops the cached thresholds after an admin changed them, so case pages show the new values at once. */
  forgetThresholds(workflowId: string): void;
}

export function createDiditGateway(options: {
  baseUrl: string;
  apiKey: string;
  webhookSecrets: string[];
  timeoutMs: number;
  mediaHosts: readonly string[];
  logger: Logger;
  now: () => number;
}): DiditGateway {
  const client = createDiditClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    mediaHosts: options.mediaHosts,
  });
  const cache = new Map<string, { at: number; value: DiditThresholds }>();
  return {
    client,
    webhookSecrets: options.webhookSecrets,
    async thresholdsFor(workflowId) {
      const cached = cache.get(workflowId);
      if (cached && options.now() - cached.at < THRESHOLDS_TTL_MS) return cached.value;
      try {
        const value = workflowToThresholds(await client.getWorkflow(workflowId));
        cache.set(workflowId, { at: options.now(), value });
        return value;
      } catch (error) {
        options.logger.warn({ err: error, workflowId }, 'could not read Didit workflow thresholds');
        return cached?.value ?? null;
      }
    },
    forgetThresholds(workflowId) {
      cache.delete(workflowId);
    },
  };
}
