import type {
  DiditThresholds,
  DiditWhatIfQuery,
  WhatIfResult,
  WhatIfSummary,
  WorkflowSettings,
} from '@backoffice/contracts';
import { diditScoreOutcome } from '@backoffice/providers/didit';
import type { ScoreCut } from '../../modules/whatif/repo';
import { type Replay, runWhatIf } from '../../modules/whatif/service';
import type { AppDeps } from '../../platform/deps';
import { assertThresholdOrder } from './threshold-order';
import { readWorkflowSettings } from './workflows-service';

type ThresholdKey = keyof DiditThresholds;
const THRESHOLD_KEYS: ThresholdKey[] = [
  'faceMatchDecline',
  'faceMatchReview',
  'livenessDecline',
  'amlDecline',
  'amlReview',
];

/** What the replay of Didit's score checks cannot see, said next to its numbers. */
const DIDIT_LIMITS = [
  'Replays only the score checks these thresholds drive (face match, liveness, AML review and decline) on the scores stored with each case.',
  'It cannot know Didit\'s other checks: document authenticity and expiry, blocklists, IP analysis, duplicates, or a decision made in Didit\'s console. A case those checks declined stays declined whatever the thresholds; "approve" here means "passes the score checks".',
  'Sessions with no stored score (not finished, or the checks did not run) are counted as unscored and never flip.',
];

export const thresholdsOf = (settings: WorkflowSettings): DiditThresholds =>
  Object.fromEntries(THRESHOLD_KEYS.map((key) => [key, settings[key]])) as DiditThresholds;

/** The thresholds with the proposal applied; a value not proposed stays as it is. */
export function proposedThresholds(
  current: DiditThresholds,
  proposal: Partial<DiditThresholds>,
): DiditThresholds {
  const next = { ...current };
  for (const key of THRESHOLD_KEYS) {
    const value = proposal[key];
    if (value !== undefined && value !== null) next[key] = value;
  }
  return next;
}

/** Every comparison `diditScoreOutcome` makes under these threshold sets ("AML at or above" is "not below"). */
function diditCuts(...sets: DiditThresholds[]): ScoreCut[] {
  const cuts: ScoreCut[] = [];
  for (const set of sets) {
    const add = (column: ScoreCut['column'], below: number | null) => {
      if (below !== null && !cuts.some((cut) => cut.column === column && cut.below === below)) {
        cuts.push({ column, below });
      }
    };
    add('face_match', set.faceMatchDecline);
    add('face_match', set.faceMatchReview);
    add('liveness', set.livenessDecline);
    add('aml', set.amlDecline);
    add('aml', set.amlReview);
  }
  return cuts;
}

export function diditReplay(current: DiditThresholds, proposed: DiditThresholds): Replay {
  return {
    cuts: diditCuts(current, proposed),
    outcomes: (scores) => ({
      current: diditScoreOutcome(scores, current),
      proposed: diditScoreOutcome(scores, proposed),
    }),
    inQueue: (outcome) => outcome === 'review',
    limits: DIDIT_LIMITS,
  };
}

const scopeOf = (settings: WorkflowSettings) => ({
  provider: 'didit',
  workflow: { id: settings.workflowId, includeUnassigned: settings.isDefault },
});

/** The proposal's effect on the window's stored Didit cases of this workflow, before anything is saved. */
export async function diditWhatIf(
  deps: AppDeps,
  workflowId: string,
  query: DiditWhatIfQuery,
): Promise<WhatIfResult> {
  const settings = await readWorkflowSettings(deps, workflowId);
  const current = thresholdsOf(settings);
  const proposed = proposedThresholds(current, query);
  assertThresholdOrder(proposed, query);
  return runWhatIf(
    deps.db,
    { scope: scopeOf(settings), days: query.days, after: query.after, now: deps.now() },
    diditReplay(current, proposed),
  );
}

/** The counts a threshold save records in its audit row: the same replay the admin saw before saving. */
export function diditSaveSummary(
  deps: AppDeps,
  before: WorkflowSettings,
  after: WorkflowSettings,
  days: number,
): WhatIfSummary {
  return runWhatIf(
    deps.db,
    { scope: scopeOf(before), days, now: deps.now() },
    diditReplay(thresholdsOf(before), thresholdsOf(after)),
  ).summary;
}
