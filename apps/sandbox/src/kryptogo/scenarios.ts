import { createHash } from 'node:crypto';
import { IDV_REASON, SANCTION_SOURCE, SEARCH_SOURCE_NAME } from './assumptions';
import type { SourceHit } from './state';

/**
 * How the simulated screening decides what it finds. Real KryptoGO searches news, Dow Jones, Taiwanese
 * registries and sanction lists; the sandbox instead reads keywords in the subject's name, so a tester
 * can ask for a sanctioned or a clean subject by naming it ("Jane Sanction", "Clean Holdings Ltd").
 */
interface DdFinding {
  keyword: string;
  source: number;
  /** Risk this finding alone implies; the task's potential_risk is the highest present. */
  risk: number;
  headline: (subject: string) => string;
}

const DD_FINDINGS: readonly DdFinding[] = [
  {
    keyword: 'sanction',
    source: SANCTION_SOURCE,
    risk: 100,
    headline: (s) => `${s} appears on a consolidated sanctions list`,
  },
  { keyword: 'pep', source: 1, risk: 80, headline: (s) => `${s} identified as a politically exposed person` },
  { keyword: 'news', source: 0, risk: 55, headline: (s) => `${s} named in adverse media report` },
  { keyword: 'verdict', source: 3, risk: 35, headline: (s) => `${s} party to a court verdict` },
];

/** Risk of a subject with no findings at all. */
const BASELINE_RISK = 8;

/** The DD scenarios the control API can create, each a subject name that triggers it. */
export const DD_SCENARIOS = ['clean', 'news', 'pep', 'sanction', 'verdict', 'kyb', 'pending'] as const;
export type DdScenario = (typeof DD_SCENARIOS)[number];

export function findingsFor(subjectName: string): DdFinding[] {
  const lower = subjectName.toLowerCase();
  return DD_FINDINGS.filter((finding) => lower.includes(finding.keyword));
}

/** Hits of one source for one subject; KYB subjects always have their company-registry record. */
export function sourceHits(
  subjectName: string,
  isCompany: boolean,
  source: number,
  taskId: number,
  asOfSeconds: number,
): SourceHit[] {
  const sourceName = SEARCH_SOURCE_NAME[source] ?? `source ${source}`;
  const hits = findingsFor(subjectName)
    .filter((finding) => finding.source === source)
    .map((finding, index) => ({
      title: finding.headline(subjectName),
      url: `https://screening.sandbox.kryptogo.test/${source}/${taskId}-${index + 1}`,
      snippet: `Sandbox ${sourceName} record matching the keyword "${finding.keyword}".`,
      date: isoDate(asOfSeconds - (30 + index) * 86_400),
      source: sourceName,
    }));
  if (isCompany && source === 2) {
    hits.push({
      title: `${subjectName}: company registration record`,
      url: `https://screening.sandbox.kryptogo.test/2/${taskId}-registry`,
      snippet: 'Registered company, status active.',
      date: isoDate(asOfSeconds - 400 * 86_400),
      source: sourceName,
    });
  }
  return hits;
}

/** potential_risk from the sources that actually produced findings (a keyword outside the searched sources finds nothing). */
export function potentialRiskFor(subjectName: string, searchedSources: readonly number[]): number {
  const risks = findingsFor(subjectName)
    .filter((finding) => searchedSources.includes(finding.source))
    .map((finding) => finding.risk);
  return Math.max(BASELINE_RISK, ...risks);
}

export function ddScenarioSubject(
  scenario: DdScenario,
  sequence: number,
): { name: string; isCompany: boolean } {
  switch (scenario) {
    case 'kyb':
      return { name: `Sandbox Trading ${sequence} Ltd`, isCompany: true };
    case 'pending':
      return { name: `Pending Subject ${sequence}`, isCompany: false };
    default:
      return {
        name: `${scenario[0]!.toUpperCase()}${scenario.slice(1)} Subject ${sequence}`,
        isCompany: false,
      };
  }
}

/** KYA address profiles. */
export const KYA_SCENARIOS = ['clean', 'high_risk', 'sanctioned'] as const;
export type KyaScenario = (typeof KYA_SCENARIOS)[number];

export interface KyaProfile {
  riskScore: number;
  sanctioned: boolean;
  flaggedCounterparty: boolean;
}

export function kyaProfileFor(address: string, forced: string | undefined): KyaProfile {
  if (forced === 'sanctioned') return { riskScore: 100, sanctioned: true, flaggedCounterparty: true };
  if (forced === 'high_risk') return { riskScore: 85, sanctioned: false, flaggedCounterparty: true };
  if (forced === 'clean') return { riskScore: 3, sanctioned: false, flaggedCounterparty: false };
  // Unknown addresses get a stable low-to-medium score so repeated lookups agree.
  return { riskScore: digest(address)[0]! % 50, sanctioned: false, flaggedCounterparty: false };
}

/** IDV outcomes. Keywords are read from expected_name and customer_reference. */
export const IDV_SCENARIOS = [
  'accept',
  'review',
  'reject',
  'expired',
  'liveness',
  'face_mismatch',
  'awaiting_user',
] as const;
export type IdvScenario = (typeof IDV_SCENARIOS)[number];

const IDV_REJECT_KEYWORDS: ReadonlyArray<readonly [string, string]> = [
  ['expired', IDV_REASON.documentExpired],
  ['liveness', IDV_REASON.livenessFailed],
  ['face_mismatch', IDV_REASON.faceMismatch],
  ['reject', IDV_REASON.documentTampered],
];
const IDV_REVIEW_KEYWORDS = ['review', 'mismatch'];

export interface IdvOutcomePlan {
  rejectReasons: string[];
  /** When true the extracted data deliberately differs from the expected values. */
  extractMismatch: boolean;
}

export function idvOutcomePlan(hints: readonly string[], override: string | null): IdvOutcomePlan {
  const text = (override ?? hints.join(' ')).toLowerCase();
  const rejectReasons = IDV_REJECT_KEYWORDS.filter(([keyword]) => text.includes(keyword)).map(
    ([, reason]) => reason,
  );
  // "face_mismatch" is a reject, not a data mismatch.
  const reviewText = text.replaceAll('face_mismatch', '');
  return {
    rejectReasons,
    extractMismatch: IDV_REVIEW_KEYWORDS.some((keyword) => reviewText.includes(keyword)),
  };
}

export function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export function isoDate(epochSecondsValue: number): string {
  return new Date(epochSecondsValue * 1000).toISOString().slice(0, 10);
}
