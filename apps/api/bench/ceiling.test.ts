import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../src/test/harness';
import { seedCases } from '../src/test/seed-cases';
import { createCeilingApp } from './ceiling-process';
import { queueScenarios } from './scenarios';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const HOUR = 3_600_000;

describe('the benchmark ceiling', () => {
  it('answers every queue scenario, the assignee, overdue, due-time and tag ones included, with the rows the API lists', async () => {
    const review = seedCases(h, 'ceiling', 130);
    seedCases(h, 'ceiling-approved', 120, 'approved');
    const me = (await h.call('/api/auth/me')).body as { id: string };
    const sqlite = h.api.deps.db.sqlite;
    const now = Date.now();
    const tag = (name: string) =>
      Number(
        sqlite
          .prepare(
            "INSERT INTO tags (name, colour, created_by, created_at, updated_at) VALUES (?, 'blue', 'test', 0, 0)",
          )
          .run(name).lastInsertRowid,
      );
    const common = tag('Ceiling common');
    const rare = tag('Ceiling rare');
    const tagCase = sqlite.prepare(
      "INSERT INTO case_tags (case_id, tag_id, added_by, added_at) VALUES (?, ?, 'test', 0)",
    );
    const setWork = sqlite.prepare('UPDATE cases SET assignee_id = ?, due_at = ? WHERE id = ?');
    sqlite.transaction(() => {
      review.forEach((id, i) => {
        if (i % 2 === 0) tagCase.run(id, common);
        if (i % 17 === 0) tagCase.run(id, rare);
        // Some mine, some someone else's, the rest unassigned; due times on either side of now.
        const assignee = i % 5 === 0 ? me.id : i % 5 === 1 ? 'someone-else' : null;
        setWork.run(assignee, i % 3 === 0 ? null : now + (i % 2 === 0 ? -HOUR : HOUR) * (i + 1), id);
      });
    })();

    const ceiling = createCeilingApp(h.api.deps.db, me.id);
    const deepCursor = async () => {
      const first = await h.call('/api/cases?status=approved');
      return `/api/cases?status=approved&cursor=${first.body.nextCursor}`;
    };
    const scenarios = queueScenarios(
      {
        rare: ['Seeded', 'Person'],
        rareCount: 1,
        commonCount: 1,
        externalId: 'ceiling-7',
        subjectRef: 'customer-none',
        documentNumber: 'X0000',
        commonTagId: common,
        rareTagId: rare,
        assigneeId: 'someone-else',
      },
      deepCursor,
    );
    for (const name of ['assignee', 'overdue', 'due-time sort', 'tag on many', 'tag on few']) {
      expect(scenarios.some((scenario) => scenario.name.includes(name))).toBe(true);
    }
    for (const scenario of scenarios) {
      const path = typeof scenario.path === 'string' ? scenario.path : await scenario.path();
      const api = await h.call(path);
      expect(api.status, scenario.name).toBe(200);
      const bare = (await (await ceiling.request(path)).json()) as { items: { id: number }[] };
      expect(
        bare.items.map((row) => row.id),
        scenario.name,
      ).toEqual(api.body.items.map((item: { id: number }) => item.id));
    }
    // The filters do filter (a ceiling that ignored them would still match an empty queue).
    const tagged = await h.call(`/api/cases?status=needs_review&tag=${rare}`);
    expect(tagged.body.items.length).toBe(review.filter((_, i) => i % 17 === 0).length);
    const mine = await h.call('/api/cases?status=needs_review&assignee=me');
    expect(mine.body.items.length).toBe(26);
  });
});
