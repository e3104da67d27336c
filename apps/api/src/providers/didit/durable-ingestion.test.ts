import { randomUUID } from 'node:crypto';
import { verifyAuditChain } from '@backoffice/db';
import { createTestClock } from '@backoffice/providers/test-clock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { drainOutbox } from '../../modules/outbox/worker';
import { drainIngestJobs } from '../../modules/reconcile/jobs';
import { type Harness, startHarness } from '../../test/harness';

/**
 * A clock the test moves forward so backoff delays (and the client's circuit-breaker cool-down) pass at
 * once. The sandbox's clock moves with it, so its signed timestamps stay inside the ±300 s window.
 */
const clock = createTestClock();
async function advance(ms: number) {
  clock.advance(ms);
  const moved = await h.sandbox('/_sandbox/clock/advance', { seconds: ms / 1000 });
  expect(moved.status).toBe(200);
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: clock.now });
});
afterAll(async () => {
  await h?.close();
});

const db = () => h.api.deps.db.sqlite;

async function createSession(scenario: string) {
  const created = await h.sandbox('/_sandbox/didit/sessions', { scenario });
  expect(created.status).toBe(201);
  return created.body.sessions[0] as { session_id: string; status: string };
}

function caseRow(sessionId: string) {
  return db()
    .prepare(
      `SELECT id, status, provider_status AS providerStatus, subject_name AS subjectName, version,
              flag, flag_detail AS flagDetail
       FROM cases WHERE provider = 'didit' AND external_id = ?`,
    )
    .get(sessionId) as
    | {
        id: number;
        status: string;
        providerStatus: string;
        subjectName: string | null;
        version: number;
        flag: string | null;
        flagDetail: string | null;
      }
    | undefined;
}

function jobsOf(sessionId: string) {
  return db()
    .prepare(
      `SELECT status, attempts, reason, last_error AS lastError FROM ingest_jobs
       WHERE provider = 'didit' AND external_id = ? ORDER BY id`,
    )
    .all(sessionId) as { status: string; attempts: number; reason: string; lastError: string | null }[];
}

function trail(caseId: number) {
  return db()
    .prepare('SELECT action, actor_id AS actorId, before, after FROM audit_log WHERE case_id = ? ORDER BY id')
    .all(caseId) as { action: string; actorId: string; before: string | null; after: string | null }[];
}

async function deliveriesOf(sessionId: string) {
  const { body } = await h.sandbox(`/_sandbox/didit/deliveries?session_id=${sessionId}`);
  return body.deliveries as { event_id: string; status_code: number | null; request_body: string }[];
}

async function faultDecision(sessionId: string) {
  const added = await h.sandbox('/_sandbox/faults', {
    match: { method: 'GET', pathPrefix: `/v3/session/${sessionId}/decision` },
    kind: 'status',
    status: 503,
  });
  expect(added.status).toBe(201);
}

/** The sandbox delivers in the background; on a loaded machine that can take seconds. */
const DELIVERY_WAIT = { timeout: 15_000, interval: 25 };
const clearFaults = () => h.sandbox('/_sandbox/faults', undefined, 'DELETE');

/** Runs due jobs after moving the clock past any backoff (the background worker may have run one first). */
async function runDueJobs() {
  await advance(6 * 60_000);
  return drainIngestJobs(h.api.deps);
}

async function reportStatus(sessionId: string, status: string, mode: 'apply' | 'webhook_only') {
  const sent = await h.sandbox(`/_sandbox/didit/sessions/${sessionId}/status`, { status, mode });
  expect(sent.status).toBe(200);
}

