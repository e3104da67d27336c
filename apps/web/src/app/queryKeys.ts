import type { CaseListSearch } from '../api/endpoints';

/** One hierarchy so a change event can invalidate "every list" or "one case" precisely. */
export const caseKeys = {
  all: ['cases'] as const,
  lists: () => [...caseKeys.all, 'list'] as const,
  list: (search: CaseListSearch) => [...caseKeys.lists(), search] as const,
  details: () => [...caseKeys.all, 'detail'] as const,
  detail: (id: number) => [...caseKeys.details(), id] as const,
};

export const systemKeys = {
  health: ['health'] as const,
};

export const authKeys = {
  me: ['auth', 'me'] as const,
};
