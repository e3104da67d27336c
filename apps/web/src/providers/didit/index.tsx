import type { WebProvider } from '../types';
import { DiditSessionPanel } from './DiditSessionPanel';
import { resubmitOptions } from './resubmitNodes';
import { SessionSection } from './SessionSection';

export const didit: WebProvider = {
  referenceLabel: 'Session id',
  decidedLocally: () => false,
  verbs: { approve: 'Approved', decline: 'Declined', request_resubmission: 'Resubmitted' },
  pdfReport: true,
  viewPanels: { didit_session: DiditSessionPanel },
  SideSections: ({ view }) => (view.type === 'didit_session' ? <SessionSection view={view} /> : null),
  resubmitOptions: (view) => (view.type === 'didit_session' ? resubmitOptions(view) : []),
};
