import {
  type CaseStatus,
  type DiditField,
  type DiditMediaKey,
  type DiditReportGroup,
  type DiditSessionNode,
  type DiditSessionView,
  type DiditThresholds,
  type DiditWarning,
  riskBandOf,
} from '@backoffice/contracts';
import type { CaseFields } from '../case-fields';
import type {
  DiditDecision,
  DiditRawAmlHit,
  DiditRawAmlScreening,
  DiditRawIdVerification,
  DiditRawIpAnalysis,
  DiditRawWarning,
  DiditSessionStatus,
  DiditWorkflow,
  DiditWorkflowUpdateRequest,
  DiditWorkflowThresholdField as ThresholdField,
} from './schemas';

/** Every session status Didit documents (docs/providers/didit.md §1.3); typed so a new documented one must be mapped. */
const CASE_STATUS_BY_DIDIT_STATUS: Readonly<Record<DiditSessionStatus, CaseStatus>> = {
  'Not Started': 'pending',
  'In Progress': 'pending',
  Resubmitted: 'pending',
  // KYB only: waiting for other parties, so no outcome yet.
  'Awaiting User': 'pending',
  'In Review': 'needs_review',
  Approved: 'approved',
  Declined: 'rejected',
  Expired: 'expired',
  Abandoned: 'expired',
  // A previously approved session whose verified document has since expired.
  'Kyc Expired': 'expired',
};

/** The case status of a documented Didit status; null for a status this code has never seen. */
export function knownDiditCaseStatus(status: string): CaseStatus | null {
  return Object.hasOwn(CASE_STATUS_BY_DIDIT_STATUS, status)
    ? (CASE_STATUS_BY_DIDIT_STATUS[status as DiditSessionStatus] ?? null)
    : null;
}

/**
 * Didit adds statuses over time; where a status must be shown as one of ours, an unknown one reads as
 * pending (§1.3). Ingestion does not use this fallback to move a case: it keeps the case where it is and
 * flags it (see `knownDiditCaseStatus`).
 */
export function diditStatusToCaseStatus(status: string): CaseStatus {
  return knownDiditCaseStatus(status) ?? 'pending';
}

export interface DiditCaseFields extends CaseFields {
  /** Highest risk among AML hits not marked False Positive; 0 if AML found none; null if AML did not run. */
  riskScore: number | null;
  workflowId: string | null;
}

export function decisionToCaseFields(decision: DiditDecision): DiditCaseFields {
  const idDocument = first(decision.id_verifications);
  const riskScore = amlRiskScore(decision.aml_screenings);
  const createdAtMs = decision.created_at ? Date.parse(decision.created_at) : Number.NaN;
  return {
    providerStatus: decision.status,
    status: diditStatusToCaseStatus(decision.status),
    subjectName: idDocument ? fullNameOf(idDocument) : null,
    subjectRef: nonEmpty(decision.vendor_data),
    subjectCountry: idDocument ? countryOf(idDocument) : null,
    documentNumber: nonEmpty(idDocument?.document_number),
    riskScore,
    riskBand: riskBandOf(riskScore),
    warningCount: allWarnings(decision).length,
    workflowId: nonEmpty(decision.workflow_id),
    createdAtMs: Number.isFinite(createdAtMs) ? createdAtMs : null,
  };
}

const AML_NOT_RUN_STATUSES = new Set(['Not Finished', 'NOT_FINISHED']);
const FALSE_POSITIVE = 'False Positive';

function amlRiskScore(screenings: readonly DiditRawAmlScreening[] | null | undefined): number | null {
  const completed = (screenings ?? []).filter(
    (screening) => !AML_NOT_RUN_STATUSES.has(screening.status ?? ''),
  );
  if (completed.length === 0) return null;
  let highest = 0;
  for (const screening of completed) {
    for (const hit of screening.hits ?? []) {
      if (hit.review_status === FALSE_POSITIVE) continue;
      if (typeof hit.risk_score === 'number' && hit.risk_score > highest) highest = hit.risk_score;
    }
  }
  return highest;
}

function fullNameOf(idDocument: DiditRawIdVerification): string | null {
  const fullName = nonEmpty(idDocument.full_name);
  if (fullName) return fullName;
  const joined = [idDocument.first_name, idDocument.last_name]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part.length > 0)
    .join(' ');
  return nonEmpty(joined);
}

/** The document's issuing state first (what the document proves), nationality as the fallback. */
function countryOf(idDocument: DiditRawIdVerification): string | null {
  for (const candidate of [idDocument.issuing_state, idDocument.issuing_country, idDocument.nationality]) {
    const code = candidate?.trim().toUpperCase();
    if (code && /^[A-Z]{3}$/.test(code)) return code;
  }
  return null;
}

