import {
  WHAT_IF_PAGE_SIZE,
  type WhatIfFlip,
  type WhatIfOutcome,
  type WhatIfResult,
  type WhatIfSummary,
} from '@backoffice/contracts';
import type { Db } from '@backoffice/db';
import {
  casesInGroups,
  flipCases,
  type ScoreCut,
  type ScoreScope,
  type StoredScores,
  scoreGroups,
} from './repo';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A provider's replay: the outcome of stored scores under the thresholds in force and under the proposal
 * (each computed by the same pure function ingestion or the provider applies), which outcomes count as
 * "in the review queue" for the queue delta, and every comparison those outcomes make (`cuts`): cases
 * that compare alike on every cut get the same outcomes, which is what lets SQL count them in groups.
 */
export interface Replay {
  outcomes(scores: Omit<StoredScores, 'caseId' | 'createdAt'>): {
    current: WhatIfOutcome;
    proposed: WhatIfOutcome;
  };
  inQueue(outcome: WhatIfOutcome): boolean;
  cuts: ScoreCut[];
  limits: string[];
}

export interface WhatIfRequest {
  scope: Omit<ScoreScope, 'fromMs'>;
  days: number;
  /** `createdAt.caseId` of the last flip of the previous page. */
  after?: string | undefined;
  now: number;
}

const cursorOf = (row: StoredScores) => `${row.createdAt}.${row.caseId}`;

/** Lists show a subject as initials only (no name in a list, docs/architecture.md). */
export function maskSubject(name: string | null): string | null {
  const words = name?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (words.length === 0) return null;
  return words.map((word) => `${word[0]!.toUpperCase()}.`).join(' ');
}

/**
 * Replays the window in two bounded queries: one aggregate counts the cases per combination of cut
 * results and the replay decides each combination once (so the counts cost an index range, not a
 * replay per case); then one page of the cases in the combinations that flip, newest first.
 */
export function runWhatIf(db: Db, request: WhatIfRequest, replay: Replay): WhatIfResult {
  const fromMs = request.now - request.days * DAY_MS;
  const scope: ScoreScope = { ...request.scope, fromMs };
  const cursor = request.after ? (request.after.split('.').map(Number) as [number, number]) : null;
  const transitions = new Map<string, number>();
  let replayed = 0;
  let unscored = 0;
  let changed = 0;
  let reviewDelta = 0;
  const flipping: number[][] = [];
  for (const group of scoreGroups(db, scope, replay.cuts)) {
    if (group.unscored) {
      unscored += group.count;
      continue;
    }
    replayed += group.count;
    const { current, proposed } = replay.outcomes(group.representative);
    if (current === proposed) continue;
    changed += group.count;
    const key = `${current}>${proposed}`;
    transitions.set(key, (transitions.get(key) ?? 0) + group.count);
    reviewDelta += group.count * (Number(replay.inQueue(proposed)) - Number(replay.inQueue(current)));
    flipping.push(group.key);
  }
  const rows = casesInGroups(db, scope, replay.cuts, flipping, cursor, WHAT_IF_PAGE_SIZE);
  const page = rows.slice(0, WHAT_IF_PAGE_SIZE);
  const cases = flipCases(
    db,
    page.map((row) => row.caseId),
  );
  const flips: WhatIfFlip[] = page.map((row) => {
    const { current, proposed } = replay.outcomes(row);
    const stored = cases.get(row.caseId);
    return {
      caseId: row.caseId,
      externalId: stored?.externalId ?? '',
      subjectMasked: maskSubject(stored?.subjectName ?? null),
      createdAt: new Date(row.createdAt).toISOString(),
      from: current,
      to: proposed,
      scores: { faceMatch: row.faceMatch, liveness: row.liveness, aml: row.aml },
    };
  });
  const summary: WhatIfSummary = {
    days: request.days,
    replayed,
    unscored,
    changed,
    reviewDelta,
    transitions: [...transitions].map(([key, count]) => {
      const [from, to] = key.split('>') as [WhatIfOutcome, WhatIfOutcome];
      return { from, to, count };
    }),
  };
  const last = page.at(-1);
  return {
    summary,
    from: new Date(fromMs).toISOString(),
    to: new Date(request.now).toISOString(),
    flips,
    nextAfter: rows.length > WHAT_IF_PAGE_SIZE && last ? cursorOf(last) : null,
    limits: replay.limits,
  };
}
