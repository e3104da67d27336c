import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDiditCase, sqlOn } from '../../test/cases';
import { type Harness, startHarness } from '../../test/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const sql = <T>(query: string, ...params: unknown[]) => sqlOn(h)<T>(query, ...params);

describe('GET /api/cases item cursors (decide-and-next resumes the view after a row)', () => {
  it('gives one cursor per row that resumes the same view right after it, also once that row has left the view', async () => {
    for (let index = 0; index < 4; index += 1) await newDiditCase(h);
    const view = '/api/cases?status=needs_review&assignee=unassigned&sort=createdAt&order=asc';
    const page = await h.call(`${view}&limit=50`);
    expect(page.status).toBe(200);
    const ids: number[] = page.body.items.map((item: { id: number }) => item.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(page.body.itemCursors).toHaveLength(ids.length);

    // Resuming after row 1 gives rows 2 and 3, in the view's order.
    const resumed = await h.call(`${view}&limit=2&cursor=${page.body.itemCursors[1]}`);
    expect(resumed.status).toBe(200);
    expect(resumed.body.items.map((item: { id: number }) => item.id)).toEqual(ids.slice(2, 4));

    // Row 1 is claimed (it leaves the "unassigned" view): its cursor still resumes after its position.
    const claimed = ids[1]!;
    const [{ version }] = sql<{ version: number }>('SELECT version FROM cases WHERE id = ?', claimed) as [
      { version: number },
    ];
    const claim = await h.call(`/api/cases/${claimed}/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-match': String(version) },
    });
    expect(claim.status).toBe(200);
    expect(
      sql('SELECT id FROM audit_log WHERE action = ? AND case_id = ?', 'case.claimed', claimed),
    ).toHaveLength(1);
    const after = await h.call(`${view}&limit=1&cursor=${page.body.itemCursors[1]}`);
    expect(after.body.items.map((item: { id: number }) => item.id)).toEqual([ids[2]]);
    const fresh = await h.call(`${view}&limit=50`);
    expect(fresh.body.items.map((item: { id: number }) => item.id)).not.toContain(claimed);

    // A row's cursor belongs to its sort: another sort refuses it with a clear 400.
    const wrongSort = await h.call(
      `/api/cases?status=needs_review&sort=riskScore&order=asc&cursor=${page.body.itemCursors[0]}`,
    );
    expect(wrongSort.status).toBe(400);
    expect(wrongSort.body.code).toBe('invalid_request');
  });
});