/**
 * Every warning of every report, including report kinds added after this code was written: any
 * top-level array of objects that carry a `warnings` array counts.
 */
function allWarnings(decision: DiditDecision): DiditRawWarning[] {
  const warnings: DiditRawWarning[] = [];
  for (const value of Object.values(decision)) {
    if (!Array.isArray(value)) continue;
    for (const report of value) {
      if (typeof report !== 'object' || report === null) continue;
      const reportWarnings: unknown = (report as { warnings?: unknown }).warnings;
      if (!Array.isArray(reportWarnings)) continue;
      for (const warning of reportWarnings) {
        if (typeof warning === 'object' && warning !== null) warnings.push(warning as DiditRawWarning);
      }
    }
  }
  return warnings;
}

/* ------------------------------------------------------------------ thresholds */

const THRESHOLD_FIELDS: ReadonlyArray<readonly [keyof DiditThresholds, ThresholdField, string]> = [
  ['faceMatchDecline', 'face_match_score_decline_threshold', 'FACE_MATCH'],
  ['faceMatchReview', 'face_match_score_review_threshold', 'FACE_MATCH'],
  ['livenessDecline', 'face_liveness_score_decline_threshold', 'LIVENESS'],
  ['amlDecline', 'aml_decline_threshold', 'AML'],
  ['amlReview', 'aml_review_threshold', 'AML'],
];

/**
 * Reads thresholds from either workflow shape (C1): flat fields, or the same field names inside the
 * owning feature's `config` in the features[] form. Where the newer form keeps them is [assumed].
 */
export function workflowToThresholds(workflow: DiditWorkflow): DiditThresholds {
  const thresholds: DiditThresholds = {
    faceMatchDecline: null,
    faceMatchReview: null,
    livenessDecline: null,
    amlDecline: null,
    amlReview: null,
  };
  for (const [contractKey, field, featureCode] of THRESHOLD_FIELDS) {
    const flat = workflow[field];
    const fromConfig = featureConfigOf(workflow, featureCode)?.[field];
    thresholds[contractKey] =
      typeof flat === 'number' ? flat : typeof fromConfig === 'number' ? fromConfig : null;
  }
  return thresholds;
}

/**
 * The PATCH body that sets these thresholds, in the shape the workflow was read in: feature configs
 * for the features[] form, flat fields otherwise. Null/absent thresholds are left untouched.
 */
export function thresholdsToWorkflowUpdate(
  workflow: DiditWorkflow,
  thresholds: Partial<DiditThresholds>,
): DiditWorkflowUpdateRequest {
  const changes = THRESHOLD_FIELDS.flatMap(([contractKey, field, featureCode]) => {
    const value = thresholds[contractKey];
    return typeof value === 'number' ? [{ field, featureCode, value }] : [];
  });
  const featureObjects = (workflow.features ?? []).filter((feature) => typeof feature !== 'string');
  if (featureObjects.length === 0) {
    return Object.fromEntries(changes.map(({ field, value }) => [field, value]));
  }
  return {
    features: featureObjects.map((feature) => {
      const own = changes.filter((change) => change.featureCode === feature.feature.toUpperCase());
      const config = { ...(feature.config ?? {}), ...Object.fromEntries(own.map((c) => [c.field, c.value])) };
      return {
        feature: feature.feature,
        ...(feature.label ? { label: feature.label } : {}),
        ...(Object.keys(config).length > 0 ? { config } : {}),
      };
    }),
  };
}

function featureConfigOf(workflow: DiditWorkflow, featureCode: string): Record<string, unknown> | undefined {
  for (const feature of workflow.features ?? []) {
    if (typeof feature !== 'string' && feature.feature.toUpperCase() === featureCode) {
      return feature.config ?? undefined;
    }
  }
  return undefined;
}

/* ------------------------------------------------------------------------ view */

export const DIDIT_MEDIA_LABELS: Readonly<Record<DiditMediaKey, string>> = {
  front_image: 'ID document, front',
  back_image: 'ID document, back',
  portrait_image: 'Portrait from the ID document',
  liveness_reference_image: 'Selfie (liveness)',
  face_match_source_image: 'Face match, selfie',
  face_match_target_image: 'Face match, document portrait',
};

