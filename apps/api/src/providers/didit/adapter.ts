import { readSyncValue } from '../../modules/reconcile/jobs-repo';
import type { ProviderAdapter } from '../types';
import { diditMedia, diditReport, diditView } from './case-view';
import { diditEvidence } from './evidence';
import { diditOutbox } from './outbox';
import { checkDiditRequest, diditShowsActionEffect, diditVerdict } from './policy';
import { DIDIT_SYNC_KEY, reconcileDidit, reconcileDiditSession } from './reconcile';
import { diditReviewItems } from './review-items';

/** Didit v3 KYC sessions (docs/providers/didit.md): decided through its update-status API. */
export const diditAdapter: ProviderAdapter = {
  provider: 'didit',
  decisionChannels: { kyc_session: 'provider' },
  verdict: diditVerdict,
  showsActionEffect: diditShowsActionEffect,
  checkRequest: checkDiditRequest,
  outbox: diditOutbox,
  view: diditView,
  media: diditMedia,
  report: diditReport,
  reconcile: {
    enabled: () => true,
    run: reconcileDidit,
    rereadOne: reconcileDiditSession,
    lastReconciledAt(db) {
      const last = readSyncValue(db, DIDIT_SYNC_KEY);
      return last === null ? null : Number(last);
    },
  },
  evidence: diditEvidence,
  reviewItems: (view) => (view.type === 'didit_session' ? diditReviewItems(view) : []),
};

/** A case of Didit's, for the Didit-only features outside this folder (the Lists API). */
export const isDiditCase = (row: { provider: string } | undefined): boolean => row?.provider === 'didit';
