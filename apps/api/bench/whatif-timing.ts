/**
 * The threshold what-if timed through the real API, sequentially as an admin editing a threshold
 * would call it: each proposal the workflows page can make (a Didit face-match, liveness or AML
 * threshold; a Ditto minimum score) over the 30- and 90-day windows of the data set's stored scores.
 * Didit's replay reads the workflow in force from Didit, so the API under test talks to a Didit
 * sandbox whose default workflow owns the data set's Didit cases (they name no workflow).
 */
import type { WhatIfTiming } from './goals';
import { quantile, signInAs } from './sign-in';

const RUNS = 20;

interface Proposal {
  name: string;
  path: (workflowId: string) => string;
  query: Record<string, number>;
}

/** One move per kind of threshold, each away from the sandbox's defaults (face match 50 / 70, liveness 50, AML review 80 / decline 100). */
export const WHAT_IF_PROPOSALS: Proposal[] = [
  {
    name: 'face-match review 70 → 80',
    path: (id) => `/api/workflows/${id}/what-if`,
    query: { faceMatchReview: 80 },
  },
  {
    name: 'liveness decline 50 → 60',
    path: (id) => `/api/workflows/${id}/what-if`,
    query: { livenessDecline: 60 },
  },
  { name: 'AML review 80 → 70', path: (id) => `/api/workflows/${id}/what-if`, query: { amlReview: 70 } },
  {
    name: 'Ditto face-match minimum 80 → 90',
    path: () => '/api/settings/ditto-scores/what-if',
    query: { faceMatchMinPercent: 90 },
  },
];

export const WHAT_IF_WINDOWS = [30, 90] as const;

export async function timeWhatIf(url: string, diditWorkflowId: string): Promise<WhatIfTiming[]> {
  const cookie = await signInAs(url, 'admin');
  const results: WhatIfTiming[] = [];
  for (const proposal of WHAT_IF_PROPOSALS) {
    for (const days of WHAT_IF_WINDOWS) {
      const query = new URLSearchParams({ days: String(days) });
      for (const [key, value] of Object.entries(proposal.query)) query.set(key, String(value));
      const path = `${proposal.path(diditWorkflowId)}?${query}`;
      const timings: number[] = [];
      let non2xx = 0;
      let changed = 0;
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const response = await fetch(`${url}${path}`, { headers: { cookie } });
        const body = (await response.json()) as { summary?: { changed: number } };
        timings.push(performance.now() - started);
        if (response.status !== 200) non2xx += 1;
        else changed = body.summary?.changed ?? 0;
      }
      timings.sort((a, b) => a - b);
      const at = (p: number) => quantile(timings, p);
      results.push({ name: proposal.name, days, p50: at(0.5), p95: at(0.95), non2xx, changed });
      console.log(`  measured what-if, ${proposal.name}, ${days} days: p95 ${at(0.95).toFixed(0)} ms`);
    }
  }
  return results;
}
