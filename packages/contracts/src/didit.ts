import { z } from 'zod';

/**
 * What a reviewer sees of a Didit KYC session, mapped from the provider's decision object.
 * Provider enums stay plain strings: Didit adds values over time and unknown ones must be shown, not dropped.
 */
export const DiditWarning = z.object({
  feature: z.string(),
  risk: z.string(),
  /** error = the workflow declines on it, warning = sends to review, information = informative only. */
  logType: z.string(),
  shortDescription: z.string(),
  longDescription: z.string(),
  nodeId: z.string().nullable(),
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

export const DiditThresholds = z.object({
  faceMatchDecline: z.number().nullable(),
  faceMatchReview: z.number().nullable(),
  livenessDecline: z.number().nullable(),
  amlDecline: z.number().nullable(),
});
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
  media: z.array(z.object({ key: DiditMediaKey, label: z.string() })),
  reviews: z.array(DiditReview),
});
export type DiditSessionView = z.infer<typeof DiditSessionView>;
