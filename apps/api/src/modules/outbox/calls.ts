import type { AppDeps } from '../../platform/deps';
import { adapterOfOperation } from '../../providers/registry';
import type { DeliveredCall, ProviderCall, ProviderOutbox } from '../../providers/types';

/**
 * A provider call waiting in the outbox, stored as JSON and parsed again, with its provider's own
 * schema, when the worker reads it. `operation` is `<provider>.<verb>`; `reference` goes into the
 * comment sent to the provider so a re-read can recognise our own call.
 */
export type OutboxCall = ProviderCall;

function outboxOf(operation: string): ProviderOutbox | undefined {
  return adapterOfOperation(operation)?.outbox;
}

/** The stored call as its provider's schema reads it; null when it no longer parses. */
export function parseOutboxCall(stored: unknown): OutboxCall | null {
  const operation = (stored as { operation?: unknown } | null)?.operation;
  if (typeof operation !== 'string') return null;
  const parsed = outboxOf(operation)?.calls.safeParse(stored);
  return parsed?.success ? parsed.data : null;
}

/**
 * Delivers one call exactly once through its provider's adapter: where an earlier attempt may have
 * landed with its answer lost, the adapter re-reads before sending. Throws `ProviderError` (retryable
 * or not) or a typed `AppError` refusal (permanent).
 */
export function deliverCall(deps: AppDeps, call: OutboxCall, mayHaveLanded: boolean): Promise<DeliveredCall> {
  const outbox = outboxOf(call.operation);
  if (!outbox) throw new Error(`no provider delivers ${call.operation}`);
  return outbox.deliver(deps, call, mayHaveLanded);
}

/** The provider adapter's transaction-2 hook for this call (see `ProviderOutbox.record`). */
export const outboxRecorderOf = (operation: string) => outboxOf(operation);

/** Tells the provider-side reader which back-office action wrote an entry. */
export const actionReference = (actionId: number) => `back-office action #${actionId}`;
