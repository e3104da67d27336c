import type { ProviderAdapter } from '../types';
import { kryptogoOutbox } from './outbox';
import { kryptogoDdVerdict, kryptogoShowsActionEffect } from './policy';
import { reconcileKryptogo } from './reconcile';
import { kryptogoReviewItems } from './review-items';
import { kryptogoCaseViewForRow } from './view';

/**
 * KryptoGO Compliance (docs/providers/kryptogo.md): DD tasks are decided through D4/D5; the contract has
 * no endpoint to audit an IDV task or decide on a KYA task (§2.3), so those are decided here.
 */
export const kryptogoAdapter: ProviderAdapter = {
  provider: 'kryptogo',
  decisionChannels: { dd_task: 'provider', kya_task: 'local', idv_task: 'local' },
  verdict: kryptogoDdVerdict,
  showsActionEffect: kryptogoShowsActionEffect,
  outbox: kryptogoOutbox,
  view: (deps, row) => kryptogoCaseViewForRow(deps.db, row),
  reconcile: { enabled: (deps) => deps.kryptogo !== null, run: reconcileKryptogo },
  evidence: {
    noThresholdsReason:
      'KryptoGO scores the risk itself; the back-office applies no threshold of its own to KryptoGO cases.',
  },
  reviewItems: kryptogoReviewItems,
};
