import { describe, expect, it } from 'vitest';
import type { CaseListSearch } from '../../api/endpoints';
import { caseListResponse, caseSummary } from '../../test/fixtures';
import { findNextCase, NEXT_CASE_MAX_PAGES } from './nextCase';
import { positionAfter, rememberViewPositions, viewKeyOf } from './triageMemory';

const someoneElse = { id: 'user-other', name: 'Other Analyst' };

describe('findNextCase', () => {
  it('asks the queue API for the view after the position, skips the current case and cases claimed by others, and follows pages', async () => {
    const asked: CaseListSearch[] = [];
    const pages = [
      caseListResponse([caseSummary({ id: 7 }), caseSummary({ id: 8, assignee: someoneElse })], {
        nextCursor: 'page-2',
      }),
      caseListResponse([caseSummary({ id: 9, assignee: { id: 'me', name: 'Me' } })]),
    ];
    const result = await findNextCase({
      viewSearch: '?status=needs_review&kind=kya_task&sort=riskScore&cursor=page-of-the-queue',
      after: 'after-6',
      currentId: 7,
      meId: 'me',
      fetchPage: async (search) => {
        asked.push(search);
        return pages[asked.length - 1]!;
      },
    });
    // Case 7 is the one being left, 8 is someone else's, 9 is the analyst's own: that is the next one.
    expect(result).toEqual({ kind: 'next', caseId: 9, cursor: 'after-9', skippedClaimed: 1 });
    expect(asked.map((search) => search.cursor)).toEqual(['after-6', 'page-2']);
    expect(asked[0]).toMatchObject({ status: 'needs_review', kind: 'kya_task', sort: 'riskScore' });
  });

  it('ends at the end of the view, and gives up on a long run of cases claimed by others', async () => {
    const end = await findNextCase({
      viewSearch: '?status=needs_review',
      after: null,
      currentId: 1,
      meId: 'me',
      fetchPage: async () => caseListResponse([caseSummary({ id: 1 })]),
    });
    expect(end).toEqual({ kind: 'end', skippedClaimed: 0, gaveUp: false });

    let calls = 0;
    const gaveUp = await findNextCase({
      viewSearch: '?status=needs_review',
      after: null,
      currentId: null,
      meId: 'me',
      fetchPage: async () => {
        calls += 1;
        return caseListResponse([caseSummary({ id: calls, assignee: someoneElse })], {
          nextCursor: `page-${calls + 1}`,
        });
      },
    });
    expect(gaveUp).toEqual({ kind: 'end', skippedClaimed: NEXT_CASE_MAX_PAGES, gaveUp: true });
    expect(calls).toBe(NEXT_CASE_MAX_PAGES);
  });
});

describe('triage memory', () => {
  it('keeps positions per view across its pages and forgets them for another view', () => {
    expect(viewKeyOf('?status=needs_review&cursor=abc&sort=dueAt')).toBe(
      viewKeyOf('?sort=dueAt&status=needs_review'),
    );
    rememberViewPositions('?status=needs_review', [{ id: 1 }, { id: 2 }], ['c1', 'c2']);
    rememberViewPositions('?status=needs_review&cursor=c2', [{ id: 3 }], ['c3']);
    expect(positionAfter('?status=needs_review', 1)).toBe('c1');
    expect(positionAfter('?status=needs_review&cursor=c2', 3)).toBe('c3');
    expect(positionAfter('?status=approved', 1)).toBeNull();
    rememberViewPositions('?status=approved', [{ id: 1 }], ['other']);
    expect(positionAfter('?status=needs_review', 1)).toBeNull();
  });
});