/** The presigned URL behind a media key, or null when Didit sent none (not captured, or no media scope). */
export function mediaUrlFor(decision: DiditDecision, key: DiditMediaKey): string | null {
  const idDocument = first(decision.id_verifications);
  const liveness = first(decision.liveness_checks);
  const faceMatch = first(decision.face_matches);
  switch (key) {
    case 'front_image':
      return nonEmpty(idDocument?.front_image);
    case 'back_image':
      return nonEmpty(idDocument?.back_image);
    case 'portrait_image':
      return nonEmpty(idDocument?.portrait_image);
    case 'liveness_reference_image':
      return nonEmpty(liveness?.reference_image);
    case 'face_match_source_image':
      return nonEmpty(faceMatch?.source_image);
    case 'face_match_target_image':
      return nonEmpty(faceMatch?.target_image);
  }
}

export function decisionToView(
  decision: DiditDecision,
  thresholds: DiditThresholds | null,
): DiditSessionView {
  const idDocument = first(decision.id_verifications);
  const liveness = first(decision.liveness_checks);
  const faceMatch = first(decision.face_matches);
  const aml = first(decision.aml_screenings);
  const ipAnalysis = first(decision.ip_analyses);
  const mediaKeys = Object.keys(DIDIT_MEDIA_LABELS) as DiditMediaKey[];
  const reports = reportGroupsOf(decision);
  return {
    type: 'didit_session',
    sessionId: decision.session_id,
    sessionNumber: decision.session_number ?? null,
    status: decision.status,
    workflowId: nonEmpty(decision.workflow_id),
    vendorData: nonEmpty(decision.vendor_data),
    features: decision.features ?? [],
    thresholds,
    idDocument: idDocument ? idDocumentView(idDocument) : null,
    liveness: liveness
      ? {
          status: liveness.status ?? '',
          method: liveness.method ?? null,
          score: liveness.score ?? null,
          ageEstimation: liveness.age_estimation ?? null,
        }
      : null,
    faceMatch: faceMatch ? { status: faceMatch.status ?? '', score: faceMatch.score ?? null } : null,
    aml: aml ? amlView(aml) : null,
    ipAnalysis: ipAnalysis ? ipAnalysisView(ipAnalysis) : null,
    warnings: allWarnings(decision).map(warningView),
    reports,
    nodes: sessionNodes(reports),
    media: mediaKeys
      .filter((key) => mediaUrlFor(decision, key) !== null)
      .map((key) => ({ key, label: DIDIT_MEDIA_LABELS[key] })),
    reviews: (decision.reviews ?? []).map((review) => ({
      action: review.action ?? '',
      oldStatus: review.old_status ?? null,
      newStatus: review.new_status ?? null,
      note: review.note ?? null,
      createdAt: review.created_at ?? null,
    })),
  };
}

function idDocumentView(idDocument: DiditRawIdVerification): NonNullable<DiditSessionView['idDocument']> {
  return {
    status: idDocument.status ?? '',
    documentType: idDocument.document_type ?? null,
    documentNumber: idDocument.document_number ?? null,
    personalNumber: idDocument.personal_number ?? null,
    firstName: idDocument.first_name ?? null,
    lastName: idDocument.last_name ?? null,
    fullName: fullNameOf(idDocument),
    dateOfBirth: idDocument.date_of_birth ?? null,
    age: idDocument.age ?? null,
    gender: idDocument.gender ?? null,
    nationality: idDocument.nationality ?? null,
    issuingState: idDocument.issuing_state ?? idDocument.issuing_country ?? null,
    issuingStateName: idDocument.issuing_state_name ?? null,
    expirationDate: idDocument.expiration_date ?? idDocument.expiry_date ?? null,
    dateOfIssue: idDocument.date_of_issue ?? null,
    placeOfBirth: idDocument.place_of_birth ?? null,
    address: idDocument.formatted_address ?? idDocument.address ?? null,
  };
}

function amlView(aml: DiditRawAmlScreening): NonNullable<DiditSessionView['aml']> {
  const hits = aml.hits ?? [];
  return {
    status: aml.status ?? '',
    totalHits: aml.total_hits ?? hits.length,
    score: aml.score ?? null,
    hits: hits.map(amlHitView),
  };
}

function amlHitView(hit: DiditRawAmlHit): NonNullable<DiditSessionView['aml']>['hits'][number] {
  return {
    id: hit.id === null || hit.id === undefined ? '' : String(hit.id),
    caption: hit.caption ?? '',
    datasets: hit.datasets ?? [],
    matchScore: hit.match_score ?? null,
    riskScore: hit.risk_score ?? null,
    reviewStatus: hit.review_status ?? null,
    url: hit.url ?? null,
    countries: propertyStrings(hit, 'country', 'nationality'),
    positions: propertyStrings(hit, 'position'),
    birthDates: propertyStrings(hit, 'birthDate'),
  };
}

