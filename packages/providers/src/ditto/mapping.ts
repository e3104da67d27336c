import {
  type DittoIdentityField,
  type DittoIssue,
  type DittoMediaKey,
  type DittoSubmissionView,
  type RiskBand,
  riskBandOf,
} from '@backoffice/contracts';
import {
  DITTO_DEFAULT_FACE_MATCH_MIN_PERCENT,
  DITTO_DEFAULT_LIVENESS_MIN_SCORE,
  DITTO_DOCUMENT_IMAGE_KEYS,
  DITTO_DOCUMENT_STATUS_OK,
  DITTO_FIELD_SOURCE_LABELS,
  DITTO_IDENTITY_FIELD_ALIASES,
} from './assumptions';
import { DittoKycRequest } from './schemas';

export interface DittoThresholds {
  faceMatchMinPercent: number;
  livenessMinScore: number;
}

export const DEFAULT_DITTO_THRESHOLDS: DittoThresholds = {
  faceMatchMinPercent: DITTO_DEFAULT_FACE_MATCH_MIN_PERCENT,
  livenessMinScore: DITTO_DEFAULT_LIVENESS_MIN_SCORE,
};

/**
 * How much each issue adds to the 0–100 risk score. A plain sum, capped at 100, so a reviewer can recompute
 * any score from the listed issues. A failed biometric check alone reaches "medium"; a document error plus a
 * failed biometric reaches "high".
 */
export const DITTO_ISSUE_WEIGHTS = {
  document_status_not_ok: 30,
  document_error: 20,
  face_match_below_threshold: 50,
  face_match_missing: 25,
  liveness_below_threshold: 50,
  liveness_missing: 25,
  field_sources_disagree: 15,
} as const;
export type DittoIssueCode = keyof typeof DITTO_ISSUE_WEIGHTS;

export interface DittoAssessment {
  issues: (DittoIssue & { code: DittoIssueCode })[];
  riskScore: number;
  riskBand: RiskBand | null;
}

export interface DittoCaseFields {
  subjectName: string | null;
  subjectRef: string | null;
  subjectCountry: string | null;
  documentNumber: string | null;
  providerStatus: string;
}

type Document = NonNullable<DittoKycRequest['kyc_info']['document']>;

/** Face match on the 0–100 scale: `score_percent` as sent, else the 0–1 `score` scaled. */
function faceMatchPercent(payload: DittoKycRequest): number | null {
  const result = payload.kyc_info.face_matcher_result;
  if (result?.score_percent != null) return result.score_percent;
  if (result?.score != null) return result.score * 100;
  return null;
}

const livenessScore = (payload: DittoKycRequest): number | null =>
  payload.kyc_info.liveness_check?.video?.liveness_result?.score ?? null;

