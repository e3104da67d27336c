import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUEUE_FILTERS,
  hasNarrowingFilters,
  parseQueueSearch,
  type QueueFilters,
  toCaseListSearch,
  toQueueSearch,
  updateQueueFilters,
} from './queueSearchParams';

const parse = (search: string) => parseQueueSearch(new URLSearchParams(search));

describe('queue URL state', () => {
  it('defaults to the needs-review view when the URL says nothing', () => {
    expect(parse('')).toEqual(DEFAULT_QUEUE_FILTERS);
    expect(toQueueSearch(DEFAULT_QUEUE_FILTERS).toString()).toBe('status=needs_review');
  });

  it('round-trips every filter through the URL unchanged', () => {
    const filters: QueueFilters = {
      status: ['pending', 'needs_review'],
      provider: ['didit'],
      kind: ['kyc_session'],
      riskBand: ['high', 'very_high'],
      from: '2026-01-01',
      to: '2026-12-31',
      q: 'lopez',
      flagged: true,
      assignee: 'unassigned',
      overdue: true,
      tag: 7,
      hide: ['country', 'document'],
      sort: 'riskScore',
      order: 'asc',
      cursor: 'eyJ2Ijo4MiwiaWQiOjQxfQ',
    };
    const url = toQueueSearch(filters).toString();
    expect(parse(url)).toEqual(filters);
    // Canonical order regardless of how the list was written in a hand-edited link.
    expect(parse('status=needs_review,pending').status).toEqual(['pending', 'needs_review']);
  });

  it('uses "all" for the All tab so that it differs from the default view', () => {
    const all = { ...DEFAULT_QUEUE_FILTERS, status: [] };
    expect(toQueueSearch(all).get('status')).toBe('all');
    expect(parse('status=all').status).toEqual([]);
  });

  it('drops unknown values from old or hand-edited links instead of sending them to the API', () => {
    const filters = parse(
      'status=bogus&provider=didit,acme&riskBand=extreme&sort=name&order=sideways&from=2026-13-45',
    );
    expect(filters.status).toEqual(['needs_review']);
    expect(filters.provider).toEqual(['didit']);
    expect(filters.riskBand).toEqual([]);
    expect(filters.sort).toBe('createdAt');
    expect(filters.order).toBe('desc');
    expect(filters.from).toBeNull();
  });

  it('goes back to the first page when anything but the page changes', () => {
    const onPage3 = { ...DEFAULT_QUEUE_FILTERS, cursor: 'abc' };
    expect(updateQueueFilters(onPage3, { riskBand: ['high'] }).cursor).toBeNull();
    expect(updateQueueFilters(onPage3, { sort: 'riskScore' }).cursor).toBeNull();
    expect(updateQueueFilters(DEFAULT_QUEUE_FILTERS, { cursor: 'next' }).cursor).toBe('next');
  });

  it('builds the API query with comma lists and leaves out what is not filtered', () => {
    const search = toCaseListSearch({
      ...DEFAULT_QUEUE_FILTERS,
      status: [],
      riskBand: ['high', 'very_high'],
      q: '  ana ',
    });
    expect(search).toEqual({
      status: undefined,
      provider: undefined,
      kind: undefined,
      riskBand: 'high,very_high',
      from: undefined,
      to: undefined,
      q: 'ana',
      sort: 'createdAt',
      order: 'desc',
      limit: '50',
      cursor: undefined,
    });
  });

  it('keeps the assignee, overdue and due-time sort in the URL and the API query', () => {
    const filters = parseQueueSearch(
      new URLSearchParams('status=needs_review&assignee=me&overdue=true&sort=dueAt&order=asc'),
    );
    expect(filters).toMatchObject({ assignee: 'me', overdue: true, sort: 'dueAt', order: 'asc' });
    expect(toQueueSearch(filters).toString()).toBe(
      'status=needs_review&assignee=me&overdue=true&sort=dueAt&order=asc',
    );
    expect(toCaseListSearch(filters)).toMatchObject({ assignee: 'me', overdue: 'true', sort: 'dueAt' });
    expect(parseQueueSearch(new URLSearchParams('assignee=a%20b')).assignee).toBe('');
    expect(hasNarrowingFilters({ ...DEFAULT_QUEUE_FILTERS, assignee: 'unassigned' })).toBe(true);
  });
});
