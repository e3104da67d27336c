import { DASHBOARD_MAX_DAYS } from '@backoffice/contracts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;

/** `YYYY-MM-DD` of a moment, in UTC (the calendar the API counts days in). */
export const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface DashboardRange {
  from: string;
  to: string;
}

/** The last 30 days, today included (UTC calendar days, as the API counts them). */
export function defaultRange(today: Date = new Date()): DashboardRange {
  return { from: utcDate(today.getTime() - 29 * DAY), to: utcDate(today.getTime()) };
}

const validDate = (raw: string | null) =>
  raw && ISO_DATE.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) ? raw : null;

/**
 * The range lives in the URL (a shared link shows the same figures). A missing, invalid or too long
 * range falls back to the default instead of asking the API for something it would refuse.
 */
export function parseDashboardRange(params: URLSearchParams, today: Date = new Date()): DashboardRange {
  let from = validDate(params.get('from'));
  let to = validDate(params.get('to'));
  if (!from || !to) return defaultRange(today);
  if (from > to) [from, to] = [to, from];
  const days = (Date.parse(to) - Date.parse(from)) / DAY + 1;
  return days > DASHBOARD_MAX_DAYS ? defaultRange(today) : { from, to };
}
