import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { diditReplay } from '../../providers/didit/workflows-whatif';
import { type Harness, startHarness } from '../../test/harness';
import { runWhatIf } from './service';

let h: Harness;
let workflowId: string;
const DAY = 24 * 60 * 60 * 1000;
const now = Date.now();

/** Baseline in force before every what-if of this file. */
const BASELINE = { faceMatchDecline: 50, faceMatchReview: 70, livenessDecline: 50, amlDecline: 80 };
/** The proposal: face match reviews below 80 and declines below 60. */
const PROPOSAL = { faceMatchDecline: 60, faceMatchReview: 80 };

let sequence = 0;
function storeDiditCase(
  scores: { face: number | null; liveness: number | null; aml: number | null },
  options: { daysAgo?: number; workflow?: string | null; name?: string } = {},
): number {
  sequence += 1;
  const at = now - (options.daysAgo ?? 1) * DAY - sequence * 1000;
  const payload = {
    session_id: `whatif-${sequence}`,
    status: 'Approved',
    ...(scores.face === null ? {} : { face_matches: [{ status: 'Approved', score: scores.face }] }),
    ...(scores.liveness === null
      ? {}
      : { liveness_checks: [{ status: 'Approved', score: scores.liveness }] }),
  };
  const result = h.api.deps.db.sqlite
    .prepare(
      `INSERT INTO cases (provider, kind, external_id, subject_name, status, provider_status, risk_score,
         workflow_id, created_at, updated_at, payload)
       VALUES ('didit', 'kyc_session', ?, ?, 'approved', 'Approved', ?, ?, ?, ?, ?)`,
    )
    .run(
      `whatif-${sequence}`,
      options.name ?? 'Jane Doe',
      scores.aml,
      options.workflow === undefined ? workflowId : options.workflow,
      at,
      at,
      JSON.stringify(payload),
    );
  return Number(result.lastInsertRowid);
}

const ids: Record<string, number> = {};

beforeAll(async () => {
  h = await startHarness();
  workflowId = (await h.sandbox('/_sandbox/didit')).body.default_workflow_id;
  const set = await h.call(`/api/workflows/${workflowId}`, {
    as: 'admin',
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BASELINE),
  });
  expect(set.status).toBe(200);
  // Twelve cases in the window, hand-counted against BASELINE → PROPOSAL:
  ids.a1 = storeDiditCase({ face: 75, liveness: 90, aml: 0 }); // approve → review
  ids.a2 = storeDiditCase({ face: 72, liveness: 90, aml: 10 }); // approve → review
  ids.a3 = storeDiditCase({ face: 79.5, liveness: 95, aml: null }); // approve → review
  ids.r1 = storeDiditCase({ face: 55, liveness: 90, aml: 0 }); // review → decline
  storeDiditCase({ face: 85, liveness: 90, aml: 0 }); // approve, unchanged
  storeDiditCase({ face: 90, liveness: 40, aml: 0 }); // decline (liveness), unchanged
  storeDiditCase({ face: 65, liveness: 90, aml: 0 }); // review, unchanged
  storeDiditCase({ face: 95, liveness: 95, aml: 85 }); // decline (AML), unchanged
  storeDiditCase({ face: 45, liveness: 90, aml: 0 }); // decline, unchanged
  storeDiditCase({ face: null, liveness: null, aml: null }); // unscored
  storeDiditCase({ face: 80, liveness: 90, aml: 0 }); // approve: 80 is not below 80
  storeDiditCase({ face: 88, liveness: 99, aml: 20 }, { workflow: null }); // no workflow: the default's
  // Would flip, but outside the 30-day window or of another workflow.
  ids.old = storeDiditCase({ face: 75, liveness: 90, aml: 0 }, { daysAgo: 40 });
  storeDiditCase({ face: 75, liveness: 90, aml: 0 }, { workflow: 'another-workflow' });
});
afterAll(async () => {
  await h?.close();
});

const whatIf = (query: Record<string, string | number>, as: 'admin' | 'manager' | 'analyst' = 'admin') =>
  h.call(
    `/api/workflows/${workflowId}/what-if?${new URLSearchParams(
      Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
    )}`,
    { as },
  );

