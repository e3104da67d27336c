import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jsonCaller } from '../../test/cases';
import { type Harness, startHarness } from '../../test/harness';
import { auditRows, seedCases } from '../../test/seed-cases';
import { TAG_CANDIDATE_LIMIT } from '../cases/repo';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const send: ReturnType<typeof jsonCaller> = (...args) => jsonCaller(h)(...args);

describe('tag list (managers define it)', () => {
  it('lets a manager create, rename and retire tags, audited; analysts may only read', async () => {
    const refused = await send(
      '/api/tags',
      'POST',
      { name: 'Sanctions follow-up', colour: 'red' },
      'analyst',
    );
    expect(refused.status).toBe(403);

    const created = await send(
      '/api/tags',
      'POST',
      { name: 'Sanctions follow-up', colour: 'red' },
      'manager',
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      name: 'Sanctions follow-up',
      colour: 'red',
      retired: false,
    });
    const [createdAudit] = auditRows(h, 'tag.created');
    expect(createdAudit?.actor_role).toBe('manager');
    expect(JSON.parse(createdAudit!.after!)).toEqual({
      tagId: created.body.id,
      tagName: 'Sanctions follow-up',
      colour: 'red',
    });

    const duplicate = await send(
      '/api/tags',
      'POST',
      { name: 'sanctions FOLLOW-UP', colour: 'blue' },
      'manager',
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('tag_name_taken');

    const renamed = await send(
      `/api/tags/${created.body.id}`,
      'PATCH',
      { name: 'Sanctions check' },
      'manager',
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Sanctions check');
    expect(JSON.parse(auditRows(h, 'tag.updated')[0]!.before!)).toMatchObject({
      tagName: 'Sanctions follow-up',
    });

    expect((await send(`/api/tags/${created.body.id}`, 'PATCH', { retired: true }, 'analyst')).status).toBe(
      403,
    );
    const retired = await send(`/api/tags/${created.body.id}`, 'PATCH', { retired: true }, 'manager');
    expect(retired.body.retired).toBe(true);
    expect(auditRows(h, 'tag.retired')).toHaveLength(1);

    const list = await send('/api/tags', 'GET', undefined, 'analyst');
    expect(list.status).toBe(200);
    expect(list.body).toContainEqual({
      id: created.body.id,
      name: 'Sanctions check',
      colour: 'red',
      retired: true,
    });
  });

  it('refuses free text and unknown colours with 400', async () => {
    const note = await send(
      '/api/tags',
      'POST',
      { name: 'Called John: he said <no>', colour: 'red' },
      'manager',
    );
    expect(note.status).toBe(400);
    const long = await send('/api/tags', 'POST', { name: 'x'.repeat(41), colour: 'red' }, 'manager');
    expect(long.status).toBe(400);
    const colour = await send('/api/tags', 'POST', { name: 'Ok name', colour: '#ff0000' }, 'manager');
    expect(colour.status).toBe(400);
    expect((await send('/api/tags/9999', 'PATCH', { retired: true }, 'manager')).status).toBe(404);
    expect((await send('/api/tags/1', 'PATCH', {}, 'manager')).status).toBe(400);
  });
});

describe('tags on cases', () => {
  it('adds and removes a tag on a case, each change audited; a retired tag stays but cannot be added', async () => {
    const [caseId] = seedCases(h, 'tagged-one', 1);
    const tag = (await send('/api/tags', 'POST', { name: 'EDD', colour: 'grape' }, 'manager')).body;

    const added = await send(`/api/cases/${caseId}/tags/${tag.id}`, 'PUT');
    expect(added.status).toBe(200);
    expect(added.body.map((t: { id: number }) => t.id)).toEqual([tag.id]);
    const addAudit = auditRows(h, 'case.tag_added').filter((row) => row.case_id === caseId);
    expect(addAudit).toHaveLength(1);
    expect(addAudit[0]!.actor_role).toBe('analyst');
    expect(JSON.parse(addAudit[0]!.after!)).toEqual({ tagId: tag.id, tagName: 'EDD' });
    // Adding it again changes nothing and writes nothing.
    await send(`/api/cases/${caseId}/tags/${tag.id}`, 'PUT');
    expect(auditRows(h, 'case.tag_added').filter((row) => row.case_id === caseId)).toHaveLength(1);

    const row = (await send(`/api/cases?q=tagged-one-0`)).body.items[0];
    expect(row.tags).toEqual([{ id: tag.id, name: 'EDD', colour: 'grape', retired: false }]);

    await send(`/api/tags/${tag.id}`, 'PATCH', { retired: true }, 'manager');
    expect((await send(`/api/cases/${caseId}/tags`)).body).toEqual([
      { id: tag.id, name: 'EDD', colour: 'grape', retired: true },
    ]);
    const [other] = seedCases(h, 'tagged-retired', 1);
    const refused = await send(`/api/cases/${other}/tags/${tag.id}`, 'PUT');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('tag_retired');
    expect((await send(`/api/cases/${other}/tags`)).body).toEqual([]);

    // A retired tag can still be taken off.
    const removed = await send(`/api/cases/${caseId}/tags/${tag.id}`, 'DELETE');
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual([]);
    expect(auditRows(h, 'case.tag_removed').filter((row) => row.case_id === caseId)).toHaveLength(1);

    expect((await send(`/api/cases/999999/tags/${tag.id}`, 'PUT')).status).toBe(404);
    expect((await send(`/api/cases/${caseId}/tags/999999`, 'PUT')).status).toBe(404);
  });

  it('filters the queue by tag and pages it with keyset cursors, for a rare and a common tag', async () => {
    const ids = seedCases(h, 'tagpage', TAG_CANDIDATE_LIMIT + 300);
    const rare = (await send('/api/tags', 'POST', { name: 'Rare', colour: 'teal' }, 'manager')).body;
    const common = (await send('/api/tags', 'POST', { name: 'Common', colour: 'blue' }, 'manager')).body;
    const insert = h.api.deps.db.sqlite.prepare(
      'INSERT INTO case_tags (case_id, tag_id, added_by, added_at) VALUES (?, ?, ?, ?)',
    );
    const rareIds = ids.filter((_, i) => i % 23 === 0);
    const commonIds = ids.filter((_, i) => i % 10 !== 3);
    h.api.deps.db.sqlite.transaction(() => {
      for (const id of rareIds) insert.run(id, rare.id, 'seed', 0);
      for (const id of commonIds) insert.run(id, common.id, 'seed', 0);
    })();
    expect(commonIds.length).toBeGreaterThan(TAG_CANDIDATE_LIMIT);

    for (const [tag, expected] of [
      [rare, rareIds],
      [common, commonIds],
    ] as const) {
      for (const sort of ['createdAt', 'riskScore']) {
        const seen: number[] = [];
        let cursor: string | null = null;
        do {
          const page: { status: number; body: any } = await send(
            `/api/cases?status=needs_review&tag=${tag.id}&sort=${sort}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
          );
          expect(page.status).toBe(200);
          for (const item of page.body.items) {
            expect(item.tags.map((t: { id: number }) => t.id)).toContain(tag.id);
            if (item.externalId.startsWith('tagpage-')) seen.push(item.id);
          }
          cursor = page.body.nextCursor;
        } while (cursor);
        expect(new Set(seen).size).toBe(seen.length);
        expect([...seen].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
      }
    }
    expect((await send('/api/cases?tag=abc')).status).toBe(400);
    expect((await send('/api/cases?tag=999999')).body.items).toEqual([]);
  });

  it('keeps the sort index driving the scan under a common tag (query plan)', async () => {
    const common = (await send('/api/tags', 'GET')).body.find((t: { name: string }) => t.name === 'Common');
    const sqlite = h.api.deps.db.sqlite;
    const spy = vi.spyOn(sqlite, 'prepare');
    const prepared: string[] = [];
    try {
      for (const sort of ['createdAt', 'riskScore', 'dueAt']) {
        await send(`/api/cases?status=needs_review&kind=kyc_session&tag=${common.id}&sort=${sort}`);
        await send(`/api/cases?status=needs_review,escalated&kind=kyc_session&tag=${common.id}&sort=${sort}`);
      }
      prepared.push(...spy.mock.calls.map(([text]) => String(text)));
    } finally {
      spy.mockRestore();
    }
    const listSql = prepared.filter((text) => text.includes('EXISTS (SELECT 1 FROM case_tags'));
    expect(listSql.length).toBeGreaterThan(0);
    for (const text of listSql) {
      // The plan does not depend on the values, only on the statement's shape.
      const params = Array.from({ length: text.split('?').length - 1 }, () => 1);
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[])
        .map((row) => row.detail)
        .join('\n');
      expect(plan).toMatch(/USING INDEX cases_status_(created|risk_sort|due_sort)/);
      expect(plan).toMatch(/SEARCH case_tags EXISTS USING COVERING INDEX/);
      // Several statuses: each branch reads its index and stops at a page; only those bounded pages are
      // sorted (the temporary B-tree follows a scan of a subquery, never a scan of cases).
      const lines = plan.split('\n');
      lines.forEach((line, index) => {
        if (line.includes('TEMP B-TREE')) expect(lines[index - 1], plan).toMatch(/^SCAN \(subquery-\d+\)$/);
      });
      if (!text.includes('UNION ALL')) expect(plan).not.toContain('TEMP B-TREE');
    }
  });
});
