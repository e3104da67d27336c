import { z } from 'zod';
import { diditThresholdFields } from './thresholds';

/**
 * What a reviewer sees of a Didit KYC session, mapped from the provider's decision object.
 * Provider enums stay plain strings: Didit adds values over time and unknown ones must be shown, not dropped.
 */
/** One readable field of a report: nested provider objects are flattened to dotted labels. */
export const DiditField = z.object({ label: z.string(), value: z.string() });
export type DiditField = z.infer<typeof DiditField>;

export const DiditWarning = z.object({
  feature: z.string(),
  risk: z.string(),
  /** error = the workflow declines on it, warning = sends to review, information = informative only. */
  logType: z.string(),
  shortDescription: z.string(),
  longDescription: z.string(),
  nodeId: z.string().nullable(),
  /** The warning's `additional_data` as readable label/value pairs (empty when Didit sent none). */
  additionalData: z.array(DiditField),
});
export type DiditWarning = z.infer<typeof DiditWarning>;

export const DiditIdDocument = z.object({
  status: z.string(),
  documentType: z.string().nullable(),
  documentNumber: z.string().nullable(),
  personalNumber: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  fullName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  age: z.number().nullable(),
  gender: z.string().nullable(),
  nationality: z.string().nullable(),
  issuingState: z.string().nullable(),
  issuingStateName: z.string().nullable(),
  expirationDate: z.string().nullable(),
  dateOfIssue: z.string().nullable(),
  placeOfBirth: z.string().nullable(),
  address: z.string().nullable(),
});
export type DiditIdDocument = z.infer<typeof DiditIdDocument>;

export const DiditLiveness = z.object({
  status: z.string(),
  method: z.string().nullable(),
  score: z.number().nullable(),
  ageEstimation: z.number().nullable(),
});

export const DiditFaceMatch = z.object({
  status: z.string(),
  score: z.number().nullable(),
});

export const DiditAmlHit = z.object({
  id: z.string(),
  caption: z.string(),
  datasets: z.array(z.string()),
  /** 0–100 similarity of the hit to the screened person. */
  matchScore: z.number().nullable(),
  /** 0–100 risk of the hit itself. */
  riskScore: z.number().nullable(),
  reviewStatus: z.string().nullable(),
  url: z.string().nullable(),
  countries: z.array(z.string()),
  positions: z.array(z.string()),
  birthDates: z.array(z.string()),
});
export type DiditAmlHit = z.infer<typeof DiditAmlHit>;

export const DiditAml = z.object({
  status: z.string(),
  totalHits: z.number(),
  score: z.number().nullable(),
  hits: z.array(DiditAmlHit),
});

export const DiditIpAnalysis = z.object({
  status: z.string(),
  ipAddress: z.string().nullable(),
  country: z.string().nullable(),
  countryCode: z.string().nullable(),
  city: z.string().nullable(),
  isp: z.string().nullable(),
  isVpnOrTor: z.boolean().nullable(),
  isDataCenter: z.boolean().nullable(),
  browser: z.string().nullable(),
  os: z.string().nullable(),
  device: z.string().nullable(),
  distanceFromDocumentKm: z.number().nullable(),
});

/** One instance of one report type, i.e. one node of the workflow that ran. */
export const DiditReport = z.object({
  nodeId: z.string().nullable(),
  status: z.string(),
  warnings: z.array(DiditWarning),
  /** Every other field of the report, including ones this code does not model. */
  fields: z.array(DiditField),
  /** Hits of an AML screening node (empty for other report types). */
  amlHits: z.array(z.lazy(() => DiditAmlHit)),
});
export type DiditReport = z.infer<typeof DiditReport>;

/** Every instance of one report type, in the order Didit lists the nodes. */
export const DiditReportGroup = z.object({
  /** The decision's key, e.g. `id_verifications`; an unknown array-of-objects key is kept as is. */
  type: z.string(),
  label: z.string(),
  /** The workflow feature a resubmission names for these nodes, e.g. `OCR`. */
  feature: z.string(),
  reports: z.array(DiditReport),
});
export type DiditReportGroup = z.infer<typeof DiditReportGroup>;

/** A node the session actually ran, as resubmission offers it. */
export const DiditSessionNode = z.object({
  nodeId: z.string(),
  feature: z.string(),
  status: z.string(),
  label: z.string(),
});
export type DiditSessionNode = z.infer<typeof DiditSessionNode>;

export const DiditThresholds = z.object(diditThresholdFields(z.number().nullable()));
export type DiditThresholds = z.infer<typeof DiditThresholds>;

/** Image keys a case page may request through `GET /api/cases/:id/media/:key`. */
export const DiditMediaKey = z.enum([
  'front_image',
  'back_image',
  'portrait_image',
  'liveness_reference_image',
  'face_match_source_image',
  'face_match_target_image',
]);
export type DiditMediaKey = z.infer<typeof DiditMediaKey>;

export const DiditReview = z.object({
  action: z.string(),
  oldStatus: z.string().nullable(),
  newStatus: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string().nullable(),
});

export const DiditSessionView = z.object({
  type: z.literal('didit_session'),
  sessionId: z.string(),
  sessionNumber: z.number().nullable(),
  status: z.string(),
  workflowId: z.string().nullable(),
  vendorData: z.string().nullable(),
  features: z.array(z.string()),
  /** Null when the workflow could not be read from the provider. */
  thresholds: DiditThresholds.nullable(),
  idDocument: DiditIdDocument.nullable(),
  liveness: DiditLiveness.nullable(),
  faceMatch: DiditFaceMatch.nullable(),
  aml: DiditAml.nullable(),
  ipAnalysis: DiditIpAnalysis.nullable(),
  warnings: z.array(DiditWarning),
  /** Every report of every type, grouped by type; the single-report fields above are the first of each. */
  reports: z.array(DiditReportGroup),
  /** The nodes with a node id, failed and declined ones first. */
  nodes: z.array(DiditSessionNode),
  media: z.array(z.object({ key: DiditMediaKey, label: z.string() })),
  reviews: z.array(DiditReview),
});
export type DiditSessionView = z.infer<typeof DiditSessionView>;