describe('Didit threshold what-if', () => {
  it('counts the hand-counted flips of the last 30 days: 3 approve → review, 1 review → decline', async () => {
    const result = await whatIf(PROPOSAL);
    expect(result.status).toBe(200);
    expect(result.body.summary).toEqual({
      days: 30,
      replayed: 11,
      unscored: 1,
      changed: 4,
      reviewDelta: 2,
      transitions: expect.arrayContaining([
        { from: 'approve', to: 'review', count: 3 },
        { from: 'review', to: 'decline', count: 1 },
      ]),
    });
    expect(result.body.summary.transitions).toHaveLength(2);
    expect(result.body.flips.map((flip: { caseId: number }) => flip.caseId).sort()).toEqual(
      [ids.a1, ids.a2, ids.a3, ids.r1].sort(),
    );
    expect(result.body.flips.find((flip: { caseId: number }) => flip.caseId === ids.r1)).toMatchObject({
      from: 'review',
      to: 'decline',
      subjectMasked: 'J. D.',
      scores: { faceMatch: 55, liveness: 90, aml: 0 },
    });
    expect(JSON.stringify(result.body)).not.toContain('Jane');
    expect(result.body.nextAfter).toBeNull();
    expect(result.body.limits.join(' ')).toMatch(/document/);
  });

  it('widens to the chosen window: 60 days also replays the 40-day-old case', async () => {
    const result = await whatIf({ ...PROPOSAL, days: 60 });
    expect(result.status).toBe(200);
    expect(result.body.summary).toMatchObject({ days: 60, replayed: 12, changed: 5, reviewDelta: 3 });
    expect(result.body.flips.map((flip: { caseId: number }) => flip.caseId)).toContain(ids.old);
  });

  it('shows no change for the thresholds in force', async () => {
    const result = await whatIf({});
    expect(result.status).toBe(200);
    expect(result.body.summary).toMatchObject({ replayed: 11, changed: 0, reviewDelta: 0, transitions: [] });
  });

  it('refuses bad input with 400 invalid_request: a threshold out of range, N too large, decline above review', async () => {
    const bad: Record<string, string | number>[] = [
      { faceMatchReview: 101 },
      { amlDecline: -1 },
      { faceMatchReview: 'high' },
      { days: 91 },
      { days: 0 },
      { after: 'garbage' },
      { faceMatchDecline: 90 },
    ];
    for (const query of bad) {
      const result = await whatIf(query);
      expect(result.status, JSON.stringify(query)).toBe(400);
      expect(result.body.code).toBe('invalid_request');
    }
    const save = await h.call(`/api/workflows/${workflowId}?whatIfDays=365`, {
      as: 'admin',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faceMatchReview: 75 }),
    });
    expect(save.status).toBe(400);
    expect(save.body.code).toBe('invalid_request');
  });

  it('is for admins only: analysts and managers are refused', async () => {
    for (const role of ['analyst', 'manager'] as const) {
      expect((await whatIf(PROPOSAL, role)).status).toBe(403);
    }
  });

  it('records the what-if summary (counts only) in the audit row of the save, beside intent and outcome', async () => {
    const before = h.api.deps.db.sqlite.prepare('SELECT max(id) AS id FROM audit_log').get() as {
      id: number;
    };
    const save = await h.call(`/api/workflows/${workflowId}?whatIfDays=30`, {
      as: 'admin',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(PROPOSAL),
    });
    expect(save.status).toBe(200);
    const rows = h.api.deps.db.sqlite
      .prepare('SELECT action, after FROM audit_log WHERE id > ? ORDER BY id')
      .all(before.id) as { action: string; after: string }[];
    expect(rows.map((row) => row.action)).toEqual([
      'workflow.thresholds_change_requested',
      'workflow.thresholds_changed',
    ]);
    const applied = JSON.parse(rows[1]!.after);
    expect(applied).toMatchObject({ outcome: 'applied', faceMatchDecline: 60, faceMatchReview: 80 });
    expect(applied.whatIf).toEqual({
      days: 30,
      replayed: 11,
      unscored: 1,
      changed: 4,
      reviewDelta: 2,
      transitions: expect.arrayContaining([
        { from: 'approve', to: 'review', count: 3 },
        { from: 'review', to: 'decline', count: 1 },
      ]),
    });
    expect(rows[1]!.after).not.toMatch(/caseId|whatif-|Jane/);
    // The new values are now the baseline: replaying them again changes nothing.
    expect((await whatIf(PROPOSAL)).body.summary.changed).toBe(0);
  });
});

