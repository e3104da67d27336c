import { notifications } from '@mantine/notifications';
import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseDetail } from '../../test/fixtures';
import { noteOwnChange } from './ownChanges';
import { useCaseChangeNotice } from './useCaseChangeNotice';

afterEach(() => vi.restoreAllMocks());

function renderNotice(first: ReturnType<typeof caseDetail>) {
  const show = vi.spyOn(notifications, 'show').mockReturnValue('');
  const hook = renderHook(({ detail }) => useCaseChangeNotice(detail), { initialProps: { detail: first } });
  return { show, rerender: (detail: ReturnType<typeof caseDetail>) => hook.rerender({ detail }) };
}

describe('useCaseChangeNotice', () => {
  it("announces a newer version that someone else's change produced", () => {
    const { show, rerender } = renderNotice(caseDetail({ id: 901, version: 3, status: 'needs_review' }));
    expect(show).not.toHaveBeenCalled();
    rerender(caseDetail({ id: 901, version: 4, status: 'approved' }));
    expect(show).toHaveBeenCalledTimes(1);
    expect(show.mock.calls[0]?.[0]).toMatchObject({ title: 'This case was just updated' });
  });

  it("stays quiet when the newer version is the reviewer's own change, for every bump it causes", () => {
    const { show, rerender } = renderNotice(caseDetail({ id: 902, version: 3, status: 'needs_review' }));
    noteOwnChange(902);
    rerender(caseDetail({ id: 902, version: 4, status: 'needs_review' }));
    rerender(caseDetail({ id: 902, version: 5, status: 'approved' }));
    expect(show).not.toHaveBeenCalled();
  });

  it("still announces other cases' changes and an own change long past", () => {
    const { show, rerender } = renderNotice(caseDetail({ id: 903, version: 1 }));
    noteOwnChange(904);
    noteOwnChange(903, Date.now() - 60_000);
    rerender(caseDetail({ id: 903, version: 2 }));
    expect(show).toHaveBeenCalledTimes(1);
  });
});
