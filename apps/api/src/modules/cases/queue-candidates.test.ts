import { CaseListQuery } from '@backoffice/contracts';
import { cases } from '@backoffice/db';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';
import { seedCases } from '../../test/seed-cases';
import { listCases } from './repo';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const HOUR = 3_600_000;

describe('queue filters that match few cases', () => {
  it("reads a person's cases and the overdue ones from their own index, sorted like the queue, and never walks the whole queue for them", async () => {
    const ids = seedCases(h, 'few', 400);
    const me = (await h.call('/api/auth/me')).body as { id: string };
    const sqlite = h.api.deps.db.sqlite;
    const mine = [ids[3]!, ids[150]!, ids[151]!, ids[399]!];
    const overdue = [ids[10]!, ids[200]!, ids[300]!];
    const set = sqlite.prepare('UPDATE cases SET assignee_id = ?, due_at = ? WHERE id = ?');
    sqlite.transaction(() => {
      for (const id of ids) {
        const assignee = mine.includes(id) ? me.id : id % 7 === 0 ? 'someone-else' : null;
        set.run(assignee, Date.now() + (overdue.includes(id) ? -HOUR : 24 * HOUR), id);
      }
    })();
    const newestFirst = (list: number[]) => [...list].sort((a, b) => b - a);
    const spy = vi.spyOn(sqlite, 'prepare');
    const texts: string[] = [];
    try {
      const mineList = await h.call('/api/cases?status=needs_review&assignee=me');
      expect(mineList.status).toBe(200);
      expect(mineList.body.items.map((item: { id: number }) => item.id)).toEqual(newestFirst(mine));
      const byRisk = await h.call('/api/cases?status=needs_review&assignee=me&sort=riskScore&order=desc');
      const risks = byRisk.body.items.map((item: { riskScore: number }) => item.riskScore);
      expect(risks).toEqual([...risks].sort((a, b) => b - a));
      expect(byRisk.body.items).toHaveLength(mine.length);
      const overdueList = await h.call('/api/cases?status=needs_review&overdue=true');
      expect(overdueList.body.items.map((item: { id: number }) => item.id)).toEqual(newestFirst(overdue));
      // Someone holding no case: an empty page, answered from the index.
      expect((await h.call('/api/cases?status=needs_review&assignee=nobody-at-all')).body.items).toEqual([]);
      texts.push(...spy.mock.calls.map(([text]) => String(text)));
    } finally {
      spy.mockRestore();
    }
    const personRead = texts.find((text) => text.startsWith('SELECT id FROM cases WHERE assignee_id = ?'));
    const overdueRead = texts.find((text) => text.includes("status = 'needs_review' AND coalesce(due_at"));
    for (const [text, index] of [
      [personRead, 'cases_assignee_status'],
      [overdueRead, 'cases_status_due_sort'],
    ] as const) {
      expect(text).toBeDefined();
      const params = Array.from({ length: text!.split('?').length - 1 }, () => 1);
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[])
        .map((row) => row.detail)
        .join('\n');
      expect(plan).toContain(index);
    }
    // The page itself is then read from those candidates only.
    expect(
      texts.some((text) => text.includes('json_each(?) AS candidate') && text.includes('assignee_id = ?')),
    ).toBe(true);
  });
});

describe('the overdue tab count', () => {
  it('equals a direct count, read as the cases in review minus the few not yet due (never the overdue range)', async () => {
    const ids = seedCases(h, 'due', 300);
    const sqlite = h.api.deps.db.sqlite;
    const set = sqlite.prepare('UPDATE cases SET due_at = ? WHERE id = ?');
    sqlite.transaction(() => {
      ids.forEach((id, i) => {
        // Most overdue, a few not yet due, some without a due time (never overdue).
        set.run(i % 50 === 0 ? null : Date.now() + (i % 9 === 0 ? 4 * HOUR : -HOUR), id);
      });
    })();
    // Decided cases keep their due time but are not overdue.
    sqlite.prepare("UPDATE cases SET status = 'approved' WHERE id IN (?, ?)").run(ids[1], ids[2]);
    const direct = () =>
      sqlite
        .prepare(
          "SELECT count(*) FROM cases WHERE status = 'needs_review' AND coalesce(due_at, 8640000000000000) < ?",
        )
        .pluck()
        .get(Date.now()) as number;
    // Every statement run, including those prepared by earlier requests (statements are cached).
    const statementClass = Object.getPrototypeOf(sqlite.prepare('SELECT 1')) as {
      all: (...params: unknown[]) => unknown[];
    };
    const spy = vi.spyOn(statementClass, 'all');
    let texts: string[];
    let overdue: number;
    try {
      const page = await h.call('/api/cases?status=needs_review');
      expect(page.status).toBe(200);
      overdue = page.body.workload.overdue;
      texts = spy.mock.contexts.map((statement) => (statement as { source: string }).source);
    } finally {
      spy.mockRestore();
    }
    expect(overdue).toBe(direct());
    expect(overdue).toBeGreaterThan(200);
    const counted = texts.filter((text) => text.includes('count(*)') && text.includes('due_at'));
    expect(counted.length).toBeGreaterThan(0);
    for (const text of counted) expect(text).not.toMatch(/due_at, \d+\) < \?/);
    const notYetDue = sqlite
      .prepare(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM (SELECT 1 FROM cases WHERE status = 'needs_review' AND coalesce(due_at, 8640000000000000) >= ? LIMIT 10000)",
      )
      .all(Date.now()) as { detail: string }[];
    expect(notYetDue.map((row) => row.detail).join('\n')).toContain('cases_status_due_sort');
  });
});

describe('the queue page read as column arrays', () => {
  it('gives every column of every row as the case table holds it, for one status and for several', () => {
    const ids = seedCases(h, 'columns', 6);
    seedCases(h, 'columns-approved', 3, 'approved');
    const sqlite = h.api.deps.db.sqlite;
    // Every nullable column set, each to a value of its own, so two swapped columns cannot pass.
    const fill =
      sqlite.prepare(`UPDATE cases SET subject_ref = ?, subject_country = 'PT', document_number = ?,
      risk_band = 'high', warning_count = ?, workflow_id = ?, decided_at = ?, provider_event_at = ?,
      assignee_id = ?, flag = 'provider_reverted', flag_detail = 'Approved → Declined', flagged_at = ?,
      assigned_at = ?, review_entered_at = ?, due_at = ? WHERE id = ?`);
    ids.forEach((id, i) => {
      const base = 1_700_000_000_000 + i * 100;
      fill.run(
        `ref-${i}`,
        `DOC${i}`,
        i + 1,
        `wf-${i}`,
        base + 1,
        base + 2,
        `user-${i}`,
        base + 3,
        base + 4,
        base + 5,
        base + 6,
        id,
      );
    });
    for (const status of ['needs_review', 'needs_review,approved']) {
      const query = CaseListQuery.parse({ status, limit: '50' });
      const { rows } = listCases(h.api.deps.db, query, null, { viewerId: 'user-0', now: Date.now() });
      const wanted = rows.map((row) => row.id);
      const stored = new Map(
        h.api.deps.db.orm
          .select()
          .from(cases)
          .where(inArray(cases.id, wanted))
          .all()
          .map(({ payload: _, ...row }) => [row.id, row]),
      );
      expect(rows.length).toBeGreaterThanOrEqual(6);
      for (const row of rows) expect(row).toEqual(stored.get(row.id));
      expect(rows.filter((row) => row.flaggedAt !== null).length).toBeGreaterThanOrEqual(6);
    }
  });
});