/** Distinct string values of the named OpenSanctions-style properties, in order of first appearance. */
function propertyStrings(hit: DiditRawAmlHit, ...names: string[]): string[] {
  const values = names.flatMap((name) => hit.properties?.[name] ?? []);
  return [...new Set(values.filter((value): value is string => typeof value === 'string'))];
}

function ipAnalysisView(ip: DiditRawIpAnalysis): NonNullable<DiditSessionView['ipAnalysis']> {
  const device = [ip.device_brand, ip.device_model].filter((part) => nonEmpty(part) !== null).join(' ');
  return {
    status: ip.status ?? '',
    ipAddress: ip.ip_address ?? null,
    country: ip.ip_country ?? null,
    countryCode: ip.ip_country_code ?? null,
    city: ip.ip_city ?? null,
    isp: ip.isp ?? null,
    isVpnOrTor: ip.is_vpn_or_tor ?? null,
    isDataCenter: ip.is_data_center ?? null,
    browser: ip.browser_family ?? null,
    os: ip.os_family ?? null,
    device: nonEmpty(device) ?? ip.platform ?? null,
    distanceFromDocumentKm: ip.ip?.distance_from_id_document?.distance ?? null,
  };
}

function warningView(warning: DiditRawWarning): DiditWarning {
  return {
    feature: warning.feature ?? '',
    risk: warning.risk ?? '',
    logType: warning.log_type ?? '',
    shortDescription: warning.short_description ?? warning.risk ?? '',
    longDescription: warning.long_description ?? '',
    nodeId: warning.node_id ?? null,
    additionalData: readableFields(warning.additional_data),
  };
}

/* --------------------------------------------------------------- every report */

/** Report arrays Didit documents, in the order a workflow usually runs them, with the feature a resubmission names. */
const KNOWN_REPORT_TYPES: ReadonlyArray<{ type: string; label: string; feature: string }> = [
  { type: 'id_verifications', label: 'ID document', feature: 'OCR' },
  { type: 'nfc_verifications', label: 'NFC chip', feature: 'NFC' },
  { type: 'liveness_checks', label: 'Liveness', feature: 'LIVENESS' },
  { type: 'face_matches', label: 'Face match', feature: 'FACE_MATCH' },
  { type: 'poa_verifications', label: 'Proof of address', feature: 'POA' },
  { type: 'phone_verifications', label: 'Phone', feature: 'PHONE_VERIFICATION' },
  { type: 'email_verifications', label: 'E-mail', feature: 'EMAIL_VERIFICATION' },
  { type: 'aml_screenings', label: 'AML screening', feature: 'AML' },
  { type: 'ip_analyses', label: 'IP analysis', feature: 'IP_ANALYSIS' },
  { type: 'database_validations', label: 'Database validation', feature: 'DATABASE_VALIDATION' },
  { type: 'questionnaire_responses', label: 'Questionnaire', feature: 'QUESTIONNAIRE' },
];
const KNOWN_TYPES = new Set(KNOWN_REPORT_TYPES.map(({ type }) => type));
/** Top-level arrays of objects that are not feature reports. */
const NOT_REPORTS = new Set(['reviews']);
/** Fields shown separately (status, node, warnings, AML hits) or never (presigned media URLs, served through the API). */
const SEPARATE_FIELDS = new Set(['status', 'node_id', 'warnings']);
const AML_SEPARATE_FIELDS = new Set([...SEPARATE_FIELDS, 'hits']);
const MEDIA_FIELD = /(?:_image|_images|_video|_videos|_url)$/;

