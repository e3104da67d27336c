/** The benchmark's goals, as a pure function of its measurements, so they can be unit-tested. */

export type ScenarioGroup = 'headline' | 'filter' | 'page-one' | 'deep-cursor' | 'identifier' | 'name';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface ScenarioResult {
  name: string;
  group: ScenarioGroup;
  api: LoadResult;
  ceiling: LoadResult;
}

export interface IngestionResult {
  sent: number;
  acknowledged: number;
  refused: number;
  stored: number;
  perSecond: number;
  /** The API's CPU time per delivery; null where /proc cannot tell (not Linux). */
  apiCpuMsPerDelivery?: number | null;
}

export interface DashboardResult {
  days: number;
  p50: number;
  p95: number;
  non2xx: number;
}

/** ./whatif-timing.ts: one proposal over one window, sequential requests. */
export interface WhatIfTiming {
  name: string;
  days: number;
  p50: number;
  p95: number;
  non2xx: number;
  /** Cases the proposal flips, to show the replay had work to do. */
  changed: number;
}

export interface ColdLoadResult {
  runs: number[];
  medianMs: number;
  worstMs: number;
  medianDomReadyMs?: number;
  medianQueueRequestMs?: number;
  medianQueueResponseMs?: number;
}

/** apps/web/bench/case-open.ts: the case page of an every-report-type session next to an ordinary one. */
export interface CaseOpenResult {
  heavyScenario: string;
  ordinaryScenario: string;
  /** Report cards on the heavy case's page, to show what was measured. */
  heavyReports: number;
  heavyRuns: number[];
  ordinaryRuns: number[];
  heavyMedianMs: number;
  ordinaryMedianMs: number;
  /** heavy median / ordinary median. */
  ratio: number;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export const GOALS = {
  headlineRatio: 0.7,
  headlineP99Ms: 15,
  identifierP99Ms: 10,
  nameP99Ms: 50,
  /** A deep page may be at most this much slower than page one (noise on a shared machine). */
  deepCursorRatio: 0.8,
  ingestionPerSecond: 1_750,
  apiRssMb: 300,
  /** "A dashboard load well under a second": p95 of sequential loads. */
  dashboardP95Ms: 500,
  /**
   * The what-if answers while an admin is editing a threshold, before saving: p95 of sequential loads.
   * A second rather than the dashboard's half: besides its aggregate over the window it pages the flips
   * and, for Didit, reads the workflow in force from the provider (a round trip the dashboard does not
   * make); a second is still the point up to which the figures feel tied to the edit that asked for them.
   */
  whatIfP95Ms: 1_000,
  /** The queue's data on screen after a cold load in Chromium, median of the runs. */
  coldLoadMs: 1_000,
  /**
   * "A case with every report type opens within the same time as today's cases": its median open in
   * Chromium over an ordinary case's, both from the same run. A ratio rather than milliseconds, so a
   * loaded shared machine slows both alike. 1.25 and not 1.0: the heavy case does carry more bytes and
   * DOM (every report type, repeated nodes), and the median of a few cold opens still moves between
   * runs, so "the same time" needs that margin to fail on a slow page rather than on noise; a quarter
   * more is still a difference a reviewer would not notice on a page that opens in well under a second.
   */
  caseOpenRatio: 1.25,
} as const;

const fmt = (value: number, digits = 0) => value.toFixed(digits);

export function ratioToCeiling(result: ScenarioResult): number {
  return result.ceiling.requestsPerSecond > 0
    ? result.api.requestsPerSecond / result.ceiling.requestsPerSecond
    : 0;
}

export function evaluateGoals(input: {
  scenarios: ScenarioResult[];
  ingestion: IngestionResult | null;
  maxApiRssMb: number;
  dashboard?: DashboardResult[];
  whatIf?: WhatIfTiming[];
  coldLoad?: ColdLoadResult | null;
  caseOpen?: CaseOpenResult | null;
}): Check[] {
  const checks: Check[] = [];
  for (const scenario of input.scenarios) {
    const { api } = scenario;
    const failures = api.non2xx + api.errors + api.timeouts;
    checks.push({
      name: `${scenario.name}: every response 2xx`,
      ok: failures === 0 && api.requestsPerSecond > 0,
      detail: `${api.non2xx} non-2xx, ${api.errors} errors, ${api.timeouts} timeouts`,
    });
    if (scenario.group === 'headline') {
      const ratio = ratioToCeiling(scenario);
      checks.push({
        name: `${scenario.name}: ≥ ${GOALS.headlineRatio * 100} % of the ceiling`,
        ok: ratio >= GOALS.headlineRatio,
        detail: `${fmt(ratio * 100)} %`,
      });
      checks.push({
        name: `${scenario.name}: p99 ≤ ${GOALS.headlineP99Ms} ms`,
        ok: api.p99 <= GOALS.headlineP99Ms,
        detail: `${api.p99} ms`,
      });
    }
    if (scenario.group === 'identifier') {
      checks.push({
        name: `${scenario.name}: p99 ≤ ${GOALS.identifierP99Ms} ms`,
        ok: api.p99 <= GOALS.identifierP99Ms,
        detail: `${api.p99} ms`,
      });
    }
    if (scenario.group === 'name') {
      checks.push({
        name: `${scenario.name}: p99 ≤ ${GOALS.nameP99Ms} ms`,
        ok: api.p99 <= GOALS.nameP99Ms,
        detail: `${api.p99} ms`,
      });
    }
  }
  const pageOne = input.scenarios.find((s) => s.group === 'page-one');
  for (const deep of input.scenarios.filter((s) => s.group === 'deep-cursor')) {
    const ratio = pageOne ? deep.api.requestsPerSecond / pageOne.api.requestsPerSecond : 0;
    checks.push({
      name: `${deep.name}: as fast as page one (≥ ${GOALS.deepCursorRatio * 100} % of its req/s)`,
      ok: pageOne !== undefined && ratio >= GOALS.deepCursorRatio,
      detail: pageOne ? `${fmt(ratio * 100)} %, p99 ${deep.api.p99} vs ${pageOne.api.p99} ms` : 'no page one',
    });
  }
  if (input.ingestion) {
    const { sent, acknowledged, refused, stored, perSecond, apiCpuMsPerDelivery } = input.ingestion;
    checks.push({
      name: 'webhook ingestion: 0 lost (every delivery acknowledged and stored)',
      ok: refused === 0 && acknowledged === sent && stored === acknowledged,
      detail: `${sent} sent, ${acknowledged} acknowledged, ${refused} refused, ${stored} stored`,
    });
    checks.push({
      name: `webhook ingestion: ≥ ${GOALS.ingestionPerSecond}/s`,
      ok: perSecond >= GOALS.ingestionPerSecond,
      detail: `${fmt(perSecond)}/s${apiCpuMsPerDelivery == null ? '' : `, API CPU ${apiCpuMsPerDelivery.toFixed(3)} ms per delivery`}`,
    });
  }
  for (const d of input.dashboard ?? []) {
    checks.push({
      name: `dashboard, ${d.days} days: p95 ≤ ${GOALS.dashboardP95Ms} ms, every response 200`,
      ok: d.non2xx === 0 && d.p95 <= GOALS.dashboardP95Ms,
      detail: `p95 ${fmt(d.p95)} ms, ${d.non2xx} non-200`,
    });
  }
  for (const w of input.whatIf ?? []) {
    checks.push({
      name: `what-if, ${w.name}, ${w.days} days: p95 ≤ ${GOALS.whatIfP95Ms} ms, every response 200`,
      ok: w.non2xx === 0 && w.p95 <= GOALS.whatIfP95Ms,
      detail: `p95 ${fmt(w.p95)} ms, ${w.non2xx} non-200, ${w.changed} cases flip`,
    });
  }
  if (input.coldLoad) {
    checks.push({
      name: `queue cold load in Chromium: data on screen ≤ ${GOALS.coldLoadMs} ms (median)`,
      ok: input.coldLoad.medianMs <= GOALS.coldLoadMs,
      detail: `median ${input.coldLoad.medianMs} ms, worst ${input.coldLoad.worstMs} ms`,
    });
  }
  if (input.caseOpen) {
    const { heavyScenario, ordinaryScenario, heavyMedianMs, ordinaryMedianMs, ratio } = input.caseOpen;
    checks.push({
      name: `case page in Chromium: ${heavyScenario} ≤ ${GOALS.caseOpenRatio} × ${ordinaryScenario} (median)`,
      ok: heavyMedianMs > 0 && ordinaryMedianMs > 0 && ratio <= GOALS.caseOpenRatio,
      detail: `${heavyMedianMs} vs ${ordinaryMedianMs} ms, ${fmt(ratio, 2)} ×`,
    });
  }
  checks.push({
    name: `API RSS ≤ ${GOALS.apiRssMb} MB under the benchmark`,
    ok: input.maxApiRssMb > 0 && input.maxApiRssMb <= GOALS.apiRssMb,
    detail: `peak ${fmt(input.maxApiRssMb)} MB`,
  });
  return checks;
}
