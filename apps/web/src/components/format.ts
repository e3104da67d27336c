import dayjs from 'dayjs';

/** Unambiguous for analysts in any locale: day, month name, year and 24-hour time in local time. */
export function formatDateTime(iso: string): string {
  const date = dayjs(iso);
  return date.isValid() ? date.format('D MMM YYYY, HH:mm') : iso;
}

/**
 * Provider dates (`YYYY-MM-DD`, date of birth, expiry) are calendar dates, not instants: they are
 * formatted without any time-zone shift. Anything else is shown as received.
 */
export function formatCalendarDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  const date = dayjs(`${year}-${month}-${day}T12:00:00`);
  return date.isValid() ? date.format('D MMM YYYY') : value;
}

/** True when a calendar date lies strictly before today (local). Unparseable dates are not "expired". */
export function isPastCalendarDate(value: string, today: Date = new Date()): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const todayKey = dayjs(today).format('YYYY-MM-DD');
  return value < todayKey;
}

/** Scores arrive as floats (e.g. 72.35); one decimal is enough to compare against integer thresholds. */
export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

/**
 * A count with thousands separators, as English writes it (12,345). Digits are grouped here rather than
 * by `toLocaleString`: the first Intl number format of a page loads the ICU number data, about 20 ms
 * of the queue's first paint in Chromium for its tab badges (docs/architecture.md, "Queue cold load").
 */
export function formatCount(count: number): string {
  return String(Math.trunc(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// Built on first use: constructing Intl.DisplayNames loads the region data (about 30 ms in Chromium),
// which a cold load of the queue should not pay before any country name is asked for.
let regionNames: Intl.DisplayNames | null | undefined;

function getRegionNames(): Intl.DisplayNames | null {
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
    } catch {
      regionNames = null;
    }
  }
  return regionNames;
}

/** English name of an ISO 3166 alpha-2 code, or null (alpha-3 and unknown codes are shown as received). */
export function countryName(code: string): string | null {
  if (!/^[A-Za-z]{2}$/.test(code)) return null;
  const names = getRegionNames();
  if (!names) return null;
  try {
    const name = names.of(code.toUpperCase());
    return name && name !== code.toUpperCase() ? name : null;
  } catch {
    return null;
  }
}

/** `LOW_FACE_MATCH_SIMILARITY` / `case.status_changed` → `Low face match similarity` / `Case status changed`. */
export function humanizeCode(code: string): string {
  const words = code
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
