import type { CaseKind, CaseStatus, Provider, RiskBand } from '@backoffice/contracts';

// Display names of the shared enums that `@backoffice/contracts` does not label itself.
export const PROVIDER_LABELS: Record<Provider, string> = {
  didit: 'Didit',
  kryptogo: 'KryptoGO',
  ditto: 'Ditto ID',
};

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  kyc_session: 'KYC session',
  dd_task: 'Due diligence',
  kya_task: 'KYA (address)',
  idv_task: 'ID verification',
  kyc_submission: 'KYC submission',
};

/** Which kinds each provider produces, so the kind filter only offers combinations that exist. */
export const KINDS_BY_PROVIDER: Record<Provider, CaseKind[]> = {
  didit: ['kyc_session'],
  kryptogo: ['dd_task', 'kya_task', 'idv_task'],
  ditto: ['kyc_submission'],
};

export const CASE_STATUS_COLORS: Record<CaseStatus, string> = {
  pending: 'blue',
  needs_review: 'orange',
  escalated: 'violet',
  approved: 'green',
  rejected: 'red',
  expired: 'gray',
};

/** Green to red across the five bands, so the band is readable at a glance in a dense table. */
export const RISK_BAND_COLORS: Record<RiskBand, string> = {
  low: 'green',
  low_medium: 'lime',
  medium: 'yellow',
  high: 'orange',
  very_high: 'red',
};
