import { randomUUID } from 'node:crypto';
import { qaItems, users, verifyAuditChain, writeTransaction } from '@backoffice/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKycPayload } from '../../../../sandbox/src/ditto/scenarios';
import { type Harness, startHarness } from '../../test/harness';
import { samplingPoint } from './sampling';
import { QA_SAMPLER_LAG_MS } from './service';

const DITTO_CLIENT = 'ditto-idv-server';
const DITTO_SECRET = `secret_${randomUUID().replaceAll('-', '')}`;

let h: Harness;
/** Real time plus what the tests add, so closures get older than the sampler's lag without waiting. */
let offset = 0;
const clock = () => Date.now() + offset;

beforeAll(async () => {
  h = await startHarness({
    now: clock,
    env: {
      DITTO_CLIENT_ID: DITTO_CLIENT,
      DITTO_CLIENT_SECRET: DITTO_SECRET,
      QA_SAMPLER_INTERVAL_SECONDS: '0',
    },
  });
});
afterAll(async () => {
  await h?.close();
});

const sql = <T>(query: string, ...params: unknown[]) =>
  h.api.deps.db.sqlite.prepare(query).all(...params) as T[];
const userId = (email: string) =>
  h.api.deps.db.orm.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** A submission pushed the way Ditto's server does it (the sandbox's payload): token, then the KYC body. */
