import {
  appendAudit,
  caseActions,
  cases,
  ingestJobs,
  outbox,
  syncState,
  users,
  writeTransaction,
} from '@backoffice/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIDIT_SYNC_KEY } from '../../providers/didit/reconcile';
import { type Harness, startHarness } from '../../test/harness';
import { flushRefusals } from '../ingress/refusals';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.parse('2030-03-10T12:00:00.000Z');
const D1 = Date.parse('2030-03-01T00:00:00.000Z');
const D2 = D1 + DAY;
const D3 = D2 + DAY;
const RANGE = 'from=2030-03-01&to=2030-03-03';

let h: Harness;
const ids: Record<'analyst' | 'analyst2' | 'manager', string> = { analyst: '', analyst2: '', manager: '' };

type Status = 'pending' | 'needs_review' | 'approved' | 'rejected' | 'expired';
let externalSeq = 0;

/**
 * A hand-counted fixture (every expected figure below is derived in the comments next to it). The
 * range is 1–3 March 2030; "now" is 10 March 12:00 UTC.
 */
beforeAll(async () => {
  h = await startHarness({ now: () => NOW });
  const db = h.api.deps.db;
  for (const role of ['analyst', 'analyst2', 'manager'] as const) {
    const email = role === 'analyst2' ? 'analyst2@demo.local' : `${role}@demo.local`;
    ids[role] = db.orm.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
  }

  writeTransaction(db, (tx) => {
    const addCase = (c: {
      provider?: string;
      kind?: string;
      status: Status;
      createdAt: number;
      decidedAt?: number | null;
      riskScore?: number | null;
    }) =>
      tx
        .insert(cases)
        .values({
          provider: c.provider ?? 'didit',
          kind: c.kind ?? 'kyc_session',
          externalId: `fixture-${++externalSeq}`,
          status: c.status,
          providerStatus: c.status,
          riskScore: c.riskScore ?? null,
          createdAt: c.createdAt,
          updatedAt: c.decidedAt ?? c.createdAt,
          decidedAt: c.decidedAt ?? null,
        })
        .returning({ id: cases.id })
        .get().id;
    const entered = (
      caseId: number,
      action: 'case.created' | 'case.status_changed',
      status: Status,
      at: number,
    ) => appendAudit(tx, { actorType: 'provider', actorId: null, action, caseId, after: { status }, at });
    const decision = (a: {
      caseId: number;
      type: 'approve' | 'decline' | 'provider_comment';
      by: keyof typeof ids;
      at: number;
      status?: 'applied' | 'failed';
      seen?: Status;
    }) => {
      const id = tx
        .insert(caseActions)
        .values({
          caseId: a.caseId,
          type: a.type,
          params: '{}',
          status: a.status ?? 'applied',
          requestedBy: ids[a.by],
          requestedAt: a.at,
          caseVersion: 1,
          resolvedAt: a.at + MIN,
        })
        .returning({ id: caseActions.id })
        .get().id;
      if (a.seen) {
        appendAudit(tx, {
          actorType: 'user',
          actorId: ids[a.by],
          action: 'case.action_requested',
          caseId: a.caseId,
          before: { status: a.seen },
          after: { actionId: id, type: a.type },
          at: a.at,
        });
      }
      // Every path that applies an action writes this row; the dashboard's decision facts come from it.
      if ((a.status ?? 'applied') === 'applied') {
        appendAudit(tx, {
          actorType: 'system',
          actorId: 'outbox',
          action: 'case.action_applied',
          caseId: a.caseId,
          after: { actionId: id, type: a.type, actionStatus: 'applied' },
          at: a.at + MIN,
        });
      }
    };

    // Cases in: 1 Mar c1, c2, c7 = 3; 2 Mar c3, c8 = 2; 3 Mar c4 = 1.
    // Decided: 1 Mar c1, c5 = 2; 2 Mar c2, c3 = 2; 3 Mar c4 = 1 (c7 is decided on 5 Mar, outside).
    const c1 = addCase({ status: 'approved', createdAt: D1 + HOUR, decidedAt: D1 + 5 * HOUR });
    const c2 = addCase({ status: 'rejected', createdAt: D1 + 2 * HOUR, decidedAt: D2 + 3 * HOUR });
    const c3 = addCase({
      provider: 'kryptogo',
      kind: 'dd_task',
      status: 'approved',
      createdAt: D2 + HOUR,
      decidedAt: D2 + 10 * HOUR,
    });
    const c4 = addCase({
      provider: 'ditto',
      kind: 'kyc_submission',
      status: 'rejected',
      createdAt: D3 + HOUR,
      decidedAt: D3 + 2 * HOUR,
    });
    const c5 = addCase({ status: 'approved', createdAt: D1 - HOUR, decidedAt: D1 + 30 * MIN });
    addCase({ status: 'pending', createdAt: D3 + DAY }); // c6: created 4 Mar, outside
    const c7 = addCase({ status: 'approved', createdAt: D1 + 3 * HOUR, decidedAt: D1 + 4 * DAY });
    addCase({ status: 'expired', createdAt: D2 + 5 * HOUR }); // c8: in, never decided

    // Review backlog now: under 4 h 1; 4–24 h 1; 1–3 d 2; 3–7 d 1; over 7 d 1 (total 6).
    // Older than 24 h: 4. Very high risk (100) older than 4 h: the 5 h and the 4 d ones = 2.
    addCase({ status: 'needs_review', createdAt: NOW - HOUR, riskScore: 100 });
    addCase({ status: 'needs_review', createdAt: NOW - 5 * HOUR, riskScore: 100 });
    addCase({ status: 'needs_review', createdAt: NOW - 30 * HOUR, riskScore: 40 });
    addCase({ status: 'needs_review', createdAt: NOW - 49 * HOUR });
    addCase({ status: 'needs_review', createdAt: NOW - 4 * DAY, riskScore: 100 });
    addCase({ status: 'needs_review', createdAt: NOW - 10 * DAY, riskScore: 99 });

    // When each decided case entered review (handling time runs from the last entry before the request).
    entered(c1, 'case.created', 'needs_review', D1 + HOUR);
    entered(c2, 'case.created', 'needs_review', D1 + 2 * HOUR);
    entered(c2, 'case.status_changed', 'pending', D1 + 6 * HOUR);
    entered(c2, 'case.status_changed', 'needs_review', D2 + 90 * MIN);
    entered(c3, 'case.created', 'needs_review', D2 + HOUR);
    entered(c4, 'case.created', 'needs_review', D3 + HOUR);
    entered(c5, 'case.created', 'needs_review', D1 - HOUR);
    entered(c5, 'case.status_changed', 'rejected', D1 + 10 * MIN);

    // analyst: a1 3 h, a2 30 min, a4 30 min, a6 80 min → 4 decisions (3 approve, 1 decline), median 55 min.
    decision({ caseId: c1, type: 'approve', by: 'analyst', at: D1 + 4 * HOUR, seen: 'needs_review' }); // a1
    decision({ caseId: c2, type: 'decline', by: 'analyst', at: D2 + 2 * HOUR, seen: 'needs_review' }); // a2
    // analyst2: a3 8 h, a5 45 min → 2 decisions (1 each), median 262.5 min.
    decision({ caseId: c3, type: 'approve', by: 'analyst2', at: D2 + 9 * HOUR, seen: 'needs_review' }); // a3
    decision({ caseId: c4, type: 'approve', by: 'analyst', at: D3 + 90 * MIN, seen: 'needs_review' }); // a4
    // a5 reverses a4 (our own earlier decision on c4): the one reversal.
    decision({ caseId: c4, type: 'decline', by: 'analyst2', at: D3 + 105 * MIN, seen: 'approved' }); // a5
    // a6 approves what the provider had declined, with no earlier decision of ours: the one override.
    decision({ caseId: c5, type: 'approve', by: 'analyst', at: D1 + 20 * MIN, seen: 'rejected' }); // a6
    // Not counted: a failed decline, a provider comment, and a decision requested outside the range.
    decision({ caseId: c2, type: 'decline', by: 'analyst2', at: D2, status: 'failed', seen: 'needs_review' });
    decision({ caseId: c1, type: 'provider_comment', by: 'analyst', at: D2 + HOUR });
    decision({ caseId: c7, type: 'approve', by: 'analyst', at: D1 + 4 * DAY, seen: 'needs_review' });
    // manager: one decision on a case with no review entry recorded → 1 decision, median null.
    decision({ caseId: 9999, type: 'approve', by: 'manager', at: D3 + 5 * HOUR }); // a10

    // Outbox: pending 2, retrying 1, in flight 1, failed 1; done and abandoned rows are not counted.
    const outboxRow = (actionId: number, status: string, attempts: number) =>
      tx
        .insert(outbox)
        .values({
          actionId,
          provider: 'didit',
          operation: 'didit.update_status',
          payload: '{}',
          status,
          attempts,
          // Not due and leased: the running outbox worker must leave these rows as they are.
          nextAttemptAt: NOW + DAY,
          lockedUntil: NOW + DAY,
          createdAt: NOW - HOUR,
          updatedAt: NOW - HOUR,
        })
        .run();
    const outboxRows: [string, number][] = [
      ['pending', 0],
      ['pending', 0],
      ['pending', 3],
      ['in_flight', 1],
      ['failed', 5],
      ['done', 1],
      ['done', 1],
      ['abandoned', 2],
    ];
    outboxRows.forEach(([status, attempts], i) => {
      outboxRow(50_000 + i, status, attempts);
    });

    // Sync: one re-read queued, one given up; last reconciliation two hours ago.
    const job = (status: string, createdAt: number) =>
      tx
        .insert(ingestJobs)
        .values({
          provider: 'didit',
          externalId: `job-${status}`,
          reason: 'data.updated',
          status,
          nextAttemptAt: NOW + HOUR,
          createdAt,
          updatedAt: createdAt,
        })
        .run();
    // Refused deliveries: didit 401 ×3 (1 Mar) + ×2 (3 Mar); ditto 400 ×1 (2 Mar); didit 401 on 28 Feb is outside.
    const refused = (at: number, provider: string, status: number, count: number) =>
      h.api.deps.db.sqlite
        .prepare(
          'INSERT INTO webhook_refusals (day, provider, status, count, last_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(Math.floor(at / DAY), provider, status, count, at);
    refused(D1 + HOUR, 'didit', 401, 3);
    refused(D3 + 2 * HOUR, 'didit', 401, 2);
    refused(D2 + HOUR, 'ditto', 400, 1);
    refused(D1 - HOUR, 'didit', 401, 7);
    job('pending', NOW - 3 * HOUR);
    job('failed', NOW - 4 * HOUR);
    tx.insert(syncState)
      .values({ key: DIDIT_SYNC_KEY, value: String(NOW - 2 * HOUR), updatedAt: NOW })
      .run();
  });
});
afterAll(async () => {
  await h?.close();
});

describe('GET /api/dashboard', () => {
  it('answers every figure of a hand-counted fixture', async () => {
    const res = await h.call(`/api/dashboard?${RANGE}`, { as: 'manager' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2030-03-01',
      to: '2030-03-03',
      generatedAt: new Date(NOW).toISOString(),
      daily: [
        { date: '2030-03-01', casesIn: 3, decided: 2 },
        { date: '2030-03-02', casesIn: 2, decided: 2 },
        { date: '2030-03-03', casesIn: 1, decided: 1 },
      ],
      backlog: {
        total: 6,
        buckets: [
          { bucket: 'under_4h', count: 1 },
          { bucket: '4h_to_24h', count: 1 },
          { bucket: '1d_to_3d', count: 2 },
          { bucket: '3d_to_7d', count: 1 },
          { bucket: 'over_7d', count: 1 },
        ],
      },
      slaProxy: { olderThan24h: 4, veryHighRiskOlderThan4h: 2 },
      decisionMix: [
        { provider: 'didit', kind: 'kyc_session', approved: 2, rejected: 1 },
        { provider: 'ditto', kind: 'kyc_submission', approved: 0, rejected: 1 },
        { provider: 'kryptogo', kind: 'dd_task', approved: 1, rejected: 0 },
      ],
      analysts: [
        {
          userId: ids.analyst,
          name: 'Alex Analyst',
          decisions: 4,
          approved: 3,
          declined: 1,
          medianHandlingMs: 55 * MIN,
        },
        {
          userId: ids.analyst2,
          name: 'Sam Second-Analyst',
          decisions: 2,
          approved: 1,
          declined: 1,
          medianHandlingMs: 262.5 * MIN,
        },
        {
          userId: ids.manager,
          name: 'Morgan Manager',
          decisions: 1,
          approved: 1,
          declined: 0,
          medianHandlingMs: null,
        },
      ],
      corrections: { decisions: 7, reversals: 1, overrides: 1, reversalRate: 1 / 7, overrideRate: 1 / 7 },
      outbox: { pending: 2, retrying: 1, inFlight: 1, failed: 1 },
      sync: [
        {
          provider: 'didit',
          lastReconciledAt: new Date(NOW - 2 * HOUR).toISOString(),
          pendingRereads: 1,
          oldestPendingRereadAt: new Date(NOW - 3 * HOUR).toISOString(),
          failedRereads: 1,
        },
      ],
      refusedDeliveries: [
        { provider: 'didit', status: 401, count: 5, lastAt: new Date(D3 + 2 * HOUR).toISOString() },
        { provider: 'ditto', status: 400, count: 1, lastAt: new Date(D2 + HOUR).toISOString() },
      ],
      qaAgreement: [],
      drift: { unresolved: 0, awaitingApproval: 0 },
    });
  });

  it('counts refused provider deliveries as they happen, before and after they are written', async () => {
    const today = new Date(NOW).toISOString().slice(0, 10);
    const figures = async () =>
      (await h.call(`/api/dashboard?from=${today}&to=${today}`, { as: 'manager' })).body.refusedDeliveries;
    const before = await figures();
    const unsigned = await fetch(`${h.apiUrl}/webhooks/didit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: 'x', status: 'Approved' }),
    });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    const badToken = await fetch(`${h.apiUrl}/ditto/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=nobody&client_secret=wrong',
    });
    expect(badToken.status).toBeGreaterThanOrEqual(400);
    const countOf = (rows: { provider: string; status: number; count: number }[], provider: string) =>
      rows.filter((row) => row.provider === provider).reduce((sum, row) => sum + row.count, 0);
    const gathered = await figures();
    expect(countOf(gathered, 'didit')).toBe(countOf(before, 'didit') + 1);
    expect(countOf(gathered, 'ditto')).toBe(countOf(before, 'ditto') + 1);
    expect(gathered.find((row: { provider: string }) => row.provider === 'didit')).toMatchObject({
      status: unsigned.status,
      lastAt: new Date(NOW).toISOString(),
    });
    // Written in one transaction; the figures read the same from the table.
    flushRefusals(h.api.deps);
    expect(await figures()).toEqual(gathered);
    expect(
      h.api.deps.db.sqlite
        .prepare('SELECT sum(count) AS n FROM webhook_refusals WHERE day = ?')
        .get(Math.floor(NOW / DAY)),
    ).toEqual({ n: countOf(gathered, 'didit') + countOf(gathered, 'ditto') });
  });

  it('gives zeros, not gaps, for a range without activity, and accepts a full leap year', async () => {
    const empty = await h.call('/api/dashboard?from=2029-06-01&to=2029-06-02', { as: 'admin' });
    expect(empty.status).toBe(200);
    expect(empty.body.daily).toEqual([
      { date: '2029-06-01', casesIn: 0, decided: 0 },
      { date: '2029-06-02', casesIn: 0, decided: 0 },
    ]);
    expect(empty.body.decisionMix).toEqual([]);
    expect(empty.body.analysts).toEqual([]);
    expect(empty.body.corrections).toEqual({
      decisions: 0,
      reversals: 0,
      overrides: 0,
      reversalRate: 0,
      overrideRate: 0,
    });
    const leapYear = await h.call('/api/dashboard?from=2028-01-01&to=2028-12-31', { as: 'manager' });
    expect(leapYear.status).toBe(200);
    expect(leapYear.body.daily).toHaveLength(366);
  });

  it.each([
    ['a range longer than 366 days', 'from=2029-01-01&to=2030-01-02'],
    ['from after to', 'from=2030-03-03&to=2030-03-01'],
    ['an impossible date', 'from=2030-02-30&to=2030-03-01'],
    ['a date that is not ISO', 'from=03/01/2030&to=2030-03-02'],
    ['a missing bound', 'from=2030-03-01'],
  ])('refuses %s with a 400', async (_label, query) => {
    const res = await h.call(`/api/dashboard?${query}`, { as: 'manager' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_request');
  });

  it('is for managers and admins only', async () => {
    expect((await h.call(`/api/dashboard?${RANGE}`, { as: 'analyst' })).status).toBe(403);
    expect((await h.call(`/api/dashboard?${RANGE}`, { as: null })).status).toBe(401);
  });

  it('reads indexes, never a full scan of cases, their day counters, decision facts, case actions, the audit log or the outbox', async () => {
    // Record every statement the endpoint prepares, then ask SQLite how it runs each one.
    await h.cookieFor('manager'); // the sign-in's own statements are not the dashboard's
    const sqlite = h.api.deps.db.sqlite;
    // Statements the ORM already holds prepared would not pass through `prepare` again.
    h.api.deps.db.forgetPreparedStatements();
    const seen: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((source: string) => {
      seen.push(source);
      return prepare(source);
    }) as typeof sqlite.prepare;
    try {
      expect((await h.call(`/api/dashboard?${RANGE}`, { as: 'manager' })).status).toBe(200);
    } finally {
      sqlite.prepare = prepare;
    }
    const watched = seen.filter((s) =>
      /\b(cases|case_day_counts|decision_facts|case_actions|audit_log|outbox|ingest_jobs)\b/.test(s),
    );
    expect(watched.length).toBeGreaterThanOrEqual(7);
    for (const source of watched) {
      const named = [...source.matchAll(/@(\w+)/g)].map((m) => m[1]!);
      const params = named.length
        ? Object.fromEntries(named.map((name) => [name, 0]))
        : Array.from({ length: source.split('?').length - 1 }, () => 0);
      const plan = prepare(`EXPLAIN QUERY PLAN ${source}`)
        .all(params)
        .map((row) => (row as { detail: string }).detail);
      const fullScans = plan.filter((d) =>
        /^SCAN (cases|case_day_counts|decision_facts|case_actions|audit_log|outbox|ingest_jobs)\b/.test(d),
      );
      expect({ source, fullScans }).toEqual({ source, fullScans: [] });
    }
  });
});
