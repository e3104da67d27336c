import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';

/* The drift view pages past its 200-row page limit with a keyset cursor on the drift id, newest first. */

let h: Harness;
const TOTAL = 260;
const RESOLVED_EVERY = 4;

beforeAll(async () => {
  h = await startHarness();
  const db = h.api.deps.db.sqlite;
  const insertCase = db.prepare(
    `INSERT INTO cases (provider, kind, external_id, status, provider_status, created_at, updated_at, payload)
     VALUES ('didit', 'kyc_session', ?, 'approved', 'Approved', ?, ?, '{}')`,
  );
  const insertDrift = db.prepare(
    `INSERT INTO case_drifts (case_id, provider, kind, our_status, our_provider_status, their_status,
       their_provider_status, their_changes, source, detected_at, last_seen_at, status, resolution)
     VALUES (?, 'didit', 'kyc_session', 'approved', 'Approved', 'rejected', 'Declined', '{}', 'reconcile', ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < TOTAL; i += 1) {
      const at = Date.now() - (TOTAL - i) * 1000;
      const caseId = Number(insertCase.run(`paging-${i}`, at, at).lastInsertRowid);
      const resolved = i % RESOLVED_EVERY === 0;
      insertDrift.run(caseId, at, at, resolved ? 'resolved' : 'open', resolved ? 'accept_provider' : null);
    }
  })();
});
afterAll(async () => {
  await h?.close();
});

async function walk(status: string, limit: number) {
  const ids: number[] = [];
  const pages: number[] = [];
  let before: number | null = null;
  do {
    const query = new URLSearchParams({ status, limit: String(limit) });
    if (before !== null) query.set('before', String(before));
    const page = await h.call(`/api/drift?${query}`, { as: 'manager' });
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((item: { id: number }) => item.id));
    pages.push(page.body.items.length);
    before = page.body.nextBefore;
  } while (before !== null && pages.length < 10);
  return { ids, pages };
}

describe('drift list paging', () => {
  it('walks all 260 drifts in pages of 200, newest first, each drift once', async () => {
    const { ids, pages } = await walk('all', 200);
    expect(pages).toEqual([200, 60]);
    expect(new Set(ids).size).toBe(TOTAL);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('keeps the status filter across pages: 195 unresolved in pages of 50', async () => {
    const { ids, pages } = await walk('unresolved', 50);
    expect(pages).toEqual([50, 50, 50, 45]);
    expect(new Set(ids).size).toBe(TOTAL - TOTAL / RESOLVED_EVERY);
    const first = await h.call('/api/drift?status=unresolved&limit=1', { as: 'manager' });
    expect(first.body.unresolved).toBe(195);
  });

  it('answers the last page with nextBefore null, and refuses a bad cursor with 400', async () => {
    const last = await h.call('/api/drift?status=all&limit=200&before=2', { as: 'manager' });
    expect(last.body).toMatchObject({ nextBefore: null });
    expect(last.body.items).toHaveLength(1);
    for (const before of ['0', '-1', 'abc', '1.5']) {
      const bad = await h.call(`/api/drift?before=${before}`, { as: 'manager' });
      expect(bad.status, before).toBe(400);
      expect(bad.body.code).toBe('invalid_request');
    }
  });
});