/** MRZ writes names in capitals with `<` fillers and without accents; compare what the sources mean. */
function comparable(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/</g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

const asText = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

export function identityFieldsOf(document: Document | null | undefined): DittoIdentityField[] {
  const byName = new Map<string, DittoIdentityField>();
  const data = document?.identity_data ?? {};
  for (const [name, value] of Object.entries(data)) {
    byName.set(name, { name, value: asText(value), status: null, sources: [], sourcesDisagree: false });
  }
  // Locale "0" first (Latin in the sample), so its reading is the one shown when locales differ.
  const locales = Object.entries(document?.identity_data_details ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  for (const [, details] of locales) {
    for (const detail of details) {
      const field = byName.get(detail.field_name) ?? {
        name: detail.field_name,
        value: detail.field_details?.field_value ?? null,
        status: null,
        sources: [],
        sourcesDisagree: false,
      };
      field.status ??= detail.field_details?.field_status ?? null;
      field.value ??= detail.field_details?.field_value ?? null;
      for (const [source, value] of Object.entries(detail.field_details?.field_source_and_values ?? {})) {
        if (field.sources.some((known) => known.source === source && known.value === value)) continue;
        field.sources.push({ source, label: DITTO_FIELD_SOURCE_LABELS[source] ?? source, value });
      }
      byName.set(field.name, field);
    }
  }
  for (const field of byName.values()) {
    field.sourcesDisagree = new Set(field.sources.map((s) => comparable(s.value))).size > 1;
  }
  return [...byName.values()];
}

/** The biometric scores of a submission, on the scales the minimums use (face match 0–100). */
export interface DittoBiometricScores {
  faceMatchPercent: number | null;
  liveness: number | null;
}

/**
 * Which biometric scores fall below their minimum: the one comparison both ingestion and the threshold
 * what-if make, so a replay of stored scores decides exactly as a new submission would. A missing score is
 * never "below" (it is its own issue, whatever the minimum).
 */
export function dittoScoresBelowMinimum(
  scores: DittoBiometricScores,
  thresholds: DittoThresholds,
): { faceMatch: boolean; liveness: boolean } {
  return {
    faceMatch: scores.faceMatchPercent !== null && scores.faceMatchPercent < thresholds.faceMatchMinPercent,
    liveness: scores.liveness !== null && scores.liveness < thresholds.livenessMinScore,
  };
}

/**
 * Everything that makes a submission worth a closer look, and the score derived from it. Unknown or missing
 * values count as issues: a check we cannot see is not a check that passed.
 */
export function assessDittoSubmission(
  payload: DittoKycRequest,
  thresholds: DittoThresholds = DEFAULT_DITTO_THRESHOLDS,
): DittoAssessment {
  const issues: DittoAssessment['issues'] = [];
  const status = payload.kyc_info.document?.document_status;
  const overall = status?.overall_document_status ?? null;
  if (overall?.toUpperCase() !== DITTO_DOCUMENT_STATUS_OK) {
    issues.push({ code: 'document_status_not_ok', label: `Document status is ${overall ?? 'missing'}` });
  }
  for (const error of status?.error_list ?? []) {
    issues.push({ code: 'document_error', label: `Document: ${error}` });
  }
  const face = faceMatchPercent(payload);
  const liveness = livenessScore(payload);
  const below = dittoScoresBelowMinimum({ faceMatchPercent: face, liveness }, thresholds);
  if (face === null) issues.push({ code: 'face_match_missing', label: 'No face-match result' });
  else if (below.faceMatch) {
    issues.push({
      code: 'face_match_below_threshold',
      label: `Face match ${round(face)}% is below ${thresholds.faceMatchMinPercent}%`,
    });
  }
  if (liveness === null) issues.push({ code: 'liveness_missing', label: 'No liveness score' });
  else if (below.liveness) {
    issues.push({
      code: 'liveness_below_threshold',
      label: `Liveness ${round(liveness)} is below ${thresholds.livenessMinScore}`,
    });
  }
  for (const field of identityFieldsOf(payload.kyc_info.document)) {
    if (field.sourcesDisagree) {
      issues.push({
        code: 'field_sources_disagree',
        label: `${field.name}: ${field.sources.map((s) => s.label).join(' and ')} disagree`,
      });
    }
  }
  const riskScore = Math.min(
    100,
    issues.reduce((sum, issue) => sum + DITTO_ISSUE_WEIGHTS[issue.code], 0),
  );
  return { issues, riskScore, riskBand: riskBandOf(riskScore) };
}

const round = (value: number) => Math.round(value * 100) / 100;

function pick(data: Record<string, unknown>, aliases: readonly string[]): string | null {
  const lower = new Map(Object.entries(data).map(([key, value]) => [key.toLowerCase(), value]));
  for (const alias of aliases) {
    const value = asText(lower.get(alias.toLowerCase()))?.trim();
    if (value) return value;
  }
  return null;
}

/** The indexed case columns; the rest of the submission stays in the stored payload. */
export function dittoCaseFields(payload: DittoKycRequest): DittoCaseFields {
  const data = identityDataWithDetails(payload.kyc_info.document);
  const given = pick(data, DITTO_IDENTITY_FIELD_ALIASES.givenNames);
  const surname = pick(data, DITTO_IDENTITY_FIELD_ALIASES.surname);
  const subjectName =
    [given, surname].filter(Boolean).join(' ') || pick(data, DITTO_IDENTITY_FIELD_ALIASES.fullName);
  const country = pick(data, DITTO_IDENTITY_FIELD_ALIASES.country);
  return {
    subjectName: subjectName ? subjectName.slice(0, 300) : null,
    subjectRef: payload.request_info.user_id ?? null,
    subjectCountry: country && /^[A-Za-z]{2,3}$/.test(country) ? country.toUpperCase() : null,
    documentNumber: pick(data, DITTO_IDENTITY_FIELD_ALIASES.documentNumber)?.slice(0, 100) ?? null,
    providerStatus: payload.kyc_info.document?.document_status?.overall_document_status ?? 'UNKNOWN',
  };
}

/** `identity_data`, completed with values only present in `identity_data_details`. */
function identityDataWithDetails(document: Document | null | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of identityFieldsOf(document)) if (field.value !== null) data[field.name] = field.value;
  return data;
}

const MEDIA_LABELS: Record<DittoMediaKey, string> = {
  front_page: 'Document front page',
  portrait_image: 'Document portrait',
  selfie: 'Liveness selfie',
};

/** Base64 of one image in the stored payload, or null; for the media route (which decodes and serves it). */
export function dittoMediaBase64(payload: DittoKycRequest, key: DittoMediaKey): string | null {
  const value =
    key === 'selfie'
      ? payload.kyc_info.liveness_check?.video?.autocapture_result?.selfie_image
      : payload.kyc_info.document?.document_info?.document_images?.[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function submissionToView(
  payload: DittoKycRequest,
  thresholds: DittoThresholds = DEFAULT_DITTO_THRESHOLDS,
): DittoSubmissionView {
  const document = payload.kyc_info.document;
  const status = document?.document_status;
  const face = payload.kyc_info.face_matcher_result;
  const mediaKeys: DittoMediaKey[] = [...DITTO_DOCUMENT_IMAGE_KEYS, 'selfie'];
  return {
    type: 'ditto_submission',
    requesterId: payload.request_info.requester_id,
    userId: payload.request_info.user_id ?? null,
    appId: payload.request_info.app_id ?? null,
    documentVersion: document?.version ?? null,
    documentTypes: document?.document_info?.document_type ?? [],
    documentNames: document?.document_info?.document_names ?? [],
    documentStatus: {
      overall: status?.overall_document_status ?? null,
      errors: status?.error_list ?? [],
      isNfcDocument: status?.is_nfc_document ?? null,
      nfcScanStatus: status?.nfc_scan_status ?? null,
    },
    identityFields: identityFieldsOf(document),
    liveness: { score: livenessScore(payload), minScore: thresholds.livenessMinScore },
    faceMatch: {
      score: face?.score ?? null,
      scorePercent: faceMatchPercent(payload),
      minPercent: thresholds.faceMatchMinPercent,
    },
    issues: assessDittoSubmission(payload, thresholds).issues.map(({ code, label }) => ({ code, label })),
    media: mediaKeys
      .filter((key) => dittoMediaBase64(payload, key) !== null)
      .map((key) => ({ key, label: MEDIA_LABELS[key] })),
  };
}

/** Parses a stored payload; null when it no longer parses (the case page then shows no provider panel). */
export function parseStoredDittoPayload(payloadJson: string | null): DittoKycRequest | null {
  if (!payloadJson) return null;
  try {
    const parsed = DittoKycRequest.safeParse(JSON.parse(payloadJson));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The case page's Ditto panel from `cases.payload` (the Ditto adapter's `view`). */
export function dittoCaseView(
  payloadJson: string | null,
  thresholds: DittoThresholds = DEFAULT_DITTO_THRESHOLDS,
): DittoSubmissionView | null {
  const payload = parseStoredDittoPayload(payloadJson);
  return payload ? submissionToView(payload, thresholds) : null;
}
