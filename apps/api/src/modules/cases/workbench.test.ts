import { randomUUID } from 'node:crypto';
import { verifyAuditChain } from '@backoffice/db';
import { createTestClock } from '@backoffice/providers/test-clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type TestRole } from '../../test/harness';

/** Wall time plus an offset the tests move forward, so due times pass without sleeping. */
const clock = createTestClock();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: clock.now });
});
afterAll(async () => {
  await h?.close();
});

const sql = <T>(query: string, ...params: unknown[]) =>
  h.api.deps.db.sqlite.prepare(query).all(...params) as T[];
const userId = (role: TestRole) =>
  sql<{ id: string }>('SELECT id FROM users WHERE email = ?', `${role}@demo.local`)[0]!.id;
const caseRow = (id: number) =>
  sql<{
    assignee_id: string | null;
    assigned_at: number | null;
    review_entered_at: number | null;
    due_at: number | null;
    risk_band: string | null;
    provider: string;
    kind: string;
    status: string;
    version: number;
  }>('SELECT * FROM cases WHERE id = ?', id)[0]!;
const auditOf = (action: string, caseId?: number) =>
  sql<{ actor_id: string; before: string | null; after: string | null }>(
    `SELECT actor_id, before, after FROM audit_log WHERE action = ? ${caseId ? 'AND case_id = ?' : ''} ORDER BY id`,
    ...(caseId ? [action, caseId] : [action]),
  );

async function newCase(scenario = 'review_low_face_match') {
  const created = await h.sandbox('/_sandbox/didit/sessions', { scenario });
  expect(created.status).toBe(201);
  const sessionId = created.body.sessions[0].session_id as string;
  await h.sandbox('/_sandbox/didit/webhooks/flush', {});
  const [row] = sql<{ id: number }>('SELECT id FROM cases WHERE external_id = ?', sessionId);
  expect(row).toBeDefined();
  return row!.id;
}

const claim = (id: number, as: TestRole, version: number | null = caseRow(id).version) =>
  h.call(`/api/cases/${id}/claim`, {
    method: 'POST',
    // No body, but JSON-typed like every API write (form-like posts are refused as cross-site).
    headers: {
      'content-type': 'application/json',
      ...(version === null ? {} : { 'if-match': String(version) }),
    },
    as,
  });

