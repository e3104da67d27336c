import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonCaller } from '../../test/cases';
import { type Harness, startHarness } from '../../test/harness';
import { auditRows } from '../../test/seed-cases';
import { MAX_VIEWS_PER_USER } from './service';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const send: ReturnType<typeof jsonCaller> = (...args) => jsonCaller(h)(...args);

describe('saved queue views', () => {
  it('keeps a private view to its owner, unaudited', async () => {
    const saved = await send('/api/views', 'POST', {
      name: 'My risky Didit',
      search: '?status=needs_review&provider=didit&sort=riskScore&hide=country,document&cursor=abc',
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      name: 'My risky Didit',
      shared: false,
      mine: true,
      owner: { name: 'Alex Analyst' },
      // The page position is not part of a view.
      search: 'status=needs_review&provider=didit&sort=riskScore&hide=country%2Cdocument',
    });
    expect((await send(`/api/views/${saved.body.id}`)).status).toBe(200);
    expect((await send(`/api/views/${saved.body.id}`, 'GET', undefined, 'analyst2')).status).toBe(404);
    expect((await send('/api/views', 'GET', undefined, 'analyst2')).body).toEqual([]);
    expect((await send(`/api/views/${saved.body.id}`, 'DELETE', undefined, 'analyst2')).status).toBe(404);
    expect(auditRows(h, 'view.shared_created')).toHaveLength(0);

    expect((await send(`/api/views/${saved.body.id}`, 'DELETE')).status).toBe(204);
    expect((await send('/api/views')).body).toEqual([]);
    expect(auditRows(h, 'view.shared_deleted')).toHaveLength(0);
  });

  it('lets only managers share a view; the team sees it; creation and deletion are audited without free text', async () => {
    const refused = await send('/api/views', 'POST', { name: 'Team', search: 'status=all', shared: true });
    expect(refused.status).toBe(403);

    const shared = await send(
      '/api/views',
      'POST',
      { name: 'Overdue for Jane Doe', search: 'status=needs_review&overdue=true&q=Jane', shared: true },
      'manager',
    );
    expect(shared.status).toBe(201);
    const created = auditRows(h, 'view.shared_created');
    expect(created).toHaveLength(1);
    expect(created[0]!.actor_role).toBe('manager');
    expect(JSON.parse(created[0]!.after!)).toEqual({ viewId: shared.body.id });
    expect(JSON.stringify(created)).not.toContain('Jane');

    const seen = await send('/api/views', 'GET', undefined, 'analyst2');
    expect(seen.body).toEqual([expect.objectContaining({ id: shared.body.id, shared: true, mine: false })]);
    expect((await send(`/api/views/${shared.body.id}`, 'GET', undefined, 'analyst2')).status).toBe(200);

    // An analyst cannot take the team's view down; its owner (or another manager) can.
    const analystDelete = await send(`/api/views/${shared.body.id}`, 'DELETE', undefined, 'analyst2');
    expect(analystDelete.status).toBe(403);
    expect((await send(`/api/views/${shared.body.id}`, 'DELETE', undefined, 'manager')).status).toBe(204);
    const deleted = auditRows(h, 'view.shared_deleted');
    expect(deleted).toHaveLength(1);
    expect(JSON.parse(deleted[0]!.before!)).toMatchObject({ viewId: shared.body.id });
    expect((await send('/api/views', 'GET', undefined, 'analyst2')).body).toEqual([]);
  });

  it('refuses a view the queue could not open, with 400', async () => {
    for (const search of [
      'status=nonsense',
      'limit=500',
      'password=hunter2',
      'sort=name',
      'tag=abc',
      'hide=<script>',
      'status=all&status=all',
    ]) {
      const response = await send('/api/views', 'POST', { name: 'Bad', search });
      expect(response.status, search).toBe(400);
    }
    expect((await send('/api/views', 'POST', { name: '', search: '' })).status).toBe(400);
    expect((await send('/api/views', 'POST', { name: 'x', search: 'a'.repeat(1001) })).status).toBe(400);
    expect((await send('/api/views/abc')).status).toBe(400);
  });

  it(`bounds the views one person keeps (${MAX_VIEWS_PER_USER})`, async () => {
    for (let i = 0; i < MAX_VIEWS_PER_USER; i++) {
      expect(
        (await send('/api/views', 'POST', { name: `V${i}`, search: 'status=all' }, 'analyst2')).status,
      ).toBe(201);
    }
    const over = await send('/api/views', 'POST', { name: 'One more', search: 'status=all' }, 'analyst2');
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('too_many_views');
  });
});
