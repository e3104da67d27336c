import {
  WHAT_IF_PAGE_SIZE,
  type WhatIfFlip,
  type WhatIfOutcome,
  type WhatIfResult,
  type WhatIfSummary,
} from '@backoffice/contracts';
import type { Db } from '@backoffice/db';
import { flipCases, type ScoreScope, type StoredScores, scoresInWindow } from './repo';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A provider's replay: the outcome of stored scores under the thresholds in force and under the proposal
 * (each computed by the same pure function ingestion or the provider applies), and which outcomes count as
 * "in the review queue" for the queue delta.
 */
export interface Replay {
  outcomes(scores: StoredScores): { current: WhatIfOutcome; proposed: WhatIfOutcome };
  inQueue(outcome: WhatIfOutcome): boolean;
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

/** Newest first, so "after the cursor" is an older (createdAt, caseId). */
function isAfter(row: StoredScores, cursor: [number, number] | null): boolean {
  if (!cursor) return true;
  return row.createdAt < cursor[0] || (row.createdAt === cursor[0] && row.caseId < cursor[1]);
}

/** Lists show a subject as initials only (no name in a list, docs/architecture.md). */
export function maskSubject(name: string | null): string | null {
  const words = name?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (words.length === 0) return null;
  return words.map((word) => `${word[0]!.toUpperCase()}.`).join(' ');
}

/**
 * Replays every stored case of the window once, counting outcome changes, and keeps only one page of
 * flips in memory: time is bounded by the window (an index range), memory by the page size.
 */
export function runWhatIf(db: Db, request: WhatIfRequest, replay: Replay): WhatIfResult {
  const fromMs = request.now - request.days * DAY_MS;
  const cursor = request.after ? (request.after.split('.').map(Number) as [number, number]) : null;
  const transitions = new Map<string, number>();
  let replayed = 0;
  let unscored = 0;
  let changed = 0;
  let reviewDelta = 0;
  const page: Array<{ row: StoredScores; from: WhatIfOutcome; to: WhatIfOutcome }> = [];
  let more = false;
  for (const row of scoresInWindow(db, { ...request.scope, fromMs })) {
    if (row.faceMatch === null && row.liveness === null && row.aml === null) {
      unscored += 1;
      continue;
    }
    replayed += 1;
    const { current, proposed } = replay.outcomes(row);
    if (current === proposed) continue;
    changed += 1;
    const key = `${current}>${proposed}`;
    transitions.set(key, (transitions.get(key) ?? 0) + 1);
    reviewDelta += Number(replay.inQueue(proposed)) - Number(replay.inQueue(current));
    if (!isAfter(row, cursor)) continue;
    if (page.length < WHAT_IF_PAGE_SIZE) page.push({ row, from: current, to: proposed });
    else more = true;
  }
  const cases = flipCases(
    db,
    page.map((flip) => flip.row.caseId),
  );
  const flips: WhatIfFlip[] = page.map(({ row, from, to }) => {
    const stored = cases.get(row.caseId);
    return {
      caseId: row.caseId,
      externalId: stored?.externalId ?? '',
      subjectMasked: maskSubject(stored?.subjectName ?? null),
      createdAt: new Date(row.createdAt).toISOString(),
      from,
      to,
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
    nextAfter: more && last ? cursorOf(last.row) : null,
    limits: replay.limits,
  };
}