describe('item 13: nothing acknowledged is lost', () => {
  it('answers data.updated with 200 only once a durable re-read is committed; the job retries until Didit answers', async () => {
    const session = await createSession('approve');
    const before = caseRow(session.session_id)!;
    expect(before.status).toBe('approved');

    await faultDecision(session.session_id);
    try {
      const edited = await h.sandbox(
        `/v3/session/${session.session_id}/update-data/`,
        { first_name: 'Renamed' },
        'PATCH',
      );
      expect(edited.status).toBe(200);
      // Didit (and the sandbox) delivers the webhook after answering the PATCH, so wait for its answer.
      await vi.waitFor(async () => {
        const delivery = (await deliveriesOf(session.session_id)).find((d) =>
          String(d.request_body).includes('data.updated'),
        );
        expect(delivery?.status_code).toBe(200);
      }, DELIVERY_WAIT);
      // The 200 went out after this row was committed, while Didit's decision endpoint was failing.
      expect(jobsOf(session.session_id)).toEqual([
        expect.objectContaining({
          reason: 'data.updated',
          status: expect.stringMatching(/pending|in_flight/),
        }),
      ]);

      await runDueJobs();
      const retrying = jobsOf(session.session_id)[0]!;
      expect(retrying.status).toBe('pending');
      expect(retrying.attempts).toBeGreaterThanOrEqual(1);
      expect(retrying.lastError).toBeTruthy();
      expect(caseRow(session.session_id)!.subjectName).toBe(before.subjectName);
    } finally {
      await clearFaults();
    }

    await runDueJobs();
    expect(jobsOf(session.session_id)[0]!.status).toBe('done');
    const after = caseRow(session.session_id)!;
    expect(after.subjectName).toContain('Renamed');
    expect(after.version).toBeGreaterThan(before.version);
    const rows = trail(after.id);
    expect(rows.at(-1)).toMatchObject({ action: 'case.updated', actorId: 'reconciliation' });
    expect(rows.at(-1)!.after).not.toContain('Renamed');
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });

  it('keeps a queued re-read across a restart of the API and runs it in the new process', async () => {
    const session = await createSession('approve');
    await faultDecision(session.session_id);
    try {
      const edited = await h.sandbox(
        `/v3/session/${session.session_id}/update-data/`,
        { first_name: 'Restarted' },
        'PATCH',
      );
      expect(edited.status).toBe(200);
      await runDueJobs();
      expect(jobsOf(session.session_id)[0]).toMatchObject({ status: 'pending' });
      await h.restart();
    } finally {
      await clearFaults();
    }
    await runDueJobs();
    expect(jobsOf(session.session_id)[0]).toMatchObject({ status: 'done' });
    expect(caseRow(session.session_id)!.subjectName).toContain('Restarted');
  });

  it('re-reads an in-doubt status durably: a stray "Awaiting User" on an approved case is refuted by Didit', async () => {
    const session = await createSession('approve');
    const before = caseRow(session.session_id)!;
    await faultDecision(session.session_id);
    try {
      await reportStatus(session.session_id, 'Awaiting User', 'webhook_only');
      const delivery = (await deliveriesOf(session.session_id)).at(-1)!;
      expect(delivery.status_code).toBe(200);
      expect(JSON.parse(delivery.request_body).status).toBe('Awaiting User');
      expect(caseRow(session.session_id)).toMatchObject({ status: 'approved', version: before.version });
      expect(jobsOf(session.session_id)).toEqual([expect.objectContaining({ reason: 'in_doubt' })]);
      await runDueJobs();
      expect(jobsOf(session.session_id)[0]).toMatchObject({ status: 'pending' });
    } finally {
      await clearFaults();
    }
    await runDueJobs();
    expect(jobsOf(session.session_id)[0]).toMatchObject({ status: 'done' });
    expect(caseRow(session.session_id)).toMatchObject({ status: 'approved', flag: null });
  });

  it('shows queued and given-up re-reads to managers in the sync status', async () => {
    const session = await createSession('approve');
    await faultDecision(session.session_id);
    try {
      await reportStatus(session.session_id, 'In Progress', 'webhook_only');
      const status = await h.call('/api/sync/status', { as: 'manager' });
      expect(status.status).toBe(200);
      const didit = status.body.providers.find((p: { provider: string }) => p.provider === 'didit');
      expect(didit.pendingRereads).toBeGreaterThanOrEqual(1);
      expect(didit.oldestPendingRereadAt).toEqual(expect.any(String));
      expect((await h.call('/api/sync/status', { as: 'analyst' })).status).toBe(403);
    } finally {
      await clearFaults();
    }
    await runDueJobs();
  });
});

