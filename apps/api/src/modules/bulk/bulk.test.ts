import { BULK_CASE_LIMIT } from '@backoffice/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';
import { auditRows, seedCases, userIdOf } from '../../test/seed-cases';

let h: Harness;
let analyst: string;
let analyst2: string;
let manager: string;
beforeAll(async () => {
  h = await startHarness();
  // Sign everyone in once so their user rows exist.
  for (const role of ['analyst', 'analyst2', 'manager', 'admin'] as const) await h.cookieFor(role);
  analyst = userIdOf(h, 'analyst@demo.local');
  analyst2 = userIdOf(h, 'analyst2@demo.local');
  manager = userIdOf(h, 'manager@demo.local');
});
afterAll(async () => {
  await h?.close();
});

type Role = 'analyst' | 'analyst2' | 'manager' | 'admin';
const bulk = (body: unknown, as: Role = 'analyst') =>
  h.call('/api/cases/bulk', {
    method: 'POST',
    as,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const assigneeOf = (id: number) =>
  (
    h.api.deps.db.sqlite.prepare('SELECT assignee_id FROM cases WHERE id = ?').get(id) as {
      assignee_id: string | null;
    }
  ).assignee_id;
const setAssignee = (id: number, userId: string | null) =>
  h.api.deps.db.sqlite
    .prepare('UPDATE cases SET assignee_id = ?, assigned_at = ? WHERE id = ?')
    .run(userId, Date.now(), id);
const assignAuditFor = (ids: number[]) =>
  auditRows(h, 'case.assigned').filter((row) => row.case_id !== null && ids.includes(row.case_id));

describe('bulk actions on the queue', () => {
  it('lists active analysts and managers as people to assign to (not admins)', async () => {
    const people = await h.call('/api/users/reviewers');
    expect(people.status).toBe(200);
    const names = people.body.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Alex Analyst', 'Sam Second-Analyst', 'Morgan Manager']));
    expect(names).not.toContain('Ada Admin');
  });

  it('assigns per case and reports each one: applied, unchanged, refused (held by another, not found)', async () => {
    const [free, heldByManager, alreadyTheirs] = seedCases(h, 'bulk-assign', 3);
    setAssignee(heldByManager!, manager);
    setAssignee(alreadyTheirs!, analyst2);
    const missing = 987_654;

    const response = await bulk({
      caseIds: [free, heldByManager, missing, alreadyTheirs],
      operation: { type: 'assign', assigneeId: analyst2 },
    });
    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([
      { caseId: free, outcome: 'applied', code: null, message: null },
      {
        caseId: heldByManager,
        outcome: 'refused',
        code: 'case_claimed_by_other',
        message: expect.stringContaining('Morgan Manager'),
      },
      { caseId: missing, outcome: 'refused', code: 'not_found', message: expect.any(String) },
      { caseId: alreadyTheirs, outcome: 'unchanged', code: null, message: null },
    ]);
    expect(response.body).toMatchObject({ applied: 1, unchanged: 1, refused: 2 });
    expect(assigneeOf(free!)).toBe(analyst2);
    expect(assigneeOf(heldByManager!)).toBe(manager);

    // One audit row per applied change, none for the others.
    const audit = assignAuditFor([free!, heldByManager!, alreadyTheirs!]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ case_id: free, actor_id: analyst, actor_role: 'analyst' });
    expect(JSON.parse(audit[0]!.before!)).toEqual({ assigneeId: null });
    expect(JSON.parse(audit[0]!.after!)).toEqual({ assigneeId: analyst2, bulk: true });

    // A manager may take a case away from its holder.
    const reassigned = await bulk(
      { caseIds: [heldByManager], operation: { type: 'assign', assigneeId: analyst } },
      'manager',
    );
    expect(reassigned.body.results[0].outcome).toBe('applied');
    expect(assigneeOf(heldByManager!)).toBe(analyst);
  });

  it('unassigns only what the caller may take away', async () => {
    const [mine, theirs] = seedCases(h, 'bulk-unassign', 2);
    setAssignee(mine!, analyst);
    setAssignee(theirs!, analyst2);
    const response = await bulk({ caseIds: [mine, theirs], operation: { type: 'unassign' } });
    expect(
      response.body.results.map((r: { outcome: string; code: string | null }) => [r.outcome, r.code]),
    ).toEqual([
      ['applied', null],
      ['refused', 'case_claimed_by_other'],
    ]);
    expect(assigneeOf(mine!)).toBeNull();
    expect(assigneeOf(theirs!)).toBe(analyst2);
    expect(assignAuditFor([mine!, theirs!])).toHaveLength(1);
    const byManager = await bulk({ caseIds: [theirs], operation: { type: 'unassign' } }, 'manager');
    expect(byManager.body.applied).toBe(1);
    expect(assigneeOf(theirs!)).toBeNull();
  });

  it('refuses an assignee who does not review (admin, unknown) for the whole request, changing nothing', async () => {
    const [id] = seedCases(h, 'bulk-admin', 1);
    for (const assigneeId of [userIdOf(h, 'admin@demo.local'), 'nobody']) {
      const response = await bulk({ caseIds: [id], operation: { type: 'assign', assigneeId } });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('invalid_assignee');
    }
    expect(assigneeOf(id!)).toBeNull();
    expect(assignAuditFor([id!])).toHaveLength(0);
  });

  it('adds and removes a tag per case with one audit row per change; a retired tag refuses the request', async () => {
    const ids = seedCases(h, 'bulk-tag', 3);
    const tag = (
      await h.call('/api/tags', {
        method: 'POST',
        as: 'manager',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bulk reviewed', colour: 'cyan' }),
      })
    ).body;
    await h.call(`/api/cases/${ids[0]}/tags/${tag.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
    });
    const tagAudit = (action: string) =>
      auditRows(h, action).filter((row) => row.case_id !== null && ids.includes(row.case_id));
    expect(tagAudit('case.tag_added')).toHaveLength(1);

    const added = await bulk({ caseIds: [...ids, 876_543], operation: { type: 'add_tag', tagId: tag.id } });
    expect(added.body.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'unchanged',
      'applied',
      'applied',
      'refused',
    ]);
    expect(tagAudit('case.tag_added')).toHaveLength(3);
    const tagged = await h.call(`/api/cases?tag=${tag.id}`);
    expect(tagged.body.items.map((c: { id: number }) => c.id).sort()).toEqual([...ids].sort());

    const removed = await bulk({
      caseIds: ids.slice(0, 2),
      operation: { type: 'remove_tag', tagId: tag.id },
    });
    expect(removed.body.applied).toBe(2);
    expect(tagAudit('case.tag_removed')).toHaveLength(2);

    await h.call(`/api/tags/${tag.id}`, {
      method: 'PATCH',
      as: 'manager',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ retired: true }),
    });
    const retired = await bulk({ caseIds: ids, operation: { type: 'add_tag', tagId: tag.id } });
    expect(retired.status).toBe(409);
    expect(retired.body.code).toBe('tag_retired');
    expect(tagAudit('case.tag_added')).toHaveLength(3);
    const unknown = await bulk({ caseIds: ids, operation: { type: 'remove_tag', tagId: 999_999 } });
    expect(unknown.status).toBe(404);
  });

  it(`takes at most ${BULK_CASE_LIMIT} cases, each once, and refuses malformed requests with 400`, async () => {
    const ids = seedCases(h, 'bulk-limit', BULK_CASE_LIMIT + 1);
    const over = await bulk({ caseIds: ids, operation: { type: 'unassign' } });
    expect(over.status).toBe(400);
    expect(over.body.code).toBe('invalid_request');
    const atLimit = await bulk({ caseIds: ids.slice(0, BULK_CASE_LIMIT), operation: { type: 'unassign' } });
    expect(atLimit.status).toBe(200);
    expect(atLimit.body.results).toHaveLength(BULK_CASE_LIMIT);
    expect(atLimit.body.unchanged).toBe(BULK_CASE_LIMIT);
    expect((await bulk({ caseIds: [ids[0], ids[0]], operation: { type: 'unassign' } })).status).toBe(400);
    expect((await bulk({ caseIds: [], operation: { type: 'unassign' } })).status).toBe(400);
    expect((await bulk({ caseIds: [ids[0]], operation: { type: 'approve' } })).status).toBe(400);
    expect((await bulk({ caseIds: ['1'], operation: { type: 'unassign' } })).status).toBe(400);
  });
});
