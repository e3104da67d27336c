import {
  ALLOWLIST_CLEARS,
  DEFAULT_RISK_ACTIONS,
  DEVICE_IN_BLOCKLIST_RISK,
  IP_COUNTRY_MISMATCH_RISK,
  IP_IN_BLOCKLIST_RISK,
  VPN_OR_TOR_RISK,
} from './assumptions.js';
import {
  type DiditWarning,
  FEATURE_NODES,
  type ReportStatus,
  type SessionOutcome,
  type SessionStatus,
  type Workflow,
  type WorkflowFeatureCode,
} from './model.js';
import { countryByAlpha3, type SimulatedPerson } from './people.js';
import type { ScenarioSignals } from './scenarios.js';

type RiskAction = 'decline' | 'review' | 'approve';

const RISK_DESCRIPTIONS: Record<string, [short: string, long: string]> = {
  DOCUMENT_EXPIRED: ['Document expired', 'The document expiration date is in the past.'],
  ID_DOCUMENT_IN_BLOCKLIST: ['Document in blocklist', 'This document was blocklisted in a previous session.'],
  FACE_IN_BLOCKLIST: ['Face in blocklist', 'The face matches a face that was added to the blocklist.'],
  LIVENESS_FACE_ATTACK: [
    'Possible spoofing attempt',
    'The liveness check detected a presentation attack (photo, screen or mask).',
  ],
  LOW_LIVENESS_SCORE: ['Low liveness score', 'The liveness score is below the workflow threshold.'],
  LOW_FACE_MATCH_SIMILARITY: [
    'Low face match similarity',
    'The selfie and the document portrait are not similar enough.',
  ],
  POSSIBLE_MATCH_FOUND: ['Possible match found', 'The screened person possibly matches a watchlist entry.'],
  FULL_NAME_MISMATCH_WITH_PROVIDED: [
    'Full name mismatch',
    'The name on the document differs from the name provided when creating the session.',
  ],
  DOB_MISMATCH_WITH_PROVIDED: [
    'Date of birth mismatch',
    'The date of birth on the document differs from the one provided when creating the session.',
  ],
  GENDER_MISMATCH_WITH_PROVIDED: [
    'Gender mismatch',
    'The gender on the document differs from the one provided when creating the session.',
  ],
  NATIONALITY_MISMATCH_WITH_PROVIDED: [
    'Nationality mismatch',
    'The nationality on the document differs from the one provided when creating the session.',
  ],
  IDENTIFICATION_NUMBER_MISMATCH_WITH_PROVIDED: [
    'Identification number mismatch',
    'The document or personal number differs from the one provided when creating the session.',
  ],
  [IP_COUNTRY_MISMATCH_RISK]: [
    'IP country differs from document',
    'The IP address is located in a different country than the document issuer.',
  ],
  [VPN_OR_TOR_RISK]: ['VPN or Tor detected', 'The IP address belongs to a VPN, proxy or Tor exit node.'],
  PHONE_NUMBER_IN_BLOCKLIST: ['Phone number in blocklist', 'The phone number was added to the blocklist.'],
  EMAIL_IN_BLOCKLIST: ['Email in blocklist', 'The email address was added to the blocklist.'],
  [IP_IN_BLOCKLIST_RISK]: ['IP address in blocklist', 'The IP address was added to the blocklist.'],
  [DEVICE_IN_BLOCKLIST_RISK]: ['Device in blocklist', 'The device was added to the blocklist.'],
};

const LOG_TYPE_BY_ACTION = { decline: 'error', review: 'warning', approve: 'information' } as const;

function warning(
  feature: WorkflowFeatureCode,
  risk: string,
  action: RiskAction,
  additionalData: unknown = null,
): DiditWarning {
  const [short, long] = RISK_DESCRIPTIONS[risk] ?? [risk, risk];
  return {
    feature: FEATURE_NODES[feature].label,
    risk,
    additional_data: additionalData,
    log_type: LOG_TYPE_BY_ACTION[action],
    short_description: short,
    long_description: long,
    node_id: FEATURE_NODES[feature].nodeId,
  };
}

function statusFromWarnings(warnings: readonly DiditWarning[]): ReportStatus {
  if (warnings.some((item) => item.log_type === 'error')) return 'Declined';
  if (warnings.some((item) => item.log_type === 'warning')) return 'In Review';
  return 'Approved';
}

