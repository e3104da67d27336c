import { VENDOR_DATA_SCENARIO_SEPARATOR } from './assumptions.js';
import type { WorkflowFeatureCode } from './model.js';
import { SeededRandom } from './people.js';

export const SCENARIO_NAMES = [
  'approve',
  'decline_expired_doc',
  'review_low_face_match',
  'decline_liveness_attack',
  'review_aml_pep',
  'decline_aml_sanctions',
  'decline_blocklisted',
  'review_ip_mismatch',
  'review_data_mismatch',
  'abandon',
  'expire',
  'in_progress',
  // Every report type, with a second ID document and a second face match (repeated workflow nodes).
  'all_reports',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIO_NAMES as readonly string[]).includes(value);
}

/** How far the simulated user gets when the session is driven to its end. */
export type ScenarioEnding = 'completes' | 'abandons' | 'never_opens' | 'stays_in_progress';

export function scenarioEnding(scenario: ScenarioName): ScenarioEnding {
  switch (scenario) {
    case 'abandon':
      return 'abandons';
    case 'expire':
      return 'never_opens';
    case 'in_progress':
      return 'stays_in_progress';
    default:
      return 'completes';
  }
}

export interface AmlHitSignal {
  dataset: 'PEP' | 'Sanctions' | 'Adverse Media';
  /** 0–100 similarity to the screened person. */
  matchScore: number;
  /** 0–100 risk of the listed entity. */
  riskScore: number;
  /** Whether the hit is about the screened person (same name/DOB) or a namesake. */
  samePerson: boolean;
}

/** Raw measurements of one pass through the flow, before any workflow threshold is applied. */
export interface ScenarioSignals {
  documentExpired: boolean;
  faceMatchScore: number;
  livenessScore: number;
  livenessAttack: boolean;
  faceOnForeignBlocklist: boolean;
  amlHits: AmlHitSignal[];
  ipFromAnotherCountry: boolean;
  vpnOrTor: boolean;
  /** The document shows somebody other than `expected_details` describes. */
  documentDiffersFromExpected: boolean;
}

export function signalsFor(scenario: ScenarioName, seed: string): ScenarioSignals {
  const random = new SeededRandom(`signals:${scenario}:${seed}`);
  const clean: ScenarioSignals = {
    documentExpired: false,
    faceMatchScore: random.decimal(86, 98),
    livenessScore: random.decimal(88, 99.5),
    livenessAttack: false,
    faceOnForeignBlocklist: false,
    // A low-scoring namesake is the common case: screening finds it and marks it a false positive.
    amlHits:
      random.next() < 0.5 ? [{ dataset: 'PEP', matchScore: 41, riskScore: 35, samePerson: false }] : [],
    ipFromAnotherCountry: false,
    vpnOrTor: false,
    documentDiffersFromExpected: false,
  };
  switch (scenario) {
    case 'decline_expired_doc':
      return { ...clean, documentExpired: true };
    case 'review_low_face_match':
      return { ...clean, faceMatchScore: random.decimal(55, 68) };
    case 'decline_liveness_attack':
      return { ...clean, livenessAttack: true, livenessScore: random.decimal(3, 20), faceMatchScore: 31.5 };
    case 'review_aml_pep':
      return { ...clean, amlHits: [{ dataset: 'PEP', matchScore: 97, riskScore: 85, samePerson: true }] };
    case 'decline_aml_sanctions':
      return {
        ...clean,
        amlHits: [
          { dataset: 'Sanctions', matchScore: 99, riskScore: 100, samePerson: true },
          { dataset: 'Adverse Media', matchScore: 95, riskScore: 72, samePerson: true },
        ],
      };
    case 'decline_blocklisted':
      return { ...clean, faceOnForeignBlocklist: true };
    case 'review_ip_mismatch':
      return { ...clean, ipFromAnotherCountry: true, vpnOrTor: true };
    case 'review_data_mismatch':
      return { ...clean, documentDiffersFromExpected: true };
    case 'all_reports':
      return {
        ...clean,
        faceMatchScore: random.decimal(55, 68),
        amlHits: [{ dataset: 'PEP', matchScore: 41, riskScore: 35, samePerson: false }],
      };
    default:
      return clean;
  }
}

/** After a resubmission the user redoes the listed steps properly; the other signals stay as they were. */
export function redoSignals(
  previous: ScenarioSignals,
  redone: readonly WorkflowFeatureCode[],
  seed: string,
): ScenarioSignals {
  const fresh = signalsFor('approve', `redo:${seed}`);
  const next = { ...previous };
  if (redone.includes('OCR')) {
    next.documentExpired = false;
    next.documentDiffersFromExpected = false;
  }
  if (redone.includes('LIVENESS')) {
    next.livenessAttack = false;
    next.livenessScore = fresh.livenessScore;
  }
  if (redone.includes('FACE_MATCH')) next.faceMatchScore = fresh.faceMatchScore;
  if (redone.includes('IP_ANALYSIS')) {
    next.ipFromAnotherCountry = false;
    next.vpnOrTor = false;
  }
  return next;
}

/** `metadata.sim_scenario` wins; else a known scenario after the last separator of `vendor_data`. */
export function scenarioFromRequest(metadata: unknown, vendorData: string | null): ScenarioName | null {
  const metadataObject = parseMetadata(metadata);
  const fromMetadata = metadataObject?.sim_scenario;
  if (isScenarioName(fromMetadata)) return fromMetadata;
  if (vendorData) {
    const suffix = vendorData.slice(vendorData.lastIndexOf(VENDOR_DATA_SCENARIO_SEPARATOR) + 1);
    if (vendorData.includes(VENDOR_DATA_SCENARIO_SEPARATOR) && isScenarioName(suffix)) return suffix;
  }
  return null;
}

/** Strips a scenario suffix so `user-7:review_aml_pep` and `user-7` are the same person. */
export function personSeedFor(metadata: unknown, vendorData: string | null, sessionId: string): string {
  const explicit = parseMetadata(metadata)?.sim_person_seed;
  if (typeof explicit === 'string' && explicit) return explicit;
  if (!vendorData) return sessionId;
  const cut = vendorData.lastIndexOf(VENDOR_DATA_SCENARIO_SEPARATOR);
  return cut > 0 && isScenarioName(vendorData.slice(cut + 1)) ? vendorData.slice(0, cut) : vendorData;
}

function parseMetadata(metadata: unknown): Record<string, unknown> | null {
  if (typeof metadata === 'string') {
    try {
      const parsed: unknown = JSON.parse(metadata);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  return metadata && typeof metadata === 'object' ? (metadata as Record<string, unknown>) : null;
}