// Bounds keep a hostile or oversized payload from producing an unbounded view.
const MAX_FIELDS_PER_REPORT = 200;
const MAX_DEPTH = 4;
const MAX_VALUE_LENGTH = 500;
const MAX_REPORTS_PER_TYPE = 50;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every report array of the decision, known types first, then any unknown array-of-objects key. */
export function reportGroupsOf(decision: DiditDecision): DiditReportGroup[] {
  const raw = decision as Record<string, unknown>;
  const unknownTypes = Object.keys(raw)
    .filter((key) => !KNOWN_TYPES.has(key) && !NOT_REPORTS.has(key))
    .filter((key) => Array.isArray(raw[key]) && (raw[key] as unknown[]).some(isObject))
    .map((type) => ({
      type,
      label: humanize(type),
      feature: featureOfUnknown(type, raw[type] as unknown[]),
    }));
  const groups: DiditReportGroup[] = [];
  for (const { type, label, feature } of [...KNOWN_REPORT_TYPES, ...unknownTypes]) {
    const items = raw[type];
    if (!Array.isArray(items)) continue;
    const reports = items
      .filter(isObject)
      .slice(0, MAX_REPORTS_PER_TYPE)
      .map((report) => ({
        nodeId: typeof report.node_id === 'string' ? nonEmpty(report.node_id) : null,
        status: typeof report.status === 'string' ? report.status : '',
        warnings: (Array.isArray(report.warnings) ? report.warnings : [])
          .filter(isObject)
          .map((warning) => warningView(warning as DiditRawWarning)),
        fields: readableFields(report, type === 'aml_screenings' ? AML_SEPARATE_FIELDS : SEPARATE_FIELDS),
        amlHits:
          type === 'aml_screenings' && Array.isArray(report.hits)
            ? report.hits.filter(isObject).map((hit) => amlHitView(hit as DiditRawAmlHit))
            : [],
      }));
    if (reports.length > 0) groups.push({ type, label, feature, reports });
  }
  return groups;
}

/** An unknown report names its feature in its warnings when it has any; else the key, singular, upper case. */
function featureOfUnknown(type: string, items: unknown[]): string {
  for (const item of items) {
    if (!isObject(item) || !Array.isArray(item.warnings)) continue;
    for (const warning of item.warnings) {
      if (isObject(warning) && typeof warning.feature === 'string' && warning.feature) return warning.feature;
    }
  }
  return type.replace(/e?s$/, '').toUpperCase();
}

const STATUS_RANK: Readonly<Record<string, number>> = { declined: 0, failed: 0, rejected: 0, 'in review': 1 };

/** The nodes the session ran (first instance of each node id), failed and declined first, then node order. */
export function sessionNodes(groups: readonly DiditReportGroup[]): DiditSessionNode[] {
  const seen = new Set<string>();
  const nodes: DiditSessionNode[] = [];
  for (const group of groups) {
    for (const report of group.reports) {
      if (!report.nodeId || seen.has(report.nodeId)) continue;
      seen.add(report.nodeId);
      nodes.push({
        nodeId: report.nodeId,
        feature: group.feature,
        status: report.status,
        label: group.label,
      });
    }
  }
  const rank = (node: DiditSessionNode) => STATUS_RANK[node.status.trim().toLowerCase()] ?? 2;
  // Array.prototype.sort is stable, so node order holds within a rank.
  return nodes.sort((a, b) => rank(a) - rank(b));
}

/** A provider value as label/value pairs: nested objects and arrays become dotted, numbered labels. */
function readableFields(value: unknown, skip: ReadonlySet<string> = new Set()): DiditField[] {
  const fields: DiditField[] = [];
  const visit = (current: unknown, label: string, depth: number): void => {
    if (fields.length >= MAX_FIELDS_PER_REPORT || current === null || current === undefined) return;
    if (typeof current === 'string') {
      const text = current.trim();
      if (text) fields.push({ label, value: clip(text) });
      return;
    }
    if (typeof current === 'number' || typeof current === 'boolean') {
      fields.push({
        label,
        value: typeof current === 'boolean' ? (current ? 'yes' : 'no') : String(current),
      });
      return;
    }
    if (depth >= MAX_DEPTH) {
      fields.push({ label, value: clip(JSON.stringify(current) ?? '') });
      return;
    }
    if (Array.isArray(current)) {
      if (current.every((item) => item === null || typeof item !== 'object')) {
        const joined = current
          .filter((item) => item !== null && item !== undefined && item !== '')
          .join(', ');
        if (joined) fields.push({ label, value: clip(joined) });
        return;
      }
      for (const [index, item] of current.entries())
        visit(item, `${label || 'Item'} ${index + 1}`, depth + 1);
      return;
    }
    if (isObject(current)) {
      for (const [key, child] of Object.entries(current)) {
        if (depth === 0 && (skip.has(key) || MEDIA_FIELD.test(key))) continue;
        visit(child, label ? `${label} · ${humanize(key)}` : humanize(key), depth + 1);
      }
    }
  };
  if (isObject(value) || Array.isArray(value)) visit(value, '', 0);
  else visit(value, 'Value', 0);
  return fields;
}

function clip(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}

/** `document_number` / `documentNumber` → `Document number`. */
function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}

function first<T>(items: readonly T[] | null | undefined): T | undefined {
  return items?.[0];
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
