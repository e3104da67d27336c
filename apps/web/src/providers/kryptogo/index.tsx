import type { WebProvider } from '../types';
import { KryptogoDdPanel } from './KryptogoDdPanel';
import { KryptogoIdvPanel } from './KryptogoIdvPanel';
import { KryptogoKyaPanel } from './KryptogoKyaPanel';

export const kryptogo: WebProvider = {
  referenceLabel: 'Provider reference',
  // Only DD tasks are accepted or rejected at KryptoGO; it has no decision API for KYA and IDV tasks.
  decidedLocally: (kind) => kind !== 'dd_task',
  verbs: { approve: 'Accepted', decline: 'Rejected' },
  pdfReport: false,
  viewPanels: {
    kryptogo_dd: KryptogoDdPanel,
    kryptogo_kya: KryptogoKyaPanel,
    kryptogo_idv: KryptogoIdvPanel,
  },
};
