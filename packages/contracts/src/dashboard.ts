import { z } from 'zod';
import { CaseKind, Provider } from './case';
import { SyncStatus } from './error';
import { labelledEnum } from './labelled-enum';
import { QaAgreementRow } from './qa';

/** Longest range the dashboard aggregates in one request; keeps every query bounded. */
export const DASHBOARD_MAX_DAYS = 366;

/** Inclusive UTC calendar days. */
export const DashboardQuery = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .refine((q) => q.from <= q.to, { message: '`from` must not be after `to`.', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 <= DASHBOARD_MAX_DAYS, {
    message: `The range may span at most ${DASHBOARD_MAX_DAYS} days.`,
    path: ['to'],
  });
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** Age of a case waiting for review, from its creation. */
export const { schema: BacklogBucket, labels: BACKLOG_BUCKET_LABELS } = labelledEnum({
  under_4h: '< 4 h',
  '4h_to_24h': '4–24 h',
  '1d_to_3d': '1–3 days',
  '3d_to_7d': '3–7 days',
  over_7d: '> 7 days',
});
export type BacklogBucket = z.infer<typeof BacklogBucket>;

export const DashboardResponse = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  generatedAt: z.iso.datetime(),
  /** Every day of the range: cases created that day, and cases decided (approved or rejected) that day. */
  daily: z.array(z.object({ date: z.iso.date(), casesIn: z.number().int(), decided: z.number().int() })),
  /** Cases in needs_review now (not bounded by the range), by age. */
  backlog: z.object({
    total: z.number().int(),
    buckets: z.array(z.object({ bucket: BacklogBucket, count: z.number().int() })),
  }),
  /**
   * Cases have no due time yet, so this is a proxy: the review backlog older than 24 hours, and very
   * high risk cases (score 100) waiting longer than 4 hours.
   */
  slaProxy: z.object({ olderThan24h: z.number().int(), veryHighRiskOlderThan4h: z.number().int() }),
  /** Cases decided in the range, by provider and kind. */
  decisionMix: z.array(
    z.object({ provider: Provider, kind: CaseKind, approved: z.number().int(), rejected: z.number().int() }),
  ),
  /**
   * Applied approve/decline actions requested in the range, per requesting user. Handling time runs from
   * the case's last entry into needs_review (its audit row) to the request; null when no decision had one.
   */
  analysts: z.array(
    z.object({
      userId: z.string(),
      name: z.string().nullable(),
      decisions: z.number().int(),
      approved: z.number().int(),
      declined: z.number().int(),
      medianHandlingMs: z.number().nullable(),
    }),
  ),
  /**
   * Of the applied decisions in the range: reversals changed a decision one of us had applied earlier;
   * overrides changed a decision the provider had made. Rates are fractions of `decisions` (0 when none).
   */
  corrections: z.object({
    decisions: z.number().int(),
    reversals: z.number().int(),
    overrides: z.number().int(),
    reversalRate: z.number(),
    overrideRate: z.number(),
  }),
  /** Provider calls waiting now: pending (never tried), retrying (tried, due again), in flight, failed for good. */
  outbox: z.object({
    pending: z.number().int(),
    retrying: z.number().int(),
    inFlight: z.number().int(),
    failed: z.number().int(),
  }),
  /** As GET /api/sync/status. */
  sync: SyncStatus.shape.providers,
  /**
   * Provider deliveries our ingress refused in the range (bad signature or token, stale, unreadable or
   * invalid body, throttled sender), per provider and HTTP status, with the last one's time.
   */
  refusedDeliveries: z.array(
    z.object({
      provider: Provider,
      status: z.number().int(),
      count: z.number().int(),
      lastAt: z.iso.datetime(),
    }),
  ),
  /** Second-line QA outcomes recorded in the range, per person whose decision was reviewed. */
  qaAgreement: z.array(QaAgreementRow),
  /** Cases whose provider state diverges from our decision now (docs/reliability.md, "Drift"). */
  drift: z.object({ unresolved: z.number().int(), awaitingApproval: z.number().int() }),
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;
