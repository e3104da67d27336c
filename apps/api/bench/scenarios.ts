/**
 * The queue scenarios `pnpm bench` measures, as paths both the API and the ceiling answer
 * (./ceiling-process.ts). Terms come from the data set itself, so "rare" and "common" stay true
 * whatever its size.
 */
import type { ScenarioGroup } from './goals';

export interface ScenarioTerms {
  rare: string[];
  rareCount: number;
  commonCount: number;
  externalId: string;
  subjectRef: string;
  documentNumber: string;
  /** A tag on about a tenth of the cases, and one on about a thousandth. */
  commonTagId: number;
  rareTagId: number;
  /** A reviewer holding about a tenth of the cases in review. */
  assigneeId: string;
}

export interface Scenario {
  name: string;
  group: ScenarioGroup;
  /** A path, or (deep pages) a function that walks there first and returns it. */
  path: string | (() => Promise<string>);
}

const q = (text: string) => `/api/cases?q=${encodeURIComponent(text)}`;
export const REVIEW = '/api/cases?status=needs_review';

export function queueScenarios(terms: ScenarioTerms, deepCursor: () => Promise<string>): Scenario[] {
  return [
    { name: 'default view (needs review, newest first)', group: 'headline', path: REVIEW },
    {
      name: 'risk sort (needs review, highest first)',
      group: 'headline',
      path: `${REVIEW}&sort=riskScore&order=desc`,
    },
    { name: 'filter: provider', group: 'filter', path: `${REVIEW}&provider=kryptogo` },
    { name: 'filter: kind', group: 'filter', path: `${REVIEW}&kind=dd_task,kya_task` },
    { name: 'filter: risk band', group: 'filter', path: `${REVIEW}&riskBand=high,very_high` },
    { name: 'filter: created date range', group: 'filter', path: `${REVIEW}&from=2026-03-01&to=2026-03-31` },
    { name: 'filter: two statuses', group: 'filter', path: '/api/cases?status=rejected,expired' },
    {
      name: 'filter: assignee, a named person',
      group: 'filter',
      path: `${REVIEW}&assignee=${terms.assigneeId}`,
    },
    { name: 'filter: assignee, mine (none assigned)', group: 'filter', path: `${REVIEW}&assignee=me` },
    { name: 'filter: unassigned', group: 'filter', path: `${REVIEW}&assignee=unassigned` },
    { name: 'filter: overdue', group: 'filter', path: `${REVIEW}&overdue=true` },
    {
      name: 'due-time sort (needs review, soonest first)',
      group: 'filter',
      path: `${REVIEW}&sort=dueAt&order=asc`,
    },
    { name: 'filter: tag on many cases', group: 'filter', path: `${REVIEW}&tag=${terms.commonTagId}` },
    { name: 'filter: tag on few cases', group: 'filter', path: `${REVIEW}&tag=${terms.rareTagId}` },
    { name: 'all statuses, updated first', group: 'filter', path: '/api/cases?sort=updatedAt' },
    { name: 'approved, page one', group: 'page-one', path: '/api/cases?status=approved' },
    { name: 'approved, page 200 (keyset cursor)', group: 'deep-cursor', path: deepCursor },
    { name: 'identifier: document number', group: 'identifier', path: q(terms.documentNumber) },
    { name: 'identifier: customer reference', group: 'identifier', path: q(terms.subjectRef) },
    { name: 'identifier: provider session id', group: 'identifier', path: q(terms.externalId) },
    { name: `name: 1 common word (${terms.commonCount} cases)`, group: 'name', path: q('maria') },
    { name: `name: 1 rare word (${terms.rareCount} cases)`, group: 'name', path: q(terms.rare[1]!) },
    { name: 'name: 1 letter', group: 'name', path: q('m') },
    { name: 'name: 2-letter prefix', group: 'name', path: q('ma') },
    { name: 'name: 2 common words', group: 'name', path: q('maria garcia') },
    { name: 'name: 2 prefixes', group: 'name', path: q('mar gar') },
    { name: 'name: 2 words, rare surname', group: 'name', path: q(terms.rare.join(' ')) },
    { name: 'name: 3 words with diacritics', group: 'name', path: q('María José García') },
    { name: 'name: 2 Cyrillic words', group: 'name', path: q('Иван Иванов') },
    { name: 'name: Greek word', group: 'name', path: q('Μαρία') },
    { name: 'name: CJK family name', group: 'name', path: q('王') },
    { name: 'name: 2 Arabic words', group: 'name', path: q('محمد حداد') },
  ];
}
