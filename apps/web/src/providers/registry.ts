import type { CaseDetail, CaseView, Provider } from '@backoffice/contracts';
import type { ComponentType } from 'react';
import { didit } from './didit';
import { ditto } from './ditto';
import { kryptogo } from './kryptogo';
import type { WebProvider } from './types';

/** One entry per provider: adding one is a folder under `providers/` and a line here. */
export const WEB_PROVIDERS: Record<Provider, WebProvider> = { didit, kryptogo, ditto };

export const webProvider = (provider: Provider): WebProvider => WEB_PROVIDERS[provider];

/** The provider's panel for this view, or `undefined` when it has none for the view's type. */
export function viewPanel(
  provider: Provider,
  view: CaseView,
): ComponentType<{ detail: CaseDetail; view: CaseView }> | undefined {
  // The map is keyed by view type, so the panel found takes exactly this view.
  return webProvider(provider).viewPanels[view.type] as
    | ComponentType<{ detail: CaseDetail; view: CaseView }>
    | undefined;
}
