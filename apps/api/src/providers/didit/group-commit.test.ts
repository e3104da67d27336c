import { createHmac, randomUUID } from 'node:crypto';
import { verifyAuditChain } from '@backoffice/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const POISONED_SESSION = 'group-commit-poisoned-session';

function signedBody(envelope: Record<string, unknown>) {
  const body = JSON.stringify(envelope);
  return {
    body,
    signature: createHmac('sha256', h.webhookSecret).update(body).digest('hex'),
  };
}

function post({ body, signature }: { body: string; signature: string }) {
  return h.call('/webhooks/didit', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signature },
    body,
    as: null,
  });
}

const all = <T>(sql: string, ...params: unknown[]) => h.api.deps.db.sqlite.prepare(sql).all(...params) as T[];

describe('group commit of concurrent Didit deliveries', () => {
  it('a burst of 200 (duplicates, data.updated, one poisoned) stores exactly the right rows, one audit row per change, chain intact', async () => {
    const run = randomUUID().slice(0, 8);
    const now = Math.floor(Date.now() / 1000);
    const statusEvents = Array.from({ length: 160 }, (_, i) =>
      signedBody({
        event_id: randomUUID(),
        webhook_type: 'status.updated',
        timestamp: now,
        created_at: now,
        session_id: `gc-${run}-${i}`,
        status: 'In Progress',
      }),
    );
    const dataEvents = Array.from({ length: 10 }, (_, i) =>
      signedBody({
        event_id: randomUUID(),
        webhook_type: 'data.updated',
        timestamp: now,
        created_at: now,
        session_id: `gc-${run}-data-${i}`,
      }),
    );
    // Same event_id and bytes as an original: Didit retrying while the first attempt is in flight.
    const duplicates = statusEvents.slice(0, 29);
    const poisoned = signedBody({
      event_id: randomUUID(),
      webhook_type: 'status.updated',
      timestamp: now,
      created_at: now,
      session_id: POISONED_SESSION,
      status: 'In Progress',
    });
    const auditBefore = all<{ n: number }>('SELECT count(*) AS n FROM audit_log')[0]!.n;
    // A constraint that fails this one delivery's DB step, inside whatever batch it lands in.
    h.api.deps.db.sqlite.exec(`CREATE TEMP TRIGGER group_commit_poison BEFORE INSERT ON cases
      WHEN NEW.external_id = '${POISONED_SESSION}' BEGIN SELECT RAISE(ABORT, 'poisoned delivery'); END`);
    let responses: { status: number; body: any }[];
    try {
      const deliveries = [...statusEvents, ...dataEvents, ...duplicates, poisoned];
      // Interleave so originals, duplicates and the poisoned one arrive together.
      deliveries.sort(() => Math.random() - 0.5);
      expect(deliveries).toHaveLength(200);
      const byBody = new Map<string, Promise<{ status: number; body: any }>[]>();
      await Promise.all(
        deliveries.map((delivery) => {
          const sent = post(delivery);
          byBody.set(delivery.body, [...(byBody.get(delivery.body) ?? []), sent]);
          return sent;
        }),
      );
      responses = await Promise.all(deliveries.map((d) => byBody.get(d.body)![0]!));

      const poisonedResponse = await byBody.get(poisoned.body)![0]!;
      expect(poisonedResponse.status).toBeGreaterThanOrEqual(500);
      expect(poisonedResponse).toMatchObject({ status: 500, body: { code: 'internal_error' } });

      const statusOutcomes = await Promise.all(
        statusEvents.map(async (e) => Promise.all(byBody.get(e.body)!)),
      );
      for (const [i, attempts] of statusOutcomes.entries()) {
        expect(attempts.map((r) => r.status)).toEqual(attempts.map(() => 200));
        const outcomes = attempts.map((r) => r.body.outcome).sort();
        expect(outcomes).toEqual(i < duplicates.length ? ['applied', 'duplicate'] : ['applied']);
      }
      for (const e of dataEvents) {
        const [response] = await Promise.all(byBody.get(e.body)!);
        expect(response).toMatchObject({ status: 200, body: { outcome: 'reread_queued' } });
      }
    } finally {
      h.api.deps.db.sqlite.exec('DROP TRIGGER IF EXISTS temp.group_commit_poison');
    }
    expect(responses).toHaveLength(200);

    const events = all<{ event_id: string }>(
      "SELECT event_id FROM provider_events WHERE provider = 'didit' AND external_id LIKE ?",
      `gc-${run}-%`,
    );
    expect(events).toHaveLength(170);
    expect(all('SELECT 1 FROM provider_events WHERE external_id = ?', POISONED_SESSION)).toEqual([]);
    expect(all('SELECT 1 FROM cases WHERE external_id = ?', POISONED_SESSION)).toEqual([]);

    const created = all<{ id: number }>(
      "SELECT id FROM cases WHERE provider = 'didit' AND external_id LIKE ?",
      `gc-${run}-%`,
    );
    expect(created).toHaveLength(160);
    const auditPerCase = all<{ case_id: number; n: number; action: string }>(
      `SELECT case_id, count(*) AS n, min(action) AS action FROM audit_log
       WHERE case_id IN (SELECT id FROM cases WHERE external_id LIKE ?) GROUP BY case_id`,
      `gc-${run}-%`,
    );
    expect(auditPerCase).toHaveLength(160);
    expect(auditPerCase.every((row) => row.n === 1 && row.action === auditPerCase[0]!.action)).toBe(true);
    expect(all<{ n: number }>('SELECT count(*) AS n FROM audit_log')[0]!.n - auditBefore).toBe(160);

    const jobs = all<{ external_id: string; reason: string }>(
      'SELECT external_id, reason FROM ingest_jobs WHERE external_id LIKE ?',
      `gc-${run}-data-%`,
    );
    expect(jobs).toHaveLength(10);
    expect(jobs.every((job) => job.reason === 'data.updated')).toBe(true);

    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  }, 60_000);
});
