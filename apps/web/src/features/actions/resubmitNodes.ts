import type { CaseActionRequest } from '@backoffice/contracts';

type ResubmitNode = Extract<CaseActionRequest, { type: 'request_resubmission' }>['nodes'][number];

export interface ResubmitOption extends ResubmitNode {
  label: string;
  /** Backend steps re-run without the applicant (docs/providers/didit.md §1.4: AML, database validation, IP analysis). */
  automatic: boolean;
}

/**
 * Didit's default single-instance node ids per workflow feature (docs/providers/didit.md §1.5.6).
 * Session features arrive in several spellings (`ID_VERIFICATION`, `ocr`), hence the aliases.
 */
const NODES: Array<{ aliases: string[]; option: ResubmitOption }> = [
  {
    aliases: ['OCR', 'ID_VERIFICATION'],
    option: { nodeId: 'feature_ocr', feature: 'OCR', label: 'ID document (OCR)', automatic: false },
  },
  {
    aliases: ['NFC'],
    option: { nodeId: 'feature_nfc', feature: 'NFC', label: 'NFC chip read', automatic: false },
  },
  {
    aliases: ['LIVENESS'],
    option: { nodeId: 'feature_liveness', feature: 'LIVENESS', label: 'Liveness', automatic: false },
  },
  {
    aliases: ['FACE_MATCH'],
    option: { nodeId: 'feature_face_match', feature: 'FACE_MATCH', label: 'Face match', automatic: false },
  },
  {
    aliases: ['PROOF_OF_ADDRESS', 'POA'],
    option: {
      nodeId: 'feature_proof_of_address',
      feature: 'POA',
      label: 'Proof of address',
      automatic: false,
    },
  },
  {
    aliases: ['QUESTIONNAIRE'],
    option: {
      nodeId: 'feature_questionnaire',
      feature: 'QUESTIONNAIRE',
      label: 'Questionnaire',
      automatic: false,
    },
  },
  {
    aliases: ['PHONE', 'PHONE_VERIFICATION'],
    option: {
      nodeId: 'feature_phone_verification',
      feature: 'PHONE_VERIFICATION',
      label: 'Phone verification',
      automatic: false,
    },
  },
  {
    aliases: ['EMAIL', 'EMAIL_VERIFICATION'],
    option: {
      nodeId: 'feature_email_verification',
      feature: 'EMAIL_VERIFICATION',
      label: 'E-mail verification',
      automatic: false,
    },
  },
  {
    aliases: ['AML'],
    option: { nodeId: 'feature_aml', feature: 'AML', label: 'AML screening', automatic: true },
  },
  {
    aliases: ['DATABASE_VALIDATION'],
    option: {
      nodeId: 'feature_database_validation',
      feature: 'DATABASE_VALIDATION',
      label: 'Database validation',
      automatic: true,
    },
  },
  {
    aliases: ['IP_ANALYSIS'],
    option: { nodeId: 'feature_ip_analysis', feature: 'IP_ANALYSIS', label: 'IP analysis', automatic: true },
  },
];

/** The steps of this session that can be sent back, in workflow order; unknown features are left out. */
export function resubmitOptions(features: string[]): ResubmitOption[] {
  const present = new Set(features.map((feature) => feature.trim().toUpperCase()));
  return NODES.filter(({ aliases }) => aliases.some((alias) => present.has(alias))).map(
    ({ option }) => option,
  );
}