describe('AML review threshold what-if', () => {
  let amlWorkflow: string;
  const amlIds: Record<string, number> = {};
  beforeAll(async () => {
    // A workflow of its own (AML review 60, decline 90), so the fixture above keeps its counts.
    const created = await h.sandbox(
      '/v3/workflows/',
      { workflow_label: 'AML review what-if', aml_review_threshold: 60, aml_decline_threshold: 90 },
      'POST',
    );
    expect(created.status).toBe(201);
    amlWorkflow = created.body.uuid;
    const store = (aml: number | null, face = 95) =>
      storeDiditCase({ face, liveness: 95, aml }, { workflow: amlWorkflow });
    // Eight cases, hand-counted against review 60 → 40 and review 60 → 70 (decline stays 90):
    amlIds.at50 = store(50); // approve → review at 40; approve at 70
    amlIds.at45 = store(45); // approve → review at 40
    amlIds.at40 = store(40); // approve → review at 40 (at or above)
    amlIds.at65 = store(65); // review; → approve at 70
    store(30); // approve under both
    store(95); // decline (AML) under both
    store(null); // no AML score: approve under both
    store(50, 65); // review by face match under both
  });

  const amlWhatIf = (query: Record<string, number>) =>
    h.call(
      `/api/workflows/${amlWorkflow}/what-if?${new URLSearchParams(
        Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
      )}`,
      { as: 'admin' },
    );

  it("reads the workflow's AML review threshold and replays a lower one: 3 approve → review", async () => {
    const settings = await h.call('/api/workflows', { as: 'admin' });
    expect(
      settings.body.find((workflow: { workflowId: string }) => workflow.workflowId === amlWorkflow),
    ).toMatchObject({ amlReview: 60, amlDecline: 90 });
    const result = await amlWhatIf({ amlReview: 40 });
    expect(result.status).toBe(200);
    expect(result.body.summary).toMatchObject({
      replayed: 8,
      unscored: 0,
      changed: 3,
      reviewDelta: 3,
      transitions: [{ from: 'approve', to: 'review', count: 3 }],
    });
    expect(result.body.flips.map((flip: { caseId: number }) => flip.caseId).sort()).toEqual(
      [amlIds.at50, amlIds.at45, amlIds.at40].sort(),
    );
  });

  it('replays a higher one: the case at 65 leaves review', async () => {
    const result = await amlWhatIf({ amlReview: 70 });
    expect(result.body.summary).toMatchObject({
      changed: 1,
      reviewDelta: -1,
      transitions: [{ from: 'review', to: 'approve', count: 1 }],
    });
    expect(result.body.flips[0]).toMatchObject({ caseId: amlIds.at65, scores: { aml: 65 } });
  });

  it('refuses an AML review threshold above the decline threshold, in the what-if and on save', async () => {
    const result = await amlWhatIf({ amlReview: 95 });
    expect(result.status).toBe(400);
    expect(result.body.issues).toEqual([
      { path: 'amlReview', message: 'Review 95 would be above decline 90.' },
    ]);
    const save = await h.call(`/api/workflows/${amlWorkflow}`, {
      as: 'admin',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amlDecline: 50 }),
    });
    expect(save.status).toBe(400);
  });

  it('saves the AML review threshold to Didit with the what-if counts in the audit row', async () => {
    const before = h.api.deps.db.sqlite.prepare('SELECT max(id) AS id FROM audit_log').get() as {
      id: number;
    };
    const save = await h.call(`/api/workflows/${amlWorkflow}?whatIfDays=30`, {
      as: 'admin',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amlReview: 40 }),
    });
    expect(save.status).toBe(200);
    expect(save.body.amlReview).toBe(40);
    expect((await h.sandbox(`/v3/workflows/${amlWorkflow}/`)).body.aml_review_threshold).toBe(40);
    const applied = h.api.deps.db.sqlite
      .prepare("SELECT after FROM audit_log WHERE id > ? AND action = 'workflow.thresholds_changed'")
      .get(before.id) as { after: string };
    expect(JSON.parse(applied.after)).toMatchObject({
      outcome: 'applied',
      amlReview: 40,
      whatIf: { changed: 3, reviewDelta: 3 },
    });
  });
});

