import { z } from 'zod';
import { CaseStatus, RiskBand } from './case';

/**
 * What a reviewer sees of a KryptoGO task, mapped from the payload re-fetched from the provider.
 * Provider enums stay plain strings (docs/providers/kryptogo.md marks most of them [assumed]); unknown values are
 * shown as they came, never dropped. Times are ISO strings, converted from KryptoGO's epoch seconds.
 */

export const KryptogoSourceResultItem = z.object({
  title: z.string().nullable(),
  url: z.string().nullable(),
  snippet: z.string().nullable(),
  date: z.string().nullable(),
});
export type KryptogoSourceResultItem = z.infer<typeof KryptogoSourceResultItem>;

/** One searched source (0 negative news … 4 sanction list) and what it found. */
export const KryptogoSearchSourceResult = z.object({
  source: z.number().int(),
  name: z.string(),
  /** Whether the provider has finished this source; false while the task is still searching. */
  searched: z.boolean(),
  hits: z.number().int(),
  items: z.array(KryptogoSourceResultItem),
});
export type KryptogoSearchSourceResult = z.infer<typeof KryptogoSearchSourceResult>;

export const KryptogoCommentLogEntry = z.object({
  comment: z.string().nullable(),
  accepted: z.boolean().nullable(),
  at: z.iso.datetime().nullable(),
  employeeAccount: z.string().nullable(),
});
export type KryptogoCommentLogEntry = z.infer<typeof KryptogoCommentLogEntry>;

export const KryptogoMetadataPair = z.object({ key: z.string(), value: z.string() });

/**
 * Another DD task of the same customer reference, as we hold it (docs/providers/kryptogo.md §2.7): when it
 * was screened, its risk, our decision and KryptoGO's audit status, and our case for it.
 */
export const KryptogoCustomerScreening = z.object({
  caseId: z.number().int(),
  taskId: z.number().int().nullable(),
  /** Before or after the case being viewed (screening time, then case id). */
  relation: z.enum(['earlier', 'later']),
  screenedAt: z.iso.datetime(),
  riskScore: z.number().nullable(),
  riskBand: RiskBand.nullable(),
  /** Our outcome. */
  status: CaseStatus,
  /** KryptoGO's status in words (accepted, rejected, awaiting review, searching (n%)). */
  providerStatus: z.string(),
  decidedAt: z.iso.datetime().nullable(),
});
export type KryptogoCustomerScreening = z.infer<typeof KryptogoCustomerScreening>;

export const KryptogoCustomerHistory = z.object({
  /** Other DD tasks of this customer reference, newest first, at most `limit` of them. */
  items: z.array(KryptogoCustomerScreening),
  /** How many other DD tasks we hold for this customer reference. */
  total: z.number().int(),
  limit: z.number().int(),
});
export type KryptogoCustomerHistory = z.infer<typeof KryptogoCustomerHistory>;

export const KryptogoDdView = z.object({
  type: z.literal('kryptogo_dd'),
  taskId: z.number().int(),
  targetType: z.enum(['person', 'company']),
  /** Every target field as the provider holds it (name, birthday, citizenship… or company fields). */
  target: z.record(z.string(), z.string()),
  searchSetting: z.object({ id: z.number().nullable(), name: z.string().nullable() }).nullable(),
  progress: z.number(),
  sources: z.array(KryptogoSearchSourceResult),
  sanctionMatched: z.boolean(),
  /** 0–100, null until the search has finished. */
  potentialRisk: z.number().nullable(),
  riskBand: RiskBand.nullable(),
  amlSummarization: z.string().nullable(),
  /** pending | accepted | rejected | unknown(n). */
  auditStatus: z.string(),
  auditedAt: z.iso.datetime().nullable(),
  auditorAccount: z.string().nullable(),
  comment: z.string().nullable(),
  commentLog: z.array(KryptogoCommentLogEntry),
  metadata: z.array(KryptogoMetadataPair),
  customerReference: z.string().nullable(),
  fromIdvTaskId: z.number().int().nullable(),
  /** Our case for the IDV task that created this one, when we hold it. */
  fromIdvCaseId: z.number().int().nullable(),
  /** The same customer's other screenings; empty without a customer reference. */
  customerHistory: KryptogoCustomerHistory,
  createdAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  nextReviewAt: z.iso.datetime().nullable(),
  consoleUrl: z.string(),
});
export type KryptogoDdView = z.infer<typeof KryptogoDdView>;

