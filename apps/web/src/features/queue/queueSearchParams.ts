import {
  CaseKind,
  CaseSortField,
  CaseStatus,
  Provider,
  RiskBand,
  type SortOrder,
} from '@backoffice/contracts';
import type { CaseListSearch } from '../../api/endpoints';

/**
 * Everything that defines a view of the queue. It lives in the URL so an analyst can
 * share or bookmark exactly what they are looking at; this module is the only place that knows the
 * URL format.
 */
export interface QueueFilters {
  /** Empty means every status ("All" tab). */
  status: CaseStatus[];
  provider: Provider[];
  kind: CaseKind[];
  riskBand: RiskBand[];
  /** Inclusive created-date bounds as `YYYY-MM-DD`. */
  from: string | null;
  to: string | null;
  q: string;
  /** Only cases flagged for a manager (unknown provider status, decision undone by the provider). */
  flagged: boolean;
  /** '' (anyone), `me`, `unassigned`, or a user id. */
  assignee: string;
  /** Only cases in review past their due time. */
  overdue: boolean;
  /** Only cases carrying this tag (its id). */
  tag: number | null;
  /** Column ids the user hid (saved with a view). */
  hide: string[];
  sort: CaseSortField;
  order: SortOrder;
  /** Opaque keyset cursor of the page being shown; null = first page. */
  cursor: string | null;
}

export const QUEUE_PAGE_SIZE = 50;

/** Written in the URL for the "All" tab so that a missing `status` can keep meaning the default view. */
export const ALL_STATUSES_TOKEN = 'all';

export const DEFAULT_QUEUE_FILTERS: QueueFilters = {
  status: ['needs_review'],
  provider: [],
  kind: [],
  riskBand: [],
  from: null,
  to: null,
  q: '',
  flagged: false,
  assignee: '',
  overdue: false,
  tag: null,
  hide: [],
  sort: 'createdAt',
  order: 'desc',
  cursor: null,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** What the API accepts as an assignee filter (`me`, `unassigned` or a user id). */
const ASSIGNEE = /^[A-Za-z0-9_.:@-]{1,64}$/;

/** Keeps the known values of a comma list in a canonical order; unknown ones (old or hand-edited links) are dropped. */
function parseList<T extends string>(raw: string | null, known: readonly T[]): T[] {
  if (!raw) return [];
  const wanted = new Set(raw.split(',').map((part) => part.trim()));
  return known.filter((value) => wanted.has(value));
}

function parseDate(raw: string | null): string | null {
  if (!raw || !ISO_DATE.test(raw)) return null;
  const date = new Date(`${raw}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : raw;
}

export function parseQueueSearch(params: URLSearchParams): QueueFilters {
  const rawStatus = params.get('status');
  const status =
    rawStatus === null
      ? DEFAULT_QUEUE_FILTERS.status
      : rawStatus === ALL_STATUSES_TOKEN
        ? []
        : parseList(rawStatus, CaseStatus.options);

  const sortParsed = CaseSortField.safeParse(params.get('sort'));
  const order = params.get('order');

  return {
    // A link whose statuses are all unknown falls back to the default view rather than "everything".
    status:
      rawStatus !== null && rawStatus !== ALL_STATUSES_TOKEN && status.length === 0
        ? DEFAULT_QUEUE_FILTERS.status
        : status,
    provider: parseList(params.get('provider'), Provider.options),
    kind: parseList(params.get('kind'), CaseKind.options),
    riskBand: parseList(params.get('riskBand'), RiskBand.options),
    from: parseDate(params.get('from')),
    to: parseDate(params.get('to')),
    q: (params.get('q') ?? '').trim().slice(0, 100),
    flagged: params.get('flagged') === 'true',
    assignee: ASSIGNEE.test(params.get('assignee') ?? '') ? params.get('assignee')! : '',
    overdue: params.get('overdue') === 'true',
    tag: /^[1-9]\d{0,9}$/.test(params.get('tag') ?? '') ? Number(params.get('tag')) : null,
    hide: (params.get('hide') ?? '')
      .split(',')
      .filter((id) => /^[A-Za-z]{1,32}$/.test(id))
      .slice(0, 20),
    sort: sortParsed.success ? sortParsed.data : DEFAULT_QUEUE_FILTERS.sort,
    order: order === 'asc' || order === 'desc' ? order : DEFAULT_QUEUE_FILTERS.order,
    cursor: params.get('cursor') || null,
  };
}

/** The canonical URL for a view. `status` is always written so a shared link never depends on our default. */
export function toQueueSearch(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  params.set('status', filters.status.length === 0 ? ALL_STATUSES_TOKEN : filters.status.join(','));
  if (filters.provider.length) params.set('provider', filters.provider.join(','));
  if (filters.kind.length) params.set('kind', filters.kind.join(','));
  if (filters.riskBand.length) params.set('riskBand', filters.riskBand.join(','));
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.flagged) params.set('flagged', 'true');
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.overdue) params.set('overdue', 'true');
  if (filters.tag !== null) params.set('tag', String(filters.tag));
  if (filters.hide.length) params.set('hide', filters.hide.join(','));
  if (filters.sort !== DEFAULT_QUEUE_FILTERS.sort) params.set('sort', filters.sort);
  if (filters.order !== DEFAULT_QUEUE_FILTERS.order) params.set('order', filters.order);
  if (filters.cursor) params.set('cursor', filters.cursor);
  return params;
}

/**
 * Applies a change to the view. Any change other than paging starts again from the first page:
 * a cursor only means something for the filter and sort it was issued under.
 */
export function updateQueueFilters(current: QueueFilters, change: Partial<QueueFilters>): QueueFilters {
  const next = { ...current, ...change };
  if (!('cursor' in change)) next.cursor = null;
  return next;
}

/** The `GET /api/cases` query for a view. */
export function toCaseListSearch(filters: QueueFilters): CaseListSearch {
  return {
    status: filters.status.length ? filters.status.join(',') : undefined,
    provider: filters.provider.length ? filters.provider.join(',') : undefined,
    kind: filters.kind.length ? filters.kind.join(',') : undefined,
    riskBand: filters.riskBand.length ? filters.riskBand.join(',') : undefined,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
    q: filters.q.trim() || undefined,
    flagged: filters.flagged ? 'true' : undefined,
    assignee: filters.assignee || undefined,
    overdue: filters.overdue ? 'true' : undefined,
    tag: filters.tag === null ? undefined : String(filters.tag),
    sort: filters.sort,
    order: filters.order,
    limit: String(QUEUE_PAGE_SIZE),
    cursor: filters.cursor ?? undefined,
  };
}

/** Filters that narrow the list beyond the status tab; drives the "Clear filters" affordances. */
export function hasNarrowingFilters(filters: QueueFilters): boolean {
  return (
    filters.provider.length > 0 ||
    filters.kind.length > 0 ||
    filters.riskBand.length > 0 ||
    filters.from !== null ||
    filters.to !== null ||
    filters.q.trim() !== '' ||
    filters.flagged ||
    filters.assignee !== '' ||
    filters.overdue ||
    filters.tag !== null
  );
}

export function clearNarrowingFilters(filters: QueueFilters): QueueFilters {
  return {
    ...DEFAULT_QUEUE_FILTERS,
    status: filters.status,
    sort: filters.sort,
    order: filters.order,
    hide: filters.hide,
  };
}