/** Any declined feature declines the session; otherwise any feature in review sends it to review. */
export function rollUpStatus(statuses: readonly ReportStatus[]): SessionStatus {
  if (statuses.includes('Declined')) return 'Declined';
  if (statuses.includes('In Review')) return 'In Review';
  return 'Approved';
}

function foldForComparison(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export interface EvaluationInput {
  workflow: Workflow;
  person: SimulatedPerson;
  signals: ScenarioSignals;
  expectedDetails: Record<string, unknown> | null;
  blocklisted: ListMatches;
  /** Values of the session on an allowlist: the warnings about them are cleared (`ALLOWLIST_CLEARS`). */
  allowlisted?: ListMatches;
}

export type ListMatches = Record<keyof typeof ALLOWLIST_CLEARS, boolean>;

function clearedByAllowlist(allowlisted: ListMatches | undefined): Set<string> {
  const cleared = new Set<string>();
  if (!allowlisted) return cleared;
  for (const [type, risks] of Object.entries(ALLOWLIST_CLEARS)) {
    if (allowlisted[type as keyof ListMatches]) for (const risk of risks) cleared.add(risk);
  }
  return cleared;
}

/**
 * The person shown on the document: the generated one, corrected to what the caller told us to expect
 * unless the scenario is precisely that the document shows somebody else.
 */
export function personOnDocument(
  generated: SimulatedPerson,
  expected: Record<string, unknown> | null,
  signals: ScenarioSignals,
): SimulatedPerson {
  if (!expected || signals.documentDiffersFromExpected) return generated;
  const text = (field: string) =>
    typeof expected[field] === 'string' ? (expected[field] as string) : undefined;
  const nationality = text('nationality');
  const gender = text('gender');
  return {
    ...generated,
    firstName: text('first_name') ?? generated.firstName,
    lastName: text('last_name') ?? generated.lastName,
    dateOfBirth: text('date_of_birth') ?? generated.dateOfBirth,
    gender: gender === 'M' || gender === 'F' ? gender : generated.gender,
    country: (nationality && countryByAlpha3(nationality)) || generated.country,
    documentNumber: text('identification_number') ?? generated.documentNumber,
  };
}

function expectedDetailsWarnings(person: SimulatedPerson, expected: Record<string, unknown>): DiditWarning[] {
  const action = (risk: string): RiskAction => DEFAULT_RISK_ACTIONS[risk] ?? 'review';
  const found: DiditWarning[] = [];
  const given = (field: string) => (typeof expected[field] === 'string' ? (expected[field] as string) : null);
  const expectedName = [given('first_name'), given('last_name')].filter(Boolean).join(' ');
  const documentName = [
    given('first_name') ? person.firstName : '',
    given('last_name') ? person.lastName : '',
  ].join(' ');
  if (expectedName && foldForComparison(expectedName) !== foldForComparison(documentName)) {
    found.push(
      warning('OCR', 'FULL_NAME_MISMATCH_WITH_PROVIDED', action('FULL_NAME_MISMATCH_WITH_PROVIDED')),
    );
  }
  const checks: Array<[string, string, string | null]> = [
    ['date_of_birth', 'DOB_MISMATCH_WITH_PROVIDED', person.dateOfBirth],
    ['gender', 'GENDER_MISMATCH_WITH_PROVIDED', person.gender],
    ['nationality', 'NATIONALITY_MISMATCH_WITH_PROVIDED', person.country.alpha3],
  ];
  for (const [field, risk, actual] of checks) {
    const wanted = given(field);
    if (wanted && wanted !== actual) found.push(warning('OCR', risk, action(risk)));
  }
  const identification = given('identification_number');
  if (
    identification &&
    identification !== person.documentNumber &&
    identification !== person.personalNumber
  ) {
    const risk = 'IDENTIFICATION_NUMBER_MISMATCH_WITH_PROVIDED';
    found.push(warning('OCR', risk, action(risk)));
  }
  return found;
}

/** Non-false-positive AML hits decide the screening; the highest risk score is compared to the thresholds. */
export function amlScore(workflow: Workflow, signals: ScenarioSignals): number {
  const relevant = signals.amlHits.filter(
    (hit) => hit.matchScore >= workflow.thresholds.aml_match_score_threshold,
  );
  return relevant.reduce((highest, hit) => Math.max(highest, hit.riskScore), 0);
}

export function evaluateOutcome(input: EvaluationInput): SessionOutcome['reports'] {
  const { workflow, person, signals, blocklisted } = input;
  const thresholds = workflow.thresholds;
  const cleared = clearedByAllowlist(input.allowlisted);
  const reports: SessionOutcome['reports'] = {};
  for (const { feature } of workflow.features) {
    const warnings: DiditWarning[] = [];
    switch (feature) {
      case 'OCR':
        if (blocklisted.document) warnings.push(warning('OCR', 'ID_DOCUMENT_IN_BLOCKLIST', 'decline'));
        if (signals.documentExpired) {
          warnings.push(
            warning('OCR', 'DOCUMENT_EXPIRED', 'decline', { expiration_date: person.expirationDate }),
          );
        }
        if (input.expectedDetails) warnings.push(...expectedDetailsWarnings(person, input.expectedDetails));
        break;
      case 'LIVENESS':
        if (blocklisted.face || signals.faceOnForeignBlocklist) {
          warnings.push(warning('LIVENESS', 'FACE_IN_BLOCKLIST', 'decline'));
        }
        if (signals.livenessAttack) warnings.push(warning('LIVENESS', 'LIVENESS_FACE_ATTACK', 'decline'));
        if (signals.livenessScore < thresholds.face_liveness_score_decline_threshold) {
          warnings.push(
            warning('LIVENESS', 'LOW_LIVENESS_SCORE', 'decline', {
              score: signals.livenessScore,
              threshold: thresholds.face_liveness_score_decline_threshold,
            }),
          );
        }
        break;
      case 'FACE_MATCH':
        if (signals.faceMatchScore < thresholds.face_match_score_decline_threshold) {
          warnings.push(
            warning('FACE_MATCH', 'LOW_FACE_MATCH_SIMILARITY', 'decline', { score: signals.faceMatchScore }),
          );
        } else if (signals.faceMatchScore < thresholds.face_match_score_review_threshold) {
          warnings.push(
            warning('FACE_MATCH', 'LOW_FACE_MATCH_SIMILARITY', 'review', { score: signals.faceMatchScore }),
          );
        }
        break;
      case 'AML': {
        const score = amlScore(workflow, signals);
        if (score >= thresholds.aml_decline_threshold) {
          warnings.push(warning('AML', 'POSSIBLE_MATCH_FOUND', 'decline', { score }));
        } else if (score >= thresholds.aml_review_threshold) {
          warnings.push(warning('AML', 'POSSIBLE_MATCH_FOUND', 'review', { score }));
        } else if (score > 0) {
          warnings.push(warning('AML', 'POSSIBLE_MATCH_FOUND', 'approve', { score }));
        }
        break;
      }
      case 'IP_ANALYSIS':
        if (signals.ipFromAnotherCountry) {
          const risk = IP_COUNTRY_MISMATCH_RISK;
          warnings.push(warning('IP_ANALYSIS', risk, DEFAULT_RISK_ACTIONS[risk] ?? 'review'));
        }
        if (signals.vpnOrTor)
          warnings.push(
            warning('IP_ANALYSIS', VPN_OR_TOR_RISK, DEFAULT_RISK_ACTIONS[VPN_OR_TOR_RISK] ?? 'review'),
          );
        if (blocklisted.ip_address) warnings.push(warning('IP_ANALYSIS', IP_IN_BLOCKLIST_RISK, 'decline'));
        if (blocklisted.device_fingerprint) {
          warnings.push(warning('IP_ANALYSIS', DEVICE_IN_BLOCKLIST_RISK, 'decline'));
        }
        break;
      case 'PHONE_VERIFICATION':
        if (blocklisted.phone)
          warnings.push(warning('PHONE_VERIFICATION', 'PHONE_NUMBER_IN_BLOCKLIST', 'decline'));
        break;
      case 'EMAIL_VERIFICATION':
        if (blocklisted.email) warnings.push(warning('EMAIL_VERIFICATION', 'EMAIL_IN_BLOCKLIST', 'decline'));
        break;
      default:
        break;
    }
    const kept = warnings.filter((item) => !cleared.has(item.risk));
    reports[feature] = { status: statusFromWarnings(kept), warnings: kept };
  }
  return reports;
}

export function sessionStatusFromReports(reports: SessionOutcome['reports']): SessionStatus {
  return rollUpStatus(Object.values(reports).map((report) => report.status));
}
