import type { BacklogBucket, DashboardResponse } from '@backoffice/contracts';
import type { Db } from '@backoffice/db';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Lower age bound of each backlog bucket, oldest first (the first bound a case's age reaches wins). */
const BUCKET_FLOORS: ReadonlyArray<readonly [BacklogBucket, number]> = [
  ['over_7d', 7 * DAY],
  ['3d_to_7d', 3 * DAY],
  ['1d_to_3d', DAY],
  ['4h_to_24h', 4 * HOUR],
  ['under_4h', 0],
];

/** Score of the "very high" risk band (the band is the score 100 alone). */
const VERY_HIGH_RISK_SCORE = 100;

export type DashboardRange = {
  /** Inclusive start, epoch ms at 00:00 UTC. */
  fromMs: number;
  /** Exclusive end, epoch ms at 00:00 UTC of the day after `to`. */
  toMs: number;
};

/** better-sqlite3's statements return `unknown`; each query below states the row shape it selects. */
const allRows = <T>(db: Db, source: string, params?: object) =>
  (params ? db.sqlite.prepare(source).all(params) : db.sqlite.prepare(source).all()) as T[];
const oneRow = <T>(db: Db, source: string, params?: object) =>
  (params ? db.sqlite.prepare(source).get(params) : db.sqlite.prepare(source).get()) as T | undefined;
type Counts = Pick<DashboardResponse, 'backlog' | 'slaProxy' | 'outbox'>;

/**
 * Every figure below is an SQL aggregate over an index range. The per-day figures and the decision mix
 * read the day counters (`case_day_counts`, kept by triggers: drizzle/0020_case_day_counts.sql), a few
 * rows per day whatever the volume; the review backlog reads (status, created_at), decisions
 * requested_at (`decision_facts`), the outbox its status. No query reads the payload column.
 * The range bounds are 00:00 UTC, so a day of the range is a whole counter day.
 */
export function dailyCounts(db: Db, range: DashboardRange) {
  const days = { fromDay: Math.floor(range.fromMs / DAY), toDay: Math.floor(range.toMs / DAY) };
  const casesIn = allRows<{ day: number; n: number }>(
    db,
    `SELECT day - @fromDay AS day, sum(count) AS n FROM case_day_counts
       WHERE measure = 'in' AND day >= @fromDay AND day < @toDay GROUP BY day`,
    days,
  );
  const decided = allRows<{ day: number; n: number }>(
    db,
    `SELECT day - @fromDay AS day, sum(count) AS n FROM case_day_counts
       WHERE measure IN ('approved', 'rejected') AND day >= @fromDay AND day < @toDay GROUP BY day`,
    days,
  );
  return { casesIn, decided };
}

export function backlogAndHealth(db: Db, now: number): Counts {
  // The bucket names and bounds are constants of this module, never request input.
  const bucketCase = BUCKET_FLOORS.map(
    ([bucket, floor]) => `WHEN created_at <= ${now - floor} THEN '${bucket}'`,
  );
  const rows = allRows<{ bucket: BacklogBucket; n: number }>(
    db,
    `SELECT CASE ${bucketCase.join(' ')} ELSE 'under_4h' END AS bucket, count(*) AS n
       FROM cases WHERE status = 'needs_review' GROUP BY bucket`,
  );
  const byBucket = new Map(rows.map((r) => [r.bucket, r.n]));
  const buckets = [...BUCKET_FLOORS]
    .reverse()
    .map(([bucket]) => ({ bucket, count: byBucket.get(bucket) ?? 0 }));
  const total = buckets.reduce((sum, b) => sum + b.count, 0);

  const sla = oneRow<{ older: number; veryHigh: number }>(
    db,
    `SELECT
         (SELECT count(*) FROM cases WHERE status = 'needs_review' AND created_at <= @dayAgo) AS older,
         (SELECT count(*) FROM cases WHERE status = 'needs_review' AND coalesce(risk_score, -1) >= @veryHigh
            AND created_at <= @fourHoursAgo) AS veryHigh`,
    { dayAgo: now - DAY, veryHigh: VERY_HIGH_RISK_SCORE, fourHoursAgo: now - 4 * HOUR },
  ) ?? {
    older: 0,
    veryHigh: 0,
  };

  // `done` and `abandoned` rows are never read: the status index gives the three waiting states directly.
  const outbox = oneRow<{ pending: number; retrying: number; inFlight: number; failed: number }>(
    db,
    `SELECT
         coalesce(sum(status = 'pending' AND attempts = 0), 0) AS pending,
         coalesce(sum(status = 'pending' AND attempts > 0), 0) AS retrying,
         coalesce(sum(status = 'in_flight'), 0) AS inFlight,
         coalesce(sum(status = 'failed'), 0) AS failed
       FROM outbox WHERE status IN ('pending', 'in_flight', 'failed')`,
  ) ?? { pending: 0, retrying: 0, inFlight: 0, failed: 0 };

  return {
    backlog: { total, buckets },
    slaProxy: { olderThan24h: sla.older, veryHighRiskOlderThan4h: sla.veryHigh },
    outbox,
  };
}

export function decisionMix(db: Db, range: DashboardRange): DashboardResponse['decisionMix'] {
  return allRows<DashboardResponse['decisionMix'][number]>(
    db,
    `SELECT provider, kind, sum(CASE WHEN measure = 'approved' THEN count ELSE 0 END) AS approved,
         sum(CASE WHEN measure = 'rejected' THEN count ELSE 0 END) AS rejected
       FROM case_day_counts WHERE measure IN ('approved', 'rejected') AND day >= @fromDay AND day < @toDay
       GROUP BY provider, kind HAVING approved + rejected > 0 ORDER BY provider, kind`,
    { fromDay: Math.floor(range.fromMs / DAY), toDay: Math.floor(range.toMs / DAY) },
  );
}

/**
 * Each analyst's decisions of the range (counts, median handling time) and the corrections among them.
 * Every figure reads `decision_facts` (drizzle/0021_decision_facts.sql): what each applied approve or
 * decline needs (when its case last entered review, the status the reviewer saw, whether one of us had
 * decided the case before), fixed when it was applied. The counts are one range of the decisions; each
 * analyst's median walks their decisions in handling-time order up to the middle (an index), instead of
 * numbering every decision of the range.
 */
export function decisionFigures(db: Db, range: DashboardRange) {
  const totals = allRows<{
    userId: string;
    name: string | null;
    decisions: number;
    approved: number;
    declined: number;
    handled: number;
    reversals: number;
    overrides: number;
  }>(
    db,
    `SELECT f.requested_by AS userId, u.name AS name, count(*) AS decisions,
         sum(f.type = 'approve') AS approved, sum(f.type = 'decline') AS declined,
         sum(f.review_at IS NOT NULL) AS handled,
         coalesce(sum(f.seen_status IN ('approved', 'rejected') AND f.ours_before), 0) AS reversals,
         coalesce(sum(f.seen_status IN ('approved', 'rejected') AND NOT f.ours_before), 0) AS overrides
       FROM decision_facts f LEFT JOIN users u ON u.id = f.requested_by
       WHERE f.requested_at >= @fromMs AND f.requested_at < @toMs
       GROUP BY f.requested_by ORDER BY decisions DESC, f.requested_by`,
    range,
  );
  const middle = db.sqlite.prepare(
    `SELECT avg(handling_ms) AS median FROM (
       SELECT handling_ms FROM decision_facts INDEXED BY decision_facts_handling
        WHERE requested_by = @userId AND handling_ms IS NOT NULL
          AND requested_at >= @fromMs AND requested_at < @toMs
        ORDER BY handling_ms LIMIT @take OFFSET @skip)`,
  );
  // The median of n values: the middle one (n odd) or the mean of the two middle ones (n even).
  const medianOf = (userId: string, n: number) =>
    n === 0
      ? null
      : ((
          middle.get({ ...range, userId, take: n % 2 === 1 ? 1 : 2, skip: Math.floor((n - 1) / 2) }) as {
            median: number | null;
          }
        ).median ?? null);
  const analysts = totals.map(({ handled, reversals: _reversals, overrides: _overrides, ...row }) => ({
    ...row,
    medianHandlingMs: medianOf(row.userId, handled),
  }));
  const sum = (pick: (row: (typeof totals)[number]) => number) =>
    totals.reduce((total, row) => total + pick(row), 0);
  const decisions = sum((row) => row.decisions);
  const reversals = sum((row) => row.reversals);
  const overrides = sum((row) => row.overrides);
  const rate = (n: number) => (decisions === 0 ? 0 : n / decisions);
  const corrections: DashboardResponse['corrections'] = {
    decisions,
    reversals,
    overrides,
    reversalRate: rate(reversals),
    overrideRate: rate(overrides),
  };
  return { analysts, corrections };
}
