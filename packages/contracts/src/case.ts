import { z } from 'zod';
import { labelledEnum } from './labelled-enum';
import { Tag } from './tags';

export const Provider = z.enum(['didit', 'kryptogo', 'ditto']);
export type Provider = z.infer<typeof Provider>;

export const CaseKind = z.enum(['kyc_session', 'dd_task', 'kya_task', 'idv_task', 'kyc_submission']);
export type CaseKind = z.infer<typeof CaseKind>;

/**
 * The normalized status every provider's own status maps onto. The provider's exact status is kept
 * beside it (`providerStatus`) so nothing is lost in the mapping. `escalated` is ours alone: an analyst
 * handed the case to a manager; no provider status maps onto it.
 */
export const { schema: CaseStatus, labels: CASE_STATUS_LABELS } = labelledEnum({
  pending: 'Pending',
  needs_review: 'Needs review',
  escalated: 'Escalated',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Expired / abandoned',
});
export type CaseStatus = z.infer<typeof CaseStatus>;

/** The five risk bands of a 0–100 risk score (KryptoGO's rating, reused for every provider). */
export const { schema: RiskBand, labels: RISK_BAND_LABELS } = labelledEnum({
  low: 'Low',
  low_medium: 'Low-to-medium',
  medium: 'Medium',
  high: 'High',
  very_high: 'Very high',
});
export type RiskBand = z.infer<typeof RiskBand>;

/** Inclusive lower bound of each band; 100 alone is "very high". */
export const RISK_BAND_FLOORS: ReadonlyArray<readonly [RiskBand, number]> = [
  ['very_high', 100],
  ['high', 75],
  ['medium', 50],
  ['low_medium', 25],
  ['low', 0],
];

export function riskBandOf(score: number | null | undefined): RiskBand | null {
  if (score === null || score === undefined || !Number.isFinite(score)) return null;
  const clamped = Math.max(0, Math.min(100, score));
  for (const [band, floor] of RISK_BAND_FLOORS) if (clamped >= floor) return band;
  return 'low';
}

/** Score range of a band, used to turn a band filter into an indexed range condition. */
export function riskBandRange(band: RiskBand): { min: number; max: number } {
  const index = RISK_BAND_FLOORS.findIndex(([b]) => b === band);
  const floor = RISK_BAND_FLOORS[index]![1];
  const max = index === 0 ? 100 : RISK_BAND_FLOORS[index - 1]![1] - 1;
  return { min: floor, max };
}

/**
 * Why ingestion put a case in front of a manager: a provider status the product does not know (the case
 * stayed where it was), or a decided case the provider confirmed went back to an undecided state; or a
 * second-line QA reviewer disagreed with the decision (the detail names the QA item); or the provider now
 * reports a state that diverges from our decision (drift: the detail gives both provider statuses).
 */
export const { schema: CaseFlagKind, labels: CASE_FLAG_LABELS } = labelledEnum({
  unknown_provider_status: 'Unknown provider status',
  reopened_after_decision: 'Reopened after decision',
  qa_disagreement: 'QA disagreement',
  drift: 'Provider drift',
});
export type CaseFlagKind = z.infer<typeof CaseFlagKind>;

export const CaseFlag = z.object({
  kind: CaseFlagKind,
  /** The raw provider status behind the flag, or "from → to" for a reopening. */
  detail: z.string(),
  at: z.iso.datetime(),
});
export type CaseFlag = z.infer<typeof CaseFlag>;

/** A row of the review queue. Document numbers are masked in lists. */
export const CaseSummary = z.object({
  id: z.number().int(),
  provider: Provider,
  kind: CaseKind,
  externalId: z.string(),
  subjectName: z.string().nullable(),
  subjectRef: z.string().nullable(),
  subjectCountry: z.string().nullable(),
  documentNumberMasked: z.string().nullable(),
  status: CaseStatus,
  providerStatus: z.string(),
  riskScore: z.number().nullable(),
  riskBand: RiskBand.nullable(),
  warningCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
  flag: CaseFlag.nullable(),
  /** Who is working on the case and since when (claim or assignment). */
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  assignedAt: z.iso.datetime().nullable(),
  /** When the case entered review and when it is due to be decided (SLA); kept once decided. */
  reviewEnteredAt: z.iso.datetime().nullable(),
  dueAt: z.iso.datetime().nullable(),
  /** The case's tags; sent with queue rows (other replies may leave it out). */
  tags: z.array(Tag).optional(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseSortField = z.enum(['createdAt', 'updatedAt', 'riskScore', 'dueAt']);
export type CaseSortField = z.infer<typeof CaseSortField>;
export const SortOrder = z.enum(['asc', 'desc']);
export type SortOrder = z.infer<typeof SortOrder>;

const csvOf = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((value) => value.split(',').filter((part) => part.length > 0))
    .pipe(z.array(item).max(10));

/** A date-range bound of a query string: an ISO date (a whole day) or a datetime with its offset. */
export const IsoDateOrDateTime = z.string().pipe(z.union([z.iso.date(), z.iso.datetime({ offset: true })]));

/** Query string of `GET /api/cases`. Every field is optional; the default view is "needs review". */
export const CaseListQuery = z.object({
  status: csvOf(CaseStatus).optional(),
  provider: csvOf(Provider).optional(),
  kind: csvOf(CaseKind).optional(),
  riskBand: csvOf(RiskBand).optional(),
  /** Inclusive lower bound on createdAt (ISO date or datetime). */
  from: IsoDateOrDateTime.optional(),
  /** Inclusive upper bound on createdAt (ISO date = whole day, or datetime). */
  to: IsoDateOrDateTime.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  /** `true`: only cases flagged for a manager (see CaseFlag). */
  flagged: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** `me`, `unassigned`, or a user id. */
  assignee: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.:@-]+$/, 'An assignee is me, unassigned or a user id.')
    .optional(),
  /** `true`: only cases in review past their due time. */
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** Only cases carrying this tag (its id). */
  tag: z.coerce.number().int().positive().optional(),
  sort: CaseSortField.default('createdAt'),
  order: SortOrder.default('desc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;
export type CaseListQueryInput = z.input<typeof CaseListQuery>;

/** The My cases and overdue counts stop here (shown as "10000+"), so a count never reads the whole table. */
export const WORKLOAD_COUNT_CAP = 10_000;

export const StatusCounts = z.record(CaseStatus, z.number().int());
export type StatusCounts = z.infer<typeof StatusCounts>;

export const CaseListResponse = z.object({
  items: z.array(CaseSummary),
  /** Opaque keyset cursors; null when there is no further page in that direction. */
  nextCursor: z.string().nullable(),
  prevCursor: z.string().nullable(),
  /**
   * One cursor per item (same order): the view resumed right after that row. Decide-and-next uses it to
   * open the case after the one the analyst came from, even once that case has left the view.
   */
  itemCursors: z.array(z.string()),
  /** Cases per normalized status for the provider/kind filter (kept current on every change). */
  counts: StatusCounts,
  /** The "My cases" and overdue tabs: cases in review assigned to the caller, and cases in review past due. Each count stops at WORKLOAD_COUNT_CAP. */
  workload: z.object({ mine: z.number().int(), overdue: z.number().int() }),
  /**
   * The search read only part of its matches: sorted by creation time, the page may hold fewer rows and
   * the next cursor reads on; sorted otherwise, the newest matches are ranked. Either way: refine it.
   */
  searchCapped: z.boolean(),
});
export type CaseListResponse = z.infer<typeof CaseListResponse>;