const approve = (id: number, as: TestRole, extra: Record<string, unknown> = {}) =>
  h.call(`/api/cases/${id}/actions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'if-match': String(caseRow(id).version),
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({ type: 'approve', reasonCode: 'manual_review_cleared', ...extra }),
    as,
  });

const putSla = (body: unknown, as: TestRole = 'admin') =>
  h.call('/api/settings/sla', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    as,
  });

describe('claim', () => {
  it('two analysts claiming at once: one wins, the other gets 409, and only the winner is audited', async () => {
    const id = await newCase();
    const version = caseRow(id).version;
    const [first, second] = await Promise.all([
      claim(id, 'analyst', version),
      claim(id, 'analyst2', version),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = first.status === 200 ? first : second;
    const loser = first.status === 200 ? second : first;
    expect(loser.body.code).toBe('case_claimed_by_other');
    const winnerRole: TestRole = first.status === 200 ? 'analyst' : 'analyst2';
    expect(winner.body.assignee).toEqual({ id: userId(winnerRole), name: expect.any(String) });
    expect(winner.body.assignee.name).not.toBe(userId(winnerRole));
    const row = caseRow(id);
    expect(row.assignee_id).toBe(userId(winnerRole));
    expect(row.assigned_at).toEqual(expect.any(Number));
    expect(row.version).toBe(version + 1);
    const audit = auditOf('case.claimed', id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(userId(winnerRole));
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ assigneeId: userId(winnerRole) });
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });

  it('needs If-Match, refuses a stale version, and is a no-op for the holder', async () => {
    const id = await newCase();
    expect((await claim(id, 'analyst', null)).status).toBe(428);
    const stale = await claim(id, 'analyst', caseRow(id).version - 1);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect((await claim(id, 'analyst')).status).toBe(200);
    const again = await claim(id, 'analyst');
    expect(again.status).toBe(200);
    expect(auditOf('case.claimed', id)).toHaveLength(1);
    expect((await claim(id, 'analyst', 'nope' as unknown as number)).status).toBe(400);
  });

  it("deciding another analyst's case needs overrideAssignee: true, and the override is audited", async () => {
    const id = await newCase();
    expect((await claim(id, 'analyst')).status).toBe(200);
    const refused = await approve(id, 'analyst2');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('case_claimed_by_other');
    expect(refused.body.message).toContain('Alex Analyst');
    expect(auditOf('case.action_requested', id)).toHaveLength(0);
    const forced = await approve(id, 'analyst2', { overrideAssignee: true });
    expect(forced.status).toBe(202);
    const [requested] = auditOf('case.action_requested', id);
    expect(JSON.parse(requested!.after!)).toMatchObject({ overrodeAssignee: userId('analyst') });
  });

  it('the holder decides without the flag', async () => {
    const id = await newCase();
    expect((await claim(id, 'analyst2')).status).toBe(200);
    expect((await approve(id, 'analyst2')).status).toBe(202);
  });
});

describe('queue: assignee filters and My cases', () => {
  it('filters mine, unassigned and a named person, and counts My cases', async () => {
    const mineId = await newCase();
    const otherId = await newCase();
    const freeId = await newCase();
    expect((await claim(mineId, 'manager')).status).toBe(200);
    expect((await claim(otherId, 'analyst2')).status).toBe(200);
    const ids = (body: any) => body.items.map((c: any) => c.id);

    const mine = await h.call('/api/cases?status=needs_review&assignee=me&limit=200', { as: 'manager' });
    expect(mine.status).toBe(200);
    expect(ids(mine.body)).toEqual([mineId]);
    expect(mine.body.workload.mine).toBe(1);
    expect(mine.body.items[0].assignee.name).toBe('Morgan Manager');
    expect(mine.body.items[0].assignedAt).toEqual(expect.any(String));

    const unassigned = await h.call('/api/cases?status=needs_review&assignee=unassigned&limit=200', {
      as: 'manager',
    });
    expect(ids(unassigned.body)).toContain(freeId);
    expect(ids(unassigned.body)).not.toContain(mineId);
    expect(ids(unassigned.body)).not.toContain(otherId);

    const named = await h.call(`/api/cases?status=needs_review&assignee=${userId('analyst2')}&limit=200`, {
      as: 'manager',
    });
    expect(ids(named.body)).toContain(otherId);
    expect(named.body.items.every((c: any) => c.assignee.id === userId('analyst2'))).toBe(true);

    // A decided case is no longer "mine" to do.
    expect((await approve(mineId, 'manager')).status).toBe(202);
    await h.sandbox('/_sandbox/didit/webhooks/flush', {});
    const after = await h.call('/api/cases?status=needs_review', { as: 'manager' });
    expect(after.body.workload.mine).toBe(
      sql<{ n: number }>(
        "SELECT count(*) AS n FROM cases WHERE assignee_id = ? AND status = 'needs_review'",
        userId('manager'),
      )[0]!.n,
    );

    expect((await h.call('/api/cases?assignee=a%20b', { as: 'manager' })).status).toBe(400);
  });
});

describe('due times (SLA)', () => {
  const policy = {
    defaultMinutes: 24 * 60,
    rules: [
      { provider: '*', kind: '*', riskBand: 'very_high', minutes: 4 * 60 },
      { provider: '*', kind: '*', riskBand: 'high', minutes: 8 * 60 },
      { provider: '*', kind: '*', riskBand: 'medium', minutes: 12 * 60 },
      { provider: '*', kind: '*', riskBand: 'low_medium', minutes: 16 * 60 },
      { provider: '*', kind: '*', riskBand: 'low', minutes: 20 * 60 },
      // More specific than the band alone: Didit KYC sessions of very high risk get 2 hours.
      { provider: 'didit', kind: 'kyc_session', riskBand: 'very_high', minutes: 2 * 60 },
    ],
  };
  const expectedMinutes = (band: string | null, minutes = policy) => {
    const specific = minutes.rules.find(
      (r) => r.provider === 'didit' && r.kind === 'kyc_session' && r.riskBand === band,
    );
    return (
      specific?.minutes ??
      minutes.rules.find((r) => r.provider === '*' && r.riskBand === band)?.minutes ??
      minutes.defaultMinutes
    );
  };

  it('only an admin changes the policy; it is validated and audited old → new', async () => {
    expect((await putSla(policy, 'analyst')).status).toBe(403);
    expect((await putSla({ defaultMinutes: 0, rules: [] })).status).toBe(400);
    expect((await putSla({ defaultMinutes: 60, rules: [policy.rules[0], policy.rules[0]] })).status).toBe(
      400,
    );
    expect((await putSla({ ...policy, rules: [{ ...policy.rules[0], riskBand: 'extreme' }] })).status).toBe(
      400,
    );
    const before = (await h.call('/api/settings/sla')).body;
    const saved = await putSla(policy);
    expect(saved.status).toBe(200);
    expect((await h.call('/api/settings/sla')).body).toEqual({
      defaultMinutes: policy.defaultMinutes,
      rules: expect.arrayContaining(policy.rules),
    });
    const audit = auditOf('settings.sla_changed').at(-1)!;
    expect(JSON.parse(audit.before!)).toEqual(before);
    expect(JSON.parse(audit.after!)).toMatchObject({ defaultMinutes: 24 * 60 });
  });

  it('every case in review gets its due time from the policy for its band, when it entered review', async () => {
    expect((await putSla(policy)).status).toBe(200);
    const ids = [];
    for (const scenario of ['review_aml_pep', 'review_low_face_match', 'review_aml_pep']) {
      ids.push(await newCase(scenario));
    }
    for (const id of ids) {
      const row = caseRow(id);
      expect(row.status).toBe('needs_review');
      expect(row.review_entered_at).toEqual(expect.any(Number));
      expect(row.due_at).toBe(row.review_entered_at! + expectedMinutes(row.risk_band) * 60_000);
      const summary = (await h.call(`/api/cases?status=needs_review&limit=200`)).body.items.find(
        (c: any) => c.id === id,
      );
      expect(Date.parse(summary.dueAt)).toBe(row.due_at);
      expect(Date.parse(summary.reviewEnteredAt)).toBe(row.review_entered_at);
    }
  });

  it('a policy change recomputes open cases from when they entered review; decided cases keep theirs', async () => {
    expect((await putSla(policy)).status).toBe(200);
    const open = await newCase();
    const decided = await newCase();
    expect((await approve(decided, 'analyst')).status).toBe(202);
    await h.sandbox('/_sandbox/didit/webhooks/flush', {});
    const decidedBefore = caseRow(decided);
    const openBefore = caseRow(open);
    const stricter = { defaultMinutes: 60, rules: [] };
    const changed = await putSla(stricter);
    expect(changed.status).toBe(200);
    expect(changed.body.recomputedCases).toBeGreaterThan(0);
    const openAfter = caseRow(open);
    expect(openAfter.review_entered_at).toBe(openBefore.review_entered_at);
    expect(openAfter.due_at).toBe(openBefore.review_entered_at! + 60 * 60_000);
    if (decidedBefore.status !== 'needs_review') expect(caseRow(decided).due_at).toBe(decidedBefore.due_at);
    // Every open case now follows the policy in force.
    const stale = sql<{ n: number }>(
      `SELECT count(*) AS n FROM cases WHERE status = 'needs_review' AND due_at <> review_entered_at + 3600000`,
    )[0]!.n;
    expect(stale).toBe(0);
    expect(JSON.parse(auditOf('settings.sla_changed').at(-1)!.after!).recomputedCases).toBe(
      changed.body.recomputedCases,
    );
  });

  it('filters overdue cases, counts them on the tab and sorts by due time with keyset pages', async () => {
    // Steps stay inside the 300 s window the API allows a signed Didit webhook's timestamp.
    expect((await putSla({ defaultMinutes: 3, rules: [] })).status).toBe(200);
    const early = await newCase();
    clock.advance(2 * 60_000);
    const late = await newCase();
    const none = await h.call('/api/cases?overdue=true');
    expect(none.body.items.map((c: any) => c.id)).not.toContain(early);

    clock.advance(2 * 60_000); // early is 4 minutes in review (due after 3), late 2
    const overdue = await h.call('/api/cases?overdue=true&limit=200');
    expect(overdue.status).toBe(200);
    const overdueIds = overdue.body.items.map((c: any) => c.id);
    expect(overdueIds).toContain(early);
    expect(overdueIds).not.toContain(late);
    const now = clock.now();
    expect(
      overdue.body.items.every((c: any) => c.status === 'needs_review' && Date.parse(c.dueAt) < now),
    ).toBe(true);
    expect(overdue.body.workload.overdue).toBe(
      sql<{ n: number }>(
        "SELECT count(*) AS n FROM cases WHERE status = 'needs_review' AND due_at < ?",
        now,
      )[0]!.n,
    );

    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await h.call(
        `/api/cases?status=needs_review,approved&sort=dueAt&order=asc&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const key = (c: any) => (c.dueAt ? Date.parse(c.dueAt) : Number.MAX_SAFE_INTEGER);
    for (let i = 1; i < all.length; i++) expect(key(all[i])).toBeGreaterThanOrEqual(key(all[i - 1]));
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(all.map((c) => c.id)).toEqual(expect.arrayContaining([early, late]));
    expect(all.findIndex((c) => c.id === early)).toBeLessThan(all.findIndex((c) => c.id === late));

    const plan = sql<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT id FROM cases WHERE status = 'needs_review' ORDER BY coalesce(due_at, 8640000000000000), id LIMIT 50`,
    );
    expect(plan.map((p) => p.detail).join(' ')).toContain('cases_status_due_sort');
    expect(plan.map((p) => p.detail).join(' ')).not.toContain('TEMP B-TREE');
  });
});
