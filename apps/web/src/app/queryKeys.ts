import type { CaseActionStatus } from '@backoffice/contracts';
import type { AuditSearch, CaseListSearch } from '../api/endpoints';

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

export const actionKeys = {
  all: ['actions'] as const,
  inbox: (statuses: CaseActionStatus[]) => [...actionKeys.all, 'inbox', statuses] as const,
  reasonCodes: ['reason-codes'] as const,
  assignable: ['users', 'assignable'] as const,
};

export const auditKeys = {
  all: ['audit'] as const,
  list: (search: AuditSearch) => [...auditKeys.all, 'list', search] as const,
  verify: ['audit', 'verify'] as const,
};

export const settingsKeys = {
  fourEyes: ['settings', 'four-eyes'] as const,
  workflows: ['settings', 'workflows'] as const,
  dittoScores: ['settings', 'ditto-scores'] as const,
  whatIf: (scope: string, query: Record<string, unknown>) => ['settings', 'what-if', scope, query] as const,
  users: ['settings', 'users'] as const,
};