async function dittoCase(scenario: 'good_document' | 'face_mismatch' = 'good_document') {
  const token = await fetch(`${h.apiUrl}/ditto/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DITTO_CLIENT,
      client_secret: DITTO_SECRET,
    }).toString(),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  const requesterId = randomUUID();
  const pushed = await fetch(`${h.apiUrl}/ditto/kyc`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      apiversion: 'v2',
      authorization: `Bearer ${access_token}`,
    },
    body: JSON.stringify(buildKycPayload(scenario, { requesterId })),
  });
  expect(pushed.status).toBe(200);
  return sql<{ id: number }>(
    "SELECT id FROM cases WHERE provider = 'ditto' AND external_id = ?",
    requesterId,
  )[0]!.id;
}

type Role = 'analyst' | 'analyst2' | 'manager' | 'admin';
async function act(id: number, type: 'approve' | 'decline', as: Role) {
  const detail = await h.call(`/api/cases/${id}`, { as });
  const response = await h.call(
    `/api/cases/${id}/actions`,
    json(
      'POST',
      { type, reasonCode: type === 'approve' ? 'documents_verified' : 'document_forged' },
      { 'if-match': String(detail.body.version), 'idempotency-key': randomUUID() },
    ),
  );
  return { ...response, as };
}
async function decideAs(id: number, type: 'approve' | 'decline', as: Role) {
  const detail = await h.call(`/api/cases/${id}`, { as });
  const response = await h.call(`/api/cases/${id}/actions`, {
    as,
    ...json(
      'POST',
      { type, reasonCode: type === 'approve' ? 'documents_verified' : 'document_forged' },
      { 'if-match': String(detail.body.version), 'idempotency-key': randomUUID() },
    ),
  });
  expect(response.status).toBe(202);
  return response.body.action as { id: number; status: string };
}
const secondPerson = (actionId: number, as: Role | null, cookie?: string) =>
  cookie
    ? fetch(`${h.apiUrl}/api/actions/${actionId}/decision`, {
        ...json('POST', { decision: 'approve' }, { cookie, origin: h.apiUrl }),
      }).then((r) => r.status)
    : h
        .call(`/api/actions/${actionId}/decision`, { as, ...json('POST', { decision: 'approve' }) })
        .then((r) => r.status);

const setSampling = (body: unknown, as: Role = 'manager') =>
  h.call('/api/qa/settings', { as, ...json('PUT', body) });
/** Moves the clock past the sampler's lag and runs it on demand. */
async function runSampler(as: Role = 'manager') {
  offset += QA_SAMPLER_LAG_MS + 1_000;
  const run = await h.call('/api/qa/sampler/run', { as, ...json('POST', {}) });
  expect(run.status).toBe(200);
  return run.body as { scanned: number; sampled: number };
}
const itemsOf = (caseId: number) =>
  sql<{ id: number; reasons: string; decided_by: string | null; status: string }>(
    'SELECT id, reasons, decided_by, status FROM qa_items WHERE case_id = ? ORDER BY id',
    caseId,
  );
const outcome = (id: number, body: unknown, as: Role | { cookie: string }, key = randomUUID()) =>
  typeof as === 'string'
    ? h.call(`/api/qa/items/${id}/outcome`, { as, ...json('POST', body, { 'idempotency-key': key }) })
    : fetch(`${h.apiUrl}/api/qa/items/${id}/outcome`, {
        ...json('POST', body, { cookie: as.cookie, origin: h.apiUrl, 'idempotency-key': key }),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
const AGREE = { outcome: 'agree', reasonCode: 'decision_correct' };
const OFF = { rules: [], everyReversal: false, everyHighRiskApproval: false };

/** A second manager, for paths where the demo manager took part in the decision. */
async function secondManagerCookie() {
  const email = `qa.manager.${randomUUID().slice(0, 8)}@example.com`;
  const password = 'a long enough passphrase';
  const created = await h.call('/api/users', {
    as: 'admin',
    ...json('POST', { email, name: 'Quinn QA Manager', role: 'manager', password }),
  });
  expect(created.status).toBe(201);
  const login = await fetch(`${h.apiUrl}/api/auth/login`, json('POST', { email, password }));
  return login.headers.get('set-cookie')!.split(';')[0]!;
}

describe('QA sampling of closed cases', () => {
  it('samples a provider decision and our own at the configured rates, deterministically, and a rerun samples nothing twice', async () => {
    // Bring the watermark up to now so earlier tests' cases do not count.
    expect((await setSampling(OFF)).status).toBe(200);
    await runSampler();

    // Didit decides this session itself (the sandbox's approve scenario): sampled by a 100 % rule.
    const session = await h.sandbox('/_sandbox/didit/sessions', { scenario: 'approve' });
    expect(session.status).toBe(201);
    const diditId = sql<{ id: number; status: string }>(
      "SELECT id, status FROM cases WHERE provider = 'didit' AND external_id = ?",
      session.body.sessions[0].session_id,
    )[0]!;
    expect(diditId.status).toBe('approved');

    const dittoIds: number[] = [];
    for (let i = 0; i < 20; i++) {
      const id = await dittoCase();
      expect((await act(id, i % 2 === 0 ? 'approve' : 'decline', 'analyst')).status).toBe(202);
      dittoIds.push(id);
    }
    const saved = await setSampling({
      rules: [
        { provider: 'ditto', kind: 'kyc_submission', ratePercent: 50 },
        { provider: 'didit', kind: 'kyc_session', ratePercent: 100 },
        { provider: 'kryptogo', kind: 'dd_task', ratePercent: 0 },
      ],
      everyReversal: false,
      everyHighRiskApproval: false,
    });
    expect(saved.status).toBe(200);
    const changed = sql<{ actor_role: string; after: string }>(
      "SELECT actor_role, after FROM audit_log WHERE action = 'qa.settings_changed' ORDER BY id DESC LIMIT 1",
    )[0]!;
    expect(changed.actor_role).toBe('manager');
    expect(JSON.parse(changed.after).rules).toHaveLength(3);

    const run = await runSampler();
    expect(run.scanned).toBe(21);
    // Exactly the closures whose sampling point falls under 50 %, from the stored decision times.
    const expected = sql<{ id: number; decided_at: number }>(
      `SELECT id, decided_at FROM cases WHERE id IN (${dittoIds.join(',')})`,
    )
      .filter((row) => samplingPoint(row.id, row.decided_at) < 5_000)
      .map((row) => row.id)
      .sort((a, b) => a - b);
    const sampledDitto = sql<{ case_id: number }>(
      `SELECT case_id FROM qa_items WHERE provider = 'ditto' AND case_id IN (${dittoIds.join(',')}) ORDER BY case_id`,
    ).map((row) => row.case_id);
    expect(sampledDitto).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(20);
    expect(run.sampled).toBe(expected.length + 1);
    const diditItem = itemsOf(diditId.id);
    expect(diditItem).toHaveLength(1);
    expect(diditItem[0]).toMatchObject({ reasons: '["rate"]', decided_by: null, status: 'open' });
    for (const id of expected) expect(itemsOf(id)[0]!.decided_by).toBe(userId('analyst@demo.local'));
    const sampledAudit = sql<{ case_id: number; actor_role: string; after: string }>(
      "SELECT case_id, actor_role, after FROM audit_log WHERE action = 'qa.sampled' AND case_id = ?",
      diditId.id,
    );
    expect(sampledAudit).toHaveLength(1);
    expect(JSON.parse(sampledAudit[0]!.after)).toMatchObject({
      qaItemId: diditItem[0]!.id,
      reasons: ['rate'],
    });

    // A rerun, and even a lost watermark, sample nothing twice.
    const countItems = () => sql<{ n: number }>('SELECT count(*) AS n FROM qa_items')[0]!.n;
    const countAudit = () =>
      sql<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'qa.sampled'")[0]!.n;
    const [items, audits] = [countItems(), countAudit()];
    expect((await runSampler()).sampled).toBe(0);
    h.api.deps.db.sqlite.prepare("DELETE FROM sync_state WHERE key = 'qa.sampler.watermark'").run();
    const replay = await runSampler();
    expect(replay.scanned).toBeGreaterThanOrEqual(21);
    expect(replay.sampled).toBe(0);
    expect([countItems(), countAudit()]).toEqual([items, audits]);

    const list = await h.call('/api/qa/items?provider=didit&status=open', { as: 'manager' });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { caseId: number }) => i.caseId)).toContain(diditId.id);
    expect(list.body.items.find((i: { caseId: number }) => i.caseId === diditId.id)).toMatchObject({
      decidedBy: null,
      reasons: ['rate'],
      youTookPart: false,
    });
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });

  it('samples every reversal and every high-risk approval when switched on, and nothing else at rate 0', async () => {
    expect((await setSampling({ ...OFF, everyReversal: true, everyHighRiskApproval: true })).status).toBe(
      200,
    );
    const plain = await dittoCase();
    const reversed = await dittoCase();
    const risky = await dittoCase('face_mismatch');
    // Fixture: a high-risk submission (the Ditto sandbox's scenarios stay below 75 on their own).
    h.api.deps.db.sqlite
      .prepare("UPDATE cases SET risk_score = 80, risk_band = 'high' WHERE id = ?")
      .run(risky);
    await decideAs(plain, 'approve', 'analyst');
    await decideAs(reversed, 'approve', 'analyst');
    await decideAs(risky, 'approve', 'analyst');
    await runSampler();
    expect(itemsOf(plain)).toHaveLength(0);
    expect(itemsOf(reversed)).toHaveLength(0);
    expect(itemsOf(risky).map((i) => JSON.parse(i.reasons))).toEqual([['high_risk_approval']]);

    // The reversal is a new closure of the case: sampled as such, attributed to who asked for it.
    const reversal = await decideAs(reversed, 'decline', 'manager');
    expect(reversal.status).toBe('awaiting_approval');
    expect(await secondPerson(reversal.id, 'admin')).toBe(200);
    await runSampler();
    const items = itemsOf(reversed);
    expect(items.map((i) => JSON.parse(i.reasons))).toEqual([['reversal']]);
    expect(items[0]!.decided_by).toBe(userId('manager@demo.local'));
  });

  it('never lets anyone who took part in the decision record the QA outcome', async () => {
    expect((await setSampling({ ...OFF, everyReversal: true, everyHighRiskApproval: true })).status).toBe(
      200,
    );
    const highRisk = async () => {
      const id = await dittoCase();
      h.api.deps.db.sqlite
        .prepare("UPDATE cases SET risk_score = 90, risk_band = 'high' WHERE id = ?")
        .run(id);
      return id;
    };
    // 1. The decider: the manager approved alone.
    const own = await highRisk();
    await decideAs(own, 'approve', 'manager');
    // 2. A four-eyes pair: the analyst asks, the manager is the second person.
    const fourEyes = await h.call('/api/settings/four-eyes', {
      as: 'admin',
      ...json('PUT', { actions: ['blocklist', 'approve'], reversals: true, riskScoreAtLeast: null }),
    });
    expect(fourEyes.status).toBe(200);
    const pair = await highRisk();
    const paired = await decideAs(pair, 'approve', 'analyst');
    expect(paired.status).toBe('awaiting_approval');
    expect(await secondPerson(paired.id, 'manager')).toBe(200);
    // 3. A manager who let a reversal through: analyst2 approved, the analyst asked to decline, the manager approved.
    const reversal = await highRisk();
    expect(await secondPerson((await decideAs(reversal, 'approve', 'analyst2')).id, 'admin')).toBe(200);
    const decline = await decideAs(reversal, 'decline', 'analyst');
    expect(decline.status).toBe('awaiting_approval');
    expect(await secondPerson(decline.id, 'manager')).toBe(200);
    await h.call('/api/settings/four-eyes', {
      as: 'admin',
      ...json('PUT', { actions: ['blocklist'], reversals: true, riskScoreAtLeast: null }),
    });
    await runSampler();

    const [ownItem] = itemsOf(own);
    const [pairItem] = itemsOf(pair);
    const reversalItem = itemsOf(reversal).at(-1)!;
    expect(JSON.parse(reversalItem.reasons)).toEqual(['reversal']);
    const list = await h.call('/api/qa/items?status=open', { as: 'manager' });
    for (const item of [ownItem!, pairItem!, reversalItem]) {
      expect(list.body.items.find((i: { id: number }) => i.id === item.id).youTookPart).toBe(true);
      const refused = await outcome(item.id, AGREE, 'manager');
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('qa_own_decision');
      expect(
        itemsOf(item.id === ownItem!.id ? own : item.id === pairItem!.id ? pair : reversal).at(-1)!.status,
      ).toBe('open');
    }
    // The admin approved the first decision of the reversed case: out too.
    expect((await outcome(reversalItem.id, AGREE, 'admin')).body.code).toBe('qa_own_decision');
    // Analysts are not second-line reviewers at all.
    expect((await outcome(pairItem!.id, AGREE, 'analyst2')).status).toBe(403);
    expect(sql("SELECT id FROM audit_log WHERE action = 'qa.outcome_recorded'")).toHaveLength(0);

    // Someone who took no part may: the admin on the first two, a second manager on the reversal.
    expect((await outcome(ownItem!.id, AGREE, 'admin')).status).toBe(200);
    expect((await outcome(pairItem!.id, AGREE, 'admin')).status).toBe(200);
    const other = await secondManagerCookie();
    const done = await outcome(reversalItem.id, AGREE, { cookie: other });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'agreed', reasonCode: 'decision_correct', youTookPart: false });
  });

  it('a disagreement flags the case with the QA item, audits both in one go, keeps the note out of the audit log', async () => {
    expect((await setSampling({ ...OFF, everyHighRiskApproval: true })).status).toBe(200);
    const id = await dittoCase();
    h.api.deps.db.sqlite.prepare("UPDATE cases SET risk_score = 85, risk_band = 'high' WHERE id = ?").run(id);
    await decideAs(id, 'approve', 'analyst');
    await runSampler();
    const [item] = itemsOf(id);
    const versionBefore = sql<{ version: number }>('SELECT version FROM cases WHERE id = ?', id)[0]!.version;

    const canary = 'Canary-Note-7f3e: spoke to Jane Roe';
    const body = { outcome: 'disagree', reasonCode: 'insufficient_evidence', note: canary };
    const key = randomUUID();
    const recorded = await outcome(item!.id, body, 'manager', key);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ status: 'disagreed', followUpFlagged: true, note: canary });
    const replay = await outcome(item!.id, body, 'manager', key);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(recorded.body);
    expect((await outcome(item!.id, { ...body, note: 'else' }, 'manager', key)).status).toBe(422);
    expect((await outcome(item!.id, AGREE, 'admin')).status).toBe(409);

    const detail = await h.call(`/api/cases/${id}`, { as: 'manager' });
    expect(detail.body.flag).toMatchObject({
      kind: 'qa_disagreement',
      detail: `QA item ${item!.id}: insufficient_evidence`,
    });
    expect(detail.body.version).toBe(versionBefore + 1);
    const trail = sql<{ action: string; actor_role: string; request_id: string; after: string }>(
      "SELECT action, actor_role, request_id, after FROM audit_log WHERE case_id = ? AND action IN ('qa.outcome_recorded', 'case.flagged') ORDER BY id",
      id,
    );
    expect(trail.map((r) => r.action)).toEqual(['qa.outcome_recorded', 'case.flagged']);
    expect(trail[0]!.request_id).toBe(trail[1]!.request_id);
    expect(JSON.parse(trail[0]!.after)).toMatchObject({
      qaItemId: item!.id,
      status: 'disagreed',
      reasonCode: 'insufficient_evidence',
      noteLength: canary.length,
      followUpFlagged: true,
    });
    expect(
      sql(
        'SELECT id FROM audit_log WHERE after LIKE ? OR before LIKE ? OR reason LIKE ?',
        '%Canary-Note%',
        '%Canary-Note%',
        '%Canary-Note%',
      ),
    ).toHaveLength(0);
    expect(h.logs.join('\n')).not.toContain('Canary-Note');
    // The note is on the item for reviewers, never in the list.
    expect((await h.call(`/api/qa/items/${item!.id}`, { as: 'admin' })).body.note).toBe(canary);
    expect(JSON.stringify((await h.call('/api/qa/items', { as: 'admin' })).body)).not.toContain(
      'Canary-Note',
    );
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });

  it('enforces roles and refuses bad input with 4xx', async () => {
    for (const [path, init] of [
      ['/api/qa/items', {}],
      ['/api/qa/settings', {}],
      ['/api/qa/settings', json('PUT', OFF)],
      ['/api/qa/sampler/run', json('POST', {})],
    ] as const) {
      expect((await h.call(path, { as: 'analyst', ...init })).status, path).toBe(403);
      expect((await h.call(path, { as: null, ...init })).status, path).toBe(401);
    }
    const admin = await h.call('/api/qa/settings', { as: 'admin', ...json('PUT', OFF) });
    expect(admin.status).toBe(200);
    for (const bad of [
      { ...OFF, rules: [{ provider: 'ditto', kind: 'kyc_submission', ratePercent: 101 }] },
      { ...OFF, rules: [{ provider: 'ditto', kind: 'kyc_submission', ratePercent: -1 }] },
      {
        ...OFF,
        rules: [
          { provider: 'ditto', kind: 'kyc_submission', ratePercent: 5 },
          { provider: 'ditto', kind: 'kyc_submission', ratePercent: 6 },
        ],
      },
      { rules: [] },
    ]) {
      expect((await setSampling(bad)).status).toBe(400);
    }
    const item = sql<{ id: number }>("SELECT id FROM qa_items WHERE status = 'open' ORDER BY id LIMIT 1")[0]!;
    for (const bad of [
      { outcome: 'agree', reasonCode: 'wrong_outcome' },
      { outcome: 'disagree', reasonCode: 'wrong_outcome' },
      { outcome: 'disagree', reasonCode: 'wrong_outcome', note: 'x'.repeat(2001) },
      { outcome: 'maybe', reasonCode: 'decision_correct' },
    ]) {
      expect((await outcome(item.id, bad, 'admin')).status).toBe(400);
    }
    const noKey = await h.call(`/api/qa/items/${item.id}/outcome`, { as: 'admin', ...json('POST', AGREE) });
    expect(noKey.status).toBe(400);
    expect((await outcome(999_999, AGREE, 'admin')).status).toBe(404);
    expect((await h.call('/api/qa/items?limit=0', { as: 'admin' })).status).toBe(400);
    expect((await h.call('/api/qa/items?status=weird', { as: 'admin' })).status).toBe(400);
  });

  it('reads index ranges only: no full scan of cases, case actions or the audit log in a run or a review', async () => {
    expect((await setSampling({ ...OFF, everyHighRiskApproval: true })).status).toBe(200);
    const id = await dittoCase();
    h.api.deps.db.sqlite.prepare("UPDATE cases SET risk_score = 95, risk_band = 'high' WHERE id = ?").run(id);
    await decideAs(id, 'approve', 'analyst');
    const sqlite = h.api.deps.db.sqlite;
    await h.cookieFor('manager');
    await h.cookieFor('admin');
    const seen: string[] = [];
    // Statements the ORM already holds prepared would not pass through `prepare` again.
    h.api.deps.db.forgetPreparedStatements();
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((source: string) => {
      seen.push(source);
      return prepare(source);
    }) as typeof sqlite.prepare;
    try {
      await runSampler();
      const [item] = itemsOf(id);
      expect((await outcome(item!.id, AGREE, 'admin')).status).toBe(200);
      expect(
        (await h.call('/api/qa/items?status=agreed&reason=high_risk_approval', { as: 'admin' })).status,
      ).toBe(200);
    } finally {
      sqlite.prepare = prepare;
    }
    // The audit writer reads the chain's last row backwards by rowid (a one-row "SCAN ... LIMIT 1").
    const chainTail = /from "audit_log" order by "audit_log"."id" desc limit/;
    const watched = [...new Set(seen)].filter(
      (s) => /\b(cases|case_actions|audit_log|qa_items)\b/.test(s) && !chainTail.test(s),
    );
    expect(watched.length).toBeGreaterThanOrEqual(5);
    for (const source of watched) {
      const named = [...source.matchAll(/@(\w+)/g)].map((m) => m[1]!);
      const params = named.length
        ? Object.fromEntries(named.map((name) => [name, 0]))
        : Array.from({ length: source.split('?').length - 1 }, () => 0);
      const plan = prepare(`EXPLAIN QUERY PLAN ${source}`)
        .all(params)
        .map((row) => (row as { detail: string }).detail);
      const fullScans = plan.filter((d) => /^SCAN (cases|case_actions|audit_log)\b/.test(d));
      expect({ source, fullScans }).toEqual({ source, fullScans: [] });
    }
  });

  it('shows the agreement rate per analyst on the dashboard, against a hand-counted fixture', async () => {
    const analyst = userId('analyst@demo.local');
    const analyst2 = userId('analyst2@demo.local');
    const day = (d: number, hour = 12) => Date.UTC(2031, 5, d, hour);
    writeTransaction(h.api.deps.db, (tx) => {
      let seq = 0;
      const add = (
        decidedBy: string | null,
        status: 'agreed' | 'disagreed' | 'open',
        reviewedAt: number | null,
      ) =>
        tx
          .insert(qaItems)
          .values({
            caseId: 900_000 + ++seq,
            decidedAt: day(1),
            provider: 'ditto',
            kind: 'kyc_submission',
            caseStatus: 'approved',
            reasons: '["rate"]',
            decidedBy,
            sampledAt: day(1),
            status,
            reviewedAt,
          })
          .run();
      // In range (2–4 June): analyst 3 agreed + 1 disagreed = 4 reviewed, 0.75;
      // analyst2 1 agreed + 1 disagreed = 2, 0.5; the provider's decisions 1 disagreed = 1, 0.
      add(analyst, 'agreed', day(2));
      add(analyst, 'agreed', day(3));
      add(analyst, 'agreed', day(4, 23));
      add(analyst, 'disagreed', day(4));
      add(analyst2, 'agreed', day(2));
      add(analyst2, 'disagreed', day(3));
      add(null, 'disagreed', day(3));
      // Outside: reviewed 1 and 5 June, and still open.
      add(analyst, 'disagreed', day(1));
      add(analyst2, 'agreed', day(5, 0));
      add(analyst, 'open', null);
    });
    const response = await h.call('/api/dashboard?from=2031-06-02&to=2031-06-04', { as: 'manager' });
    expect(response.status).toBe(200);
    expect(response.body.qaAgreement).toEqual([
      { userId: analyst, name: 'Alex Analyst', reviewed: 4, agreed: 3, disagreed: 1, agreementRate: 0.75 },
      {
        userId: analyst2,
        name: 'Sam Second-Analyst',
        reviewed: 2,
        agreed: 1,
        disagreed: 1,
        agreementRate: 0.5,
      },
      { userId: null, name: null, reviewed: 1, agreed: 0, disagreed: 1, agreementRate: 0 },
    ]);
  });
});
