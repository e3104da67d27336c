import type { WebProvider } from '../types';
import { DittoSubmissionPanel } from './DittoSubmissionPanel';

export const ditto: WebProvider = {
  referenceLabel: 'Provider reference',
  // Ditto ID pushes submissions and has no decision API: every decision is recorded here.
  decidedLocally: () => true,
  verbs: {},
  pdfReport: false,
  viewPanels: { ditto_submission: DittoSubmissionPanel },
};