describe('what-if paging', () => {
  it('pages the flip table newest first with a keyset cursor, counting every flip once', () => {
    const insert = h.api.deps.db.sqlite.prepare(
      `INSERT INTO case_scores (case_id, provider, workflow_id, created_at, face_match, liveness, aml)
       VALUES (?, 'paging', NULL, ?, ?, NULL, NULL)`,
    );
    for (let i = 0; i < 120; i += 1) insert.run(1_000_000 + i, now - DAY + i * 1000, i % 2 === 0 ? 10 : 90);
    const replay = {
      cuts: [{ column: 'face_match' as const, below: 50 }],
      outcomes: (scores: { faceMatch: number | null }) => ({
        current: 'approve' as const,
        proposed: (scores.faceMatch ?? 0) < 50 ? ('review' as const) : ('approve' as const),
      }),
      inQueue: (outcome: string) => outcome === 'review',
      limits: [],
    };
    const seen: number[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = runWhatIf(h.api.deps.db, { scope: { provider: 'paging' }, days: 30, after, now }, replay);
      expect(page.summary).toMatchObject({ replayed: 120, changed: 60, reviewDelta: 60 });
      seen.push(...page.flips.map((flip) => flip.caseId));
      after = page.nextAfter ?? undefined;
      pages += 1;
    } while (after && pages < 5);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });
});

describe('what-if grouping', () => {
  it('counts exactly what replaying every case one by one counts (2,000 random cases, nulls included)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const maybe = (value: number) => (random() < 0.1 ? null : value);
    const insert = h.api.deps.db.sqlite.prepare(
      `INSERT INTO case_scores (case_id, provider, workflow_id, created_at, face_match, liveness, aml)
       VALUES (?, 'grouping', NULL, ?, ?, ?, ?)`,
    );
    const rows: { faceMatch: number | null; liveness: number | null; aml: number | null }[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const row = {
        faceMatch: maybe(Math.round(random() * 1000) / 10),
        liveness: maybe(Math.round(random() * 100)),
        aml: maybe(Math.round(random() * 100)),
      };
      rows.push(row);
      insert.run(2_000_000 + i, now - DAY + i, row.faceMatch, row.liveness, row.aml);
    }
    const current = {
      faceMatchDecline: 50,
      faceMatchReview: 70,
      livenessDecline: 50,
      amlDecline: 80,
      amlReview: null,
    };
    const proposed = {
      faceMatchDecline: 62,
      faceMatchReview: 70.5,
      livenessDecline: 45,
      amlDecline: 60,
      amlReview: 35,
    };
    const replay = diditReplay(current, proposed);
    const expected = new Map<string, number>();
    let replayed = 0;
    for (const row of rows) {
      if (row.faceMatch === null && row.liveness === null && row.aml === null) continue;
      replayed += 1;
      const { current: from, proposed: to } = replay.outcomes(row);
      if (from !== to) expected.set(`${from}>${to}`, (expected.get(`${from}>${to}`) ?? 0) + 1);
    }
    const { summary } = runWhatIf(h.api.deps.db, { scope: { provider: 'grouping' }, days: 30, now }, replay);
    expect(summary.replayed).toBe(replayed);
    expect(Object.fromEntries(summary.transitions.map((t) => [`${t.from}>${t.to}`, t.count]))).toEqual(
      Object.fromEntries(expected),
    );
  });
});

describe('what-if query plan', () => {
  it('reads the window and the flips of a Didit what-if as one range of the covering index case_scores_window', async () => {
    const { sqlite } = h.api.deps.db;
    const spy = vi.spyOn(sqlite, 'prepare');
    let texts: string[];
    try {
      const result = await whatIf({ faceMatchReview: 85, amlReview: 50, days: 90 });
      expect(result.status).toBe(200);
      expect(result.body.summary.changed).toBeGreaterThan(0);
      texts = spy.mock.calls
        .map(([text]) => String(text))
        .filter((text) => text.includes('FROM case_scores'));
    } finally {
      spy.mockRestore();
    }
    // The aggregate over the window, then the page of flips.
    expect(texts).toHaveLength(2);
    for (const text of texts) {
      const params = Array.from({ length: text.split('?').length - 1 }, () => 1);
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[]).map(
        (row) => row.detail,
      );
      expect(plan.join('\n')).toMatch(
        /SEARCH case_scores USING COVERING INDEX case_scores_window \(provider=\? AND created_at>\?\)/,
      );
      expect(plan.join('\n')).not.toMatch(/SCAN case_scores/);
    }
  });
});
