import type { CaseStatus, RiskBand } from '@backoffice/contracts';

/** The case-model fields a provider payload maps onto; the raw payload is stored beside them. */
export interface CaseFields {
  /** The provider's own status in words, kept next to the normalized one. */
  providerStatus: string;
  status: CaseStatus;
  subjectName: string | null;
  subjectRef: string | null;
  subjectCountry: string | null;
  documentNumber: string | null;
  riskScore: number | null;
  riskBand: RiskBand | null;
  warningCount: number;
  createdAtMs: number | null;
}
