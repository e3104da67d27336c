import { AuditAction, Provider } from '@backoffice/contracts';
import type { AuditSearch } from '../../api/endpoints';

/**
 * The audit page's filters live in its URL in the same names the API takes, so the page, a shared
 * link and the CSV export all describe exactly the same rows. Invalid values are dropped, not sent.
 */
export const AUDIT_FILTER_KEYS = ['actorId', 'action', 'caseId', 'provider', 'from', 'to'] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseAuditSearch(params: URLSearchParams): AuditSearch {
  const search: AuditSearch = {};
  const actorId = params.get('actorId')?.trim();
  if (actorId && actorId.length <= 100) search.actorId = actorId;
  const action = AuditAction.safeParse(params.get('action')?.trim());
  if (action.success) search.action = action.data;
  const caseId = params.get('caseId')?.trim();
  if (caseId && /^[1-9]\d{0,14}$/.test(caseId)) search.caseId = caseId;
  const provider = Provider.safeParse(params.get('provider'));
  if (provider.success) search.provider = provider.data;
  const from = params.get('from');
  const to = params.get('to');
  if (from && ISO_DATE.test(from)) search.from = from;
  if (to && ISO_DATE.test(to)) search.to = to;
  if (search.from && search.to && search.from > search.to)
    [search.from, search.to] = [search.to, search.from];
  return search;
}

export function toAuditParams(search: AuditSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = search[key];
    if (value) params.set(key, value);
  }
  return params;
}

/**
 * Dates in the filter are whole local days; the API compares instants, so `to` is sent as the end of
 * that day (otherwise "to 3 March" would stop at midnight and miss the whole day).
 */
export function toApiSearch(search: AuditSearch): AuditSearch {
  const api: AuditSearch = { ...search };
  if (search.from) api.from = new Date(`${search.from}T00:00:00`).toISOString();
  if (search.to) api.to = new Date(`${search.to}T23:59:59.999`).toISOString();
  return api;
}
