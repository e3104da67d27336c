import type { DashboardQuery, DashboardResponse } from '@backoffice/contracts';
import type { AppDeps } from '../../platform/deps';
import { driftCounts } from '../drift/repo';
import { refusedDeliveriesIn } from '../ingress/refusals';
import { qaAgreement } from '../qa/service';
import { syncStatusOf } from '../reconcile/sync-status';
import { backlogAndHealth, dailyCounts, decisionFigures, decisionMix } from './repo';

const DAY = 86_400_000;

/** The supervision figures for a range of UTC days; backlog, SLA proxy, outbox and sync are as of now. */
export function buildDashboard(deps: AppDeps, query: DashboardQuery): DashboardResponse {
  const now = deps.now();
  const fromMs = Date.parse(`${query.from}T00:00:00.000Z`);
  const toMs = Date.parse(`${query.to}T00:00:00.000Z`) + DAY;
  const range = { fromMs, toMs };
  const db = deps.db;

  // One read transaction: every figure comes from the same snapshot of the database.
  return db.sqlite.transaction(() => {
    const { casesIn, decided } = dailyCounts(db, range);
    const inByDay = new Map(casesIn.map((r) => [r.day, r.n]));
    const decidedByDay = new Map(decided.map((r) => [r.day, r.n]));
    const days = Math.round((toMs - fromMs) / DAY);
    const daily = Array.from({ length: days }, (_, day) => ({
      date: new Date(fromMs + day * DAY).toISOString().slice(0, 10),
      casesIn: inByDay.get(day) ?? 0,
      decided: decidedByDay.get(day) ?? 0,
    }));

    const sync = syncStatusOf(deps, db);
    const { analysts, corrections } = decisionFigures(db, range);

    return {
      from: query.from,
      to: query.to,
      generatedAt: new Date(now).toISOString(),
      daily,
      ...backlogAndHealth(db, now),
      decisionMix: decisionMix(db, range),
      analysts,
      corrections,
      sync,
      refusedDeliveries: refusedDeliveriesIn(deps, range),
      qaAgreement: qaAgreement(deps, range),
      drift: driftCounts(db.orm),
    };
  })();
}
