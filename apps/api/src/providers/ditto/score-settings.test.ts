import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKycPayload } from '../../../../sandbox/src/ditto/scenarios';
import { type Harness, startHarness } from '../../test/harness';

const CLIENT_ID = 'ditto-idv-server';
const CLIENT_SECRET = 'ditto-score-settings-secret-0123456789';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    env: {
      DITTO_CLIENT_ID: CLIENT_ID,
      DITTO_CLIENT_SECRET: CLIENT_SECRET,
      DITTO_FACE_MATCH_MIN_PERCENT: '80',
      DITTO_LIVENESS_MIN_SCORE: '90',
    },
  });
});
afterAll(async () => {
  await h?.close();
});

/** Pushes a good-document submission with these biometric scores; returns its case id. */
async function push(scores: { facePercent?: number; faceScore?: number; liveness: number }): Promise<number> {
  const tokenResponse = await fetch(`${h.apiUrl}/ditto/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    }).toString(),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const payload = buildKycPayload('good_document');
  payload.kyc_info.liveness_check.video.liveness_result.score = scores.liveness;
  const face: Record<string, number> = {};
  if (scores.facePercent !== undefined) face.score_percent = scores.facePercent;
  if (scores.faceScore !== undefined) face.score = scores.faceScore;
  (payload.kyc_info as Record<string, unknown>).face_matcher_result = face;
  const response = await fetch(`${h.apiUrl}/ditto/kyc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', apiversion: 'v2', authorization: `Bearer ${token}` },
    body: JSON.stringify(payload),
  });
  expect(response.status).toBe(200);
  const row = h.api.deps.db.sqlite
    .prepare("SELECT id FROM cases WHERE provider = 'ditto' AND external_id = ?")
    .get(payload.request_info.requester_id) as { id: number };
  return row.id;
}

const riskOf = (id: number) =>
  (
    h.api.deps.db.sqlite.prepare('SELECT risk_score AS risk FROM cases WHERE id = ?').get(id) as {
      risk: number;
    }
  ).risk;

const save = (body: unknown, as: 'admin' | 'manager' | 'analyst' = 'admin', query = '') =>
  h.call(`/api/settings/ditto-scores${query}`, {
    as,
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const ids: Record<string, number> = {};

describe('Ditto minimum scores as admin settings', () => {
  it('starts from the environment on first start', async () => {
    const settings = await h.call('/api/settings/ditto-scores', { as: 'admin' });
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({ faceMatchMinPercent: 80, livenessMinScore: 90 });
  });

  it('replays stored scores: raising the face-match minimum to 85 flags exactly the two submissions at 82 and 84', async () => {
    ids.clean = await push({ facePercent: 93, liveness: 100 });
    ids.at82 = await push({ facePercent: 82, liveness: 100 });
    // Only the 0–1 score: stored scaled to 84, as ingestion reads it.
    ids.at84 = await push({ faceScore: 0.84, liveness: 95 });
    ids.lowLiveness = await push({ facePercent: 93, liveness: 12 });
    expect(riskOf(ids.at82)).toBe(0);

    const result = await h.call('/api/settings/ditto-scores/what-if?faceMatchMinPercent=85&days=30', {
      as: 'admin',
    });
    expect(result.status).toBe(200);
    expect(result.body.summary).toEqual({
      days: 30,
      replayed: 4,
      unscored: 0,
      changed: 2,
      reviewDelta: 2,
      transitions: [{ from: 'clear', to: 'flagged', count: 2 }],
    });
    expect(result.body.flips.map((flip: { caseId: number }) => flip.caseId).sort()).toEqual(
      [ids.at82, ids.at84].sort(),
    );
    const at84 = result.body.flips.find((flip: { caseId: number }) => flip.caseId === ids.at84);
    expect(at84.scores.faceMatch).toBeCloseTo(84);
    // The masked subject only: the scenario's person is John Sample.
    expect(at84.subjectMasked).toBe('J. S.');
    expect(JSON.stringify(result.body)).not.toMatch(/John|Sample|PA9992592/);
    expect(result.body.limits.join(' ')).toMatch(/reviewed by a person/);
  });

  it('audits the change old → new with the what-if counts in the same transaction, and ingestion uses the new value', async () => {
    const before = (
      h.api.deps.db.sqlite.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }
    ).id;
    const saved = await save({ faceMatchMinPercent: 85 }, 'admin', '?whatIfDays=30');
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ faceMatchMinPercent: 85, livenessMinScore: 90 });
    const rows = h.api.deps.db.sqlite
      .prepare('SELECT action, actor_role, provider, before, after FROM audit_log WHERE id > ? ORDER BY id')
      .all(before) as {
      action: string;
      actor_role: string;
      provider: string;
      before: string;
      after: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'settings.ditto_scores_changed',
      actor_role: 'admin',
      provider: 'ditto',
    });
    expect(JSON.parse(rows[0]!.before)).toEqual({ faceMatchMinPercent: 80, livenessMinScore: 90 });
    expect(JSON.parse(rows[0]!.after)).toEqual({
      faceMatchMinPercent: 85,
      livenessMinScore: 90,
      whatIf: {
        days: 30,
        replayed: 4,
        unscored: 0,
        changed: 2,
        reviewDelta: 2,
        transitions: [{ from: 'clear', to: 'flagged', count: 2 }],
      },
    });

    const after = await push({ facePercent: 82, liveness: 100 });
    expect(riskOf(after)).toBe(50);
    const created = h.api.deps.db.sqlite
      .prepare("SELECT reason FROM audit_log WHERE case_id = ? AND action = 'case.created'")
      .get(after) as { reason: string };
    expect(created.reason).toContain('face_match_below_threshold');
    // The same request again changes and audits nothing.
    const count = h.api.deps.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    expect((await save({ faceMatchMinPercent: 85 })).status).toBe(200);
    expect(h.api.deps.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(count);
  });

  it('keeps the admin value across a restart: the environment only seeds', async () => {
    await h.restart();
    const settings = await h.call('/api/settings/ditto-scores', { as: 'admin' });
    expect(settings.body).toEqual({ faceMatchMinPercent: 85, livenessMinScore: 90 });
  });

  it('refuses bad input with 400 invalid_request', async () => {
    for (const body of [
      {},
      { faceMatchMinPercent: 101 },
      { livenessMinScore: -5 },
      { livenessMinScore: 'x' },
    ]) {
      const result = await save(body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.body.code).toBe('invalid_request');
    }
    const tooLong = await save({ livenessMinScore: 80 }, 'admin', '?whatIfDays=91');
    expect(tooLong.status).toBe(400);
    for (const query of ['days=500', 'faceMatchMinPercent=120', 'livenessMinScore=abc']) {
      const result = await h.call(`/api/settings/ditto-scores/what-if?${query}`, { as: 'admin' });
      expect(result.status, query).toBe(400);
      expect(result.body.code).toBe('invalid_request');
    }
    expect((await h.call('/api/settings/ditto-scores', { as: 'admin' })).body.livenessMinScore).toBe(90);
  });

  it('is for admins only: analysts and managers are refused and nothing changes', async () => {
    for (const role of ['analyst', 'manager'] as const) {
      expect((await h.call('/api/settings/ditto-scores', { as: role })).status).toBe(403);
      expect((await h.call('/api/settings/ditto-scores/what-if', { as: role })).status).toBe(403);
      expect((await save({ livenessMinScore: 10 }, role)).status).toBe(403);
    }
    expect((await h.call('/api/settings/ditto-scores', { as: 'admin' })).body.livenessMinScore).toBe(90);
  });
});
