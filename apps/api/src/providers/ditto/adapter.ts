import { dittoCaseView } from '@backoffice/providers/ditto';
import type { ProviderAdapter } from '../types';
import { dittoMedia } from './case-view';
import { dittoEvidence } from './evidence';
import { dittoReviewItems } from './review-items';
import { getDittoScores } from './score-settings';

/** Ditto ID pushes KYC submissions and has no decision API (docs/providers/ditto.md §3): decided here. */
export const dittoAdapter: ProviderAdapter = {
  provider: 'ditto',
  decisionChannels: { kyc_submission: 'local' },
  view: (deps, row) => dittoCaseView(row.payload, getDittoScores(deps)),
  media: async (_deps, row, rawKey) => dittoMedia(row, rawKey),
  evidence: dittoEvidence,
  reviewItems: (view) => (view.type === 'ditto_submission' ? dittoReviewItems(view) : []),
};
