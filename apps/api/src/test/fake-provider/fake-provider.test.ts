import { randomUUID } from 'node:crypto';
import { verifyAuditChain } from '@backoffice/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProvider } from '../../providers/registry';
import { type Harness, startHarness } from '../harness';
import { FAKE_KIND, FAKE_PROVIDER, fakeAdapter, ingestFakeCheck } from './adapter';

let h: Harness;
let unregister: () => void;
beforeAll(async () => {
  unregister = registerProvider(fakeAdapter);
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  unregister?.();
});

describe('adding a provider is one adapter and one registry line', () => {
  it('a fake provider drives a case through ingest, the queue, the detail, a decision and the audit log', async () => {
    const check = { eventId: 'evt-1', checkId: 'chk-1', subjectName: 'Ada Fake', score: 71 };
    const first = ingestFakeCheck(h.api.deps, check, 'test-ingest');
    expect(first.outcome).toBe('applied');
    // The shared path deduplicates on the event id: a replay changes nothing.
    expect(ingestFakeCheck(h.api.deps, check, 'test-ingest').outcome).toBe('duplicate');
    const caseId = first.caseId!;

    const queue = await h.call('/api/cases?status=needs_review');
    expect(queue.status).toBe(200);
    const listed = queue.body.items.find((item: { id: number }) => item.id === caseId);
    expect(listed).toMatchObject({ provider: FAKE_PROVIDER, kind: FAKE_KIND, status: 'needs_review' });

    const detail = await h.call(`/api/cases/${caseId}`);
    expect(detail.status).toBe(200);
    // Local channel: approve and decline are offered, provider-only actions are not.
    expect(detail.body.allowedActions).toEqual(expect.arrayContaining(['approve', 'decline', 'escalate']));
    expect(detail.body.allowedActions).not.toContain('blocklist');
    expect(detail.body.view).toBeNull();

    const decided = await h.call(`/api/cases/${caseId}/actions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'if-match': String(detail.body.version),
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        type: 'approve',
        reasonCode: 'manual_review_cleared',
        note: 'fake check is fine',
      }),
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(202);
    expect(decided.body.action.status).toBe('applied');
    expect(decided.body.case.status).toBe('approved');

    const trail = h.api.deps.db.sqlite
      .prepare(
        'SELECT action, actor_type, provider, before, after FROM audit_log WHERE case_id = ? ORDER BY id',
      )
      .all(caseId) as {
      action: string;
      actor_type: string;
      provider: string;
      before: string;
      after: string;
    }[];
    expect(trail.map((row) => row.action)).toEqual([
      'case.created',
      'case.viewed',
      'case.action_requested',
      'case.action_applied',
    ]);
    expect(trail.every((row) => row.provider === FAKE_PROVIDER)).toBe(true);
    expect(JSON.parse(trail[3]!.after)).toMatchObject({ status: 'approved', local: true });
    // No personal data in the audit log: the subject's name never appears.
    expect(JSON.stringify(trail)).not.toContain('Ada Fake');
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });
});
