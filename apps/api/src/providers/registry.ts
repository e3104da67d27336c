import { diditAdapter } from './didit/adapter';
import { dittoAdapter } from './ditto/adapter';
import { kryptogoAdapter } from './kryptogo/adapter';
import type { ProviderAdapter } from './types';

/** Every provider this API speaks to: adding one is its folder and one line here. */
const BUILT_IN: readonly (() => ProviderAdapter)[] = [
  () => diditAdapter,
  () => kryptogoAdapter,
  () => dittoAdapter,
];

// Built on first use, not at import: the adapters import shared modules that import this file.
let adapters: Map<string, ProviderAdapter> | null = null;

function registry(): Map<string, ProviderAdapter> {
  adapters ??= new Map(BUILT_IN.map((get) => [get().provider, get()]));
  return adapters;
}

/** The adapter of a stored case's provider; undefined for a provider this build does not know. */
export function adapterFor(provider: string): ProviderAdapter | undefined {
  return registry().get(provider);
}

export function requireAdapter(provider: string): ProviderAdapter {
  const adapter = adapterFor(provider);
  if (!adapter) throw new Error(`no provider adapter registered for ${provider}`);
  return adapter;
}

export function registeredProviders(): ProviderAdapter[] {
  return [...registry().values()];
}

/** The adapter whose outbox calls are named `<provider>.<verb>`. */
export function adapterOfOperation(operation: string): ProviderAdapter | undefined {
  return adapterFor(operation.slice(0, operation.indexOf('.')));
}

/**
 * Adds a provider the way a new folder and registry line would, for tests that prove the seam
 * (`providers/fake-provider.test.ts`); returns the undo.
 */
export function registerProvider(adapter: ProviderAdapter): () => void {
  const map = registry();
  if (map.has(adapter.provider)) throw new Error(`provider ${adapter.provider} is already registered`);
  map.set(adapter.provider, adapter);
  return () => {
    map.delete(adapter.provider);
  };
}