export const KryptogoSdnMatch = z.object({
  name: z.string().nullable(),
  list: z.string().nullable(),
  address: z.string().nullable(),
});
export const KryptogoTransaction = z.object({
  hash: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  value: z.number().nullable(),
  at: z.iso.datetime().nullable(),
  risk: z.string().nullable(),
});

export const KryptogoKyaView = z.object({
  type: z.literal('kryptogo_kya'),
  kyaId: z.number().int(),
  address: z.string(),
  /** `eth` / `btc` when known (from the provider or the address format). */
  chain: z.string().nullable(),
  riskScore: z.number().nullable(),
  riskBand: RiskBand.nullable(),
  /** The provider's own wording of the level. */
  riskLevel: z.string().nullable(),
  balance: z.number().nullable(),
  received: z.number().nullable(),
  sent: z.number().nullable(),
  txCount: z.number().nullable(),
  firstSeenAt: z.iso.datetime().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
  sdnMatches: z.array(KryptogoSdnMatch),
  transactions: z.array(KryptogoTransaction),
  customerReference: z.string().nullable(),
  createdAt: z.iso.datetime().nullable(),
  consoleUrl: z.string(),
});
export type KryptogoKyaView = z.infer<typeof KryptogoKyaView>;

/** One expected value beside what the document says; `mismatch` only when both are present and differ. */
export const KryptogoIdvFieldComparison = z.object({
  field: z.enum(['name', 'birthday', 'id_number', 'country', 'issuing_date', 'expiry_date', 'gender']),
  expected: z.string().nullable(),
  extracted: z.string().nullable(),
  mismatch: z.boolean(),
});
export type KryptogoIdvFieldComparison = z.infer<typeof KryptogoIdvFieldComparison>;

export const KryptogoLinkedDdTask = z.object({
  taskId: z.number().int(),
  progress: z.number().nullable(),
  /** Our case for that task when we hold one. */
  caseId: z.number().int().nullable(),
});

export const KryptogoIdvView = z.object({
  type: z.literal('kryptogo_idv'),
  idvTaskId: z.number().int(),
  idType: z.string().nullable(),
  idSubType: z.string().nullable(),
  country: z.string().nullable(),
  fields: z.array(KryptogoIdvFieldComparison),
  /** accept | review | reject | in progress | state n — the provider's integer in words. */
  state: z.string(),
  stateCode: z.number().nullable(),
  reviewReasons: z.array(z.string()),
  rejectReasons: z.array(z.string()),
  auditStatus: z.string().nullable(),
  auditedAt: z.iso.datetime().nullable(),
  auditorAccount: z.string().nullable(),
  customerReference: z.string().nullable(),
  linkedDdTasks: z.array(KryptogoLinkedDdTask),
  consoleUrl: z.string(),
});
export type KryptogoIdvView = z.infer<typeof KryptogoIdvView>;

/** `POST /api/kryptogo/screenings`: starts a screening at KryptoGO and opens its case at once. */
export const KryptogoScreeningRequest = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('dd_person'),
    name: z.string().trim().min(1).max(200),
    birthday: z.iso.date().optional(),
    /** ISO 3166 alpha-3. */
    citizenship: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    gender: z.enum(['M', 'F']).optional(),
    idNumber: z.string().trim().min(1).max(64).optional(),
    customerReference: z.string().trim().min(1).max(100).optional(),
  }),
  z.strictObject({
    type: z.literal('dd_company'),
    companyName: z.string().trim().min(1).max(200),
    registrationNumber: z.string().trim().min(1).max(64).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    customerReference: z.string().trim().min(1).max(100).optional(),
  }),
  z.strictObject({
    type: z.literal('kya'),
    /** BTC (base58 or bech32) or ETH (0x + 40 hex); the provider checks the format again. */
    address: z
      .string()
      .trim()
      .regex(/^(0x[0-9a-fA-F]{40}|[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{6,87})$/, {
        message: 'expected a BTC or ETH address',
      }),
    chain: z.enum(['btc', 'eth']).optional(),
  }),
]);
export type KryptogoScreeningRequest = z.infer<typeof KryptogoScreeningRequest>;

export const KryptogoScreeningResponse = z.object({
  caseId: z.number().int(),
  kind: z.enum(['dd_task', 'kya_task']),
  externalId: z.string(),
  status: z.string(),
});
export type KryptogoScreeningResponse = z.infer<typeof KryptogoScreeningResponse>;