describe('item 17: an unknown or decision-undoing status never silently moves a case', () => {
  it('applies "Awaiting User" on an approved case only after a re-read confirms it, then flags it for a manager', async () => {
    const session = await createSession('approve');
    const before = caseRow(session.session_id)!;
    await reportStatus(session.session_id, 'Awaiting User', 'apply');
    // The signed webhook alone did not move the decided case.
    expect(caseRow(session.session_id)).toMatchObject({ status: 'approved', version: before.version });

    await runDueJobs();
    const after = caseRow(session.session_id)!;
    expect(after).toMatchObject({
      status: 'pending',
      providerStatus: 'Awaiting User',
      flag: 'reopened_after_decision',
      flagDetail: 'Approved → Awaiting User',
    });
    const actions = trail(after.id).map((row) => row.action);
    expect(actions.slice(-2)).toEqual(['case.status_changed', 'case.flagged']);

    const flagged = await h.call(`/api/cases?status=pending&flagged=true&q=${session.session_id}`);
    expect(flagged.status).toBe(200);
    expect(flagged.body.items.map((c: { externalId: string }) => c.externalId)).toContain(session.session_id);
    expect(flagged.body.items[0].flag).toMatchObject({ kind: 'reopened_after_decision' });
    const detail = await h.call(`/api/cases/${after.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.flag).toMatchObject({
      kind: 'reopened_after_decision',
      detail: 'Approved → Awaiting User',
    });
  });

  it('keeps a case in review when Didit sends a status the product has never seen, shows it and re-reads', async () => {
    const session = await createSession('review_low_face_match');
    const before = caseRow(session.session_id)!;
    expect(before.status).toBe('needs_review');
    await reportStatus(session.session_id, 'Under Investigation', 'webhook_only');
    const after = caseRow(session.session_id)!;
    expect(after).toMatchObject({
      status: 'needs_review',
      providerStatus: 'In Review',
      flag: 'unknown_provider_status',
      flagDetail: 'Under Investigation',
    });
    expect(trail(after.id).at(-1)).toMatchObject({ action: 'case.flagged', actorId: 'didit' });
    expect(jobsOf(session.session_id)).toEqual([expect.objectContaining({ reason: 'unknown_status' })]);
    await runDueJobs();
    expect(jobsOf(session.session_id)[0]).toMatchObject({ status: 'done' });
    // Didit still says In Review: the case stays where it is, and the flag stays for a person to see.
    expect(caseRow(session.session_id)).toMatchObject({
      status: 'needs_review',
      flag: 'unknown_provider_status',
    });
    const listed = await h.call(`/api/cases?flagged=true&q=${session.session_id}`);
    expect(listed.body.items[0]).toMatchObject({ status: 'needs_review' });
    expect(listed.body.items[0].flag).toMatchObject({
      kind: 'unknown_provider_status',
      detail: 'Under Investigation',
    });
  });

  it('a new case first seen with an unknown status waits in review, flagged', async () => {
    await h.sandbox('/v3/webhook/', { webhook_url: null }, 'PATCH');
    let session: { session_id: string };
    try {
      session = await createSession('approve');
    } finally {
      await h.sandbox('/v3/webhook/', { webhook_url: `${h.apiUrl}/webhooks/didit` }, 'PATCH');
    }
    expect(caseRow(session.session_id)).toBeUndefined();
    await reportStatus(session.session_id, 'Pending Compliance', 'webhook_only');
    expect(caseRow(session.session_id)).toMatchObject({
      status: 'needs_review',
      flag: 'unknown_provider_status',
      flagDetail: 'Pending Compliance',
    });
    const actions = trail(caseRow(session.session_id)!.id).map((row) => row.action);
    expect(actions).toEqual(['case.created', 'case.flagged']);
  });

  it('through reconciliation: an unknown status keeps the case and flags it; a confirmed reopening moves and flags it', async () => {
    const review = await createSession('review_low_face_match');
    const approved = await createSession('approve');
    await h.sandbox('/v3/webhook/', { webhook_url: null }, 'PATCH');
    try {
      await reportStatus(review.session_id, 'Under Investigation', 'apply');
      await reportStatus(approved.session_id, 'In Review', 'apply');
    } finally {
      await h.sandbox('/v3/webhook/', { webhook_url: `${h.apiUrl}/webhooks/didit` }, 'PATCH');
    }
    const result = await h.call('/api/reconcile', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      as: 'manager',
    });
    expect(result.status).toBe(200);
    expect(caseRow(review.session_id)).toMatchObject({
      status: 'needs_review',
      flag: 'unknown_provider_status',
      flagDetail: 'Under Investigation',
    });
    expect(caseRow(approved.session_id)).toMatchObject({
      status: 'needs_review',
      providerStatus: 'In Review',
      flag: 'reopened_after_decision',
      flagDetail: 'Approved → In Review',
    });
    const flaggedRow = trail(caseRow(approved.session_id)!.id).at(-1)!;
    expect(flaggedRow).toMatchObject({ action: 'case.flagged', actorId: 'reconciliation' });
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });

  it('does not flag a resubmission our own reviewers asked for after the decision', async () => {
    const session = await createSession('approve');
    const before = caseRow(session.session_id)!;
    const requested = await h.call(`/api/cases/${before.id}/actions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'if-match': String(before.version),
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        type: 'request_resubmission',
        reasonCode: 'blurry_document',
        nodes: [{ nodeId: 'feature_ocr', feature: 'OCR' }],
      }),
    });
    expect(requested.status).toBe(202);
    if (requested.body.action.status === 'awaiting_approval') {
      const approved = await h.call(`/api/actions/${requested.body.action.id}/decision`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ decision: 'approve' }),
        as: 'manager',
      });
      expect(approved.status).toBe(200);
    }
    await drainOutbox(h.api.deps);
    await runDueJobs();
    expect(caseRow(session.session_id)).toMatchObject({
      status: 'pending',
      providerStatus: 'Resubmitted',
      flag: null,
    });
  });

  it('maps "Kyc Expired" from an approved case to expired (a documented, non-undoing status)', async () => {
    const session = await createSession('approve');
    await reportStatus(session.session_id, 'Kyc Expired', 'apply');
    expect(caseRow(session.session_id)).toMatchObject({
      status: 'expired',
      providerStatus: 'Kyc Expired',
      flag: null,
    });
  });
});

describe('periodic reconciliation', () => {
  it('picks up a session whose webhook was never delivered, without anyone asking', async () => {
    const periodic = await startHarness({ env: { RECONCILE_INTERVAL_SECONDS: '1' } });
    try {
      await periodic.sandbox('/v3/webhook/', { webhook_url: null }, 'PATCH');
      const created = await periodic.sandbox('/_sandbox/didit/sessions', {
        scenario: 'review_low_face_match',
      });
      const sessionId = created.body.sessions[0].session_id as string;
      const find = () =>
        periodic.api.deps.db.sqlite
          .prepare(`SELECT status FROM cases WHERE provider = 'didit' AND external_id = ?`)
          .get(sessionId) as { status: string } | undefined;
      const deadline = Date.now() + 10_000;
      while (!find() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(find()).toEqual({ status: 'needs_review' });
      const audit = periodic.api.deps.db.sqlite
        .prepare(`SELECT action, request_id AS requestId FROM audit_log WHERE external_id = ? ORDER BY id`)
        .all(sessionId) as { action: string; requestId: string }[];
      expect(audit[0]).toEqual({ action: 'case.created', requestId: 'periodic-reconciliation' });
    } finally {
      await periodic.close();
    }
  });
});
