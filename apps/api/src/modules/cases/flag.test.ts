import { verifyAuditChain } from '@backoffice/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';
import { drainIngestJobs } from '../reconcile/jobs';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const db = () => h.api.deps.db.sqlite;

/** A Didit case in review that Didit then reports with a status the product has never seen: flagged. */
async function flaggedCase(): Promise<{ id: number; version: number }> {
  const created = await h.sandbox('/_sandbox/didit/sessions', { scenario: 'review_low_face_match' });
  expect(created.status).toBe(201);
  const sessionId = created.body.sessions[0].session_id as string;
  const row = () =>
    db()
      .prepare("SELECT id, version, status, flag FROM cases WHERE provider = 'didit' AND external_id = ?")
      .get(sessionId) as { id: number; version: number; status: string; flag: string | null } | undefined;
  // The scenario's webhooks arrive on their own; wait for the last one before Didit reports the unknown status.
  // Deliver every webhook the scenario has queued before Didit reports the unknown status, so none of
  // them lands after the flag and moves the version on.
  await h.sandbox('/_sandbox/didit/webhooks/flush', {});
  await expect.poll(() => row()?.status, { timeout: 10_000 }).toBe('needs_review');
  const sent = await h.sandbox(`/_sandbox/didit/sessions/${sessionId}/status`, {
    status: 'Under Investigation',
    mode: 'webhook_only',
  });
  expect(sent.status).toBe(200);
  await h.sandbox('/_sandbox/didit/webhooks/flush', {});
  await expect.poll(() => row()?.flag, { timeout: 10_000 }).toBe('unknown_provider_status');
  // The flag queues a re-read of the session, which writes the case once more: wait for it to settle.
  await drainIngestJobs(h.api.deps);
  await expect
    .poll(
      () =>
        (
          db()
            .prepare(
              "SELECT count(*) AS n FROM ingest_jobs WHERE provider = 'didit' AND external_id = ? AND status <> 'done'",
            )
            .get(sessionId) as { n: number }
        ).n,
      { timeout: 15_000 },
    )
    .toBe(0);
  // The webhook's follow-up work (the session re-read) may write the case once more: wait until the
  // version holds still, so the If-Match below names the version a manager would be looking at.
  await expect
    .poll(
      async () => {
        const seen = row()!.version;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return row()!.version === seen;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  const flagged = row()!;
  return { id: flagged.id, version: flagged.version };
}

const clear = (
  caseId: number,
  body: unknown,
  options: { as?: 'analyst' | 'manager' | 'admin' | null; ifMatch?: string | number } = {},
) =>
  h.call(`/api/cases/${caseId}/flag/clear`, {
    method: 'POST',
    as: options.as === undefined ? 'manager' : options.as,
    headers: {
      'content-type': 'application/json',
      ...(options.ifMatch === undefined ? {} : { 'if-match': String(options.ifMatch) }),
    },
    body: JSON.stringify(body),
  });

const trail = (caseId: number) =>
  db()
    .prepare(
      'SELECT action, actor_id AS actorId, actor_role AS actorRole, reason, before, after FROM audit_log WHERE case_id = ? ORDER BY id',
    )
    .all(caseId) as {
    action: string;
    actorId: string;
    actorRole: string;
    reason: string | null;
    before: string;
    after: string;
  }[];

describe('clearing a case flag', () => {
  it('lets a manager clear a flag with a reason: audited in the same write, shown in history, status kept', async () => {
    const target = await flaggedCase();
    const answer = await clear(target.id, { reason: 'provider_status_checked' }, { ifMatch: target.version });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: target.id, flag: null, status: 'needs_review' });

    const row = db()
      .prepare('SELECT flag, flag_detail, flagged_at, version, status FROM cases WHERE id = ?')
      .get(target.id);
    expect(row).toEqual({
      flag: null,
      flag_detail: null,
      flagged_at: null,
      version: target.version + 1,
      status: 'needs_review',
    });
    const last = trail(target.id).at(-1)!;
    expect(last).toMatchObject({
      action: 'case.flag_cleared',
      actorRole: 'manager',
      reason: 'Flag cleared: Checked at the provider: the case status is right',
    });
    expect(JSON.parse(last.before)).toEqual({
      flag: 'unknown_provider_status',
      flagDetail: 'Under Investigation',
      status: 'needs_review',
    });
    expect(JSON.parse(last.after)).toEqual({ flag: null, flagDetail: null, status: 'needs_review' });
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);

    const detail = await h.call(`/api/cases/${target.id}`, { as: 'analyst' });
    expect(detail.body.flag).toBeNull();
    const cleared = detail.body.history.filter(
      (entry: { action: string }) => entry.action === 'case.flag_cleared',
    );
    expect(cleared).toEqual([
      expect.objectContaining({
        reason: 'Flag cleared: Checked at the provider: the case status is right',
        actorType: 'user',
        actorName: expect.any(String),
      }),
    ]);
    const listed = await h.call(`/api/cases?flagged=true&limit=200`, { as: 'manager' });
    expect(listed.body.items.map((item: { id: number }) => item.id)).not.toContain(target.id);
  });

  it('refuses analysts (403) and anyone signed out (401); admins may', async () => {
    const target = await flaggedCase();
    expect(
      (await clear(target.id, { reason: 'raised_in_error' }, { as: 'analyst', ifMatch: target.version }))
        .status,
    ).toBe(403);
    expect(
      (await clear(target.id, { reason: 'raised_in_error' }, { as: null, ifMatch: target.version })).status,
    ).toBe(401);
    const untouched = db().prepare('SELECT flag, version FROM cases WHERE id = ?').get(target.id);
    expect(untouched).toEqual({ flag: 'unknown_provider_status', version: target.version });
    const byAdmin = await clear(
      target.id,
      { reason: 'raised_in_error' },
      { as: 'admin', ifMatch: target.version },
    );
    expect(byAdmin.body).toMatchObject({ flag: null });
    expect(byAdmin.status).toBe(200);
  });

  it('answers 4xx and changes nothing: no If-Match, a stale version, a flag already cleared, a bad reason, an unknown case', async () => {
    const target = await flaggedCase();
    const auditRows = () => trail(target.id).length;
    const before = auditRows();
    expect((await clear(target.id, { reason: 'decision_confirmed' })).status).toBe(428);
    const stale = await clear(target.id, { reason: 'decision_confirmed' }, { ifMatch: target.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    for (const body of [
      {},
      { reason: 'because I said so' },
      { reason: 'decision_confirmed', note: 'x' },
      'nope',
    ]) {
      const bad = await clear(target.id, body, { ifMatch: target.version });
      expect(bad.status).toBe(400);
    }
    expect((await clear(999_999, { reason: 'decision_confirmed' }, { ifMatch: 1 })).status).toBe(404);
    expect(auditRows()).toBe(before);

    expect(
      (await clear(target.id, { reason: 'decision_confirmed' }, { ifMatch: target.version })).status,
    ).toBe(200);
    const again = await clear(target.id, { reason: 'decision_confirmed' }, { ifMatch: target.version + 1 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('case_not_flagged');
    expect(auditRows()).toBe(before + 1);
  });
});
