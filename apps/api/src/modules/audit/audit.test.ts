import { appendAudit, writeTransaction } from '@backoffice/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';

let h: Harness;
const DAY = 86_400_000;
const JAN_10 = Date.parse('2030-01-10T12:00:00.000Z');

beforeAll(async () => {
  h = await startHarness();
  const db = h.api.deps.db;
  // 30 rows on three days, two actors, two cases, two providers; ids are assigned in this order.
  for (let i = 0; i < 30; i++) {
    writeTransaction(db, (tx) =>
      appendAudit(tx, {
        actorType: i % 3 === 0 ? 'provider' : 'user',
        actorId: i % 3 === 0 ? null : i % 2 === 0 ? 'actor-even' : 'actor-odd',
        action: i % 5 === 0 ? 'case.approved' : 'case.viewed',
        caseId: 9000 + (i % 2),
        provider: i % 4 === 0 ? 'kryptogo' : 'didit',
        before: { status: 'needs_review' },
        after: { status: 'approved', n: i },
        at: JAN_10 + Math.floor(i / 10) * DAY,
      }),
    );
  }
});
afterAll(async () => {
  await h?.close();
});

type Entry = { id: number; actorId: string | null; action: string; caseId: number | null; at: string };

describe('GET /api/audit', () => {
  it('filters by actor, action, case, provider and date, newest first, with objects for before/after', async () => {
    const byActor = await h.call('/api/audit?actorId=actor-even&limit=500', { as: 'manager' });
    expect(byActor.status).toBe(200);
    expect(byActor.body.items.length).toBeGreaterThan(0);
    expect(byActor.body.items.every((e: Entry) => e.actorId === 'actor-even')).toBe(true);

    const byAction = await h.call('/api/audit?action=case.approved&caseId=9000&limit=500', { as: 'manager' });
    expect(byAction.body.items.map((e: Entry) => e.caseId)).toEqual([9000, 9000, 9000]);
    expect(byAction.body.items[0]).toMatchObject({
      before: { status: 'needs_review' },
      action: 'case.approved',
    });
    expect(typeof byAction.body.items[0].after.n).toBe('number');

    const byProvider = await h.call('/api/audit?provider=kryptogo&limit=500', { as: 'manager' });
    expect(byProvider.body.items).toHaveLength(8);

    const oneDay = await h.call('/api/audit?from=2030-01-11&to=2030-01-11&limit=500', { as: 'manager' });
    expect(oneDay.body.items).toHaveLength(10);
    expect(oneDay.body.items.every((e: Entry) => e.at.startsWith('2030-01-11'))).toBe(true);
    const ids = oneDay.body.items.map((e: Entry) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('joins the actor name from users', async () => {
    await h.cookieFor('manager'); // the sign-in writes a row whose actor is the manager
    const page = await h.call('/api/audit?action=auth.signed_in', { as: 'manager' });
    expect(page.body.items[0].actorName).toEqual(expect.any(String));
  });

  it('pages with a keyset cursor without gaps or repeats', async () => {
    const seen: number[] = [];
    let before: number | null = null;
    do {
      const query: string = `/api/audit?provider=didit&limit=7${before ? `&before=${before}` : ''}`;
      const page = await h.call(query, { as: 'manager' });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((e: Entry) => e.id));
      before = page.body.nextBefore;
    } while (before !== null);
    expect(seen).toHaveLength(22);
    expect(new Set(seen).size).toBe(22);
  });

  it('refuses bad filters with 400', async () => {
    expect((await h.call('/api/audit?from=yesterday', { as: 'manager' })).status).toBe(400);
    expect((await h.call('/api/audit?limit=501', { as: 'manager' })).status).toBe(400);
    expect((await h.call('/api/audit?provider=acme', { as: 'manager' })).status).toBe(400);
  });

  it('is closed to analysts; managers and admins read it', async () => {
    for (const path of ['/api/audit', '/api/audit/export.csv', '/api/audit/verify']) {
      const refused = await h.call(path, { as: 'analyst' });
      expect(refused.status).toBe(403);
    }
    expect((await h.call('/api/audit', { as: 'admin' })).status).toBe(200);
    expect((await h.call('/api/audit/verify', { as: 'manager' })).body).toMatchObject({ ok: true });
  });
});

describe('GET /api/audit/export.csv', () => {
  it('streams a CSV attachment with a header, proper quoting and neutralised formulas, and audits itself', async () => {
    writeTransaction(h.api.deps.db, (tx) =>
      appendAudit(tx, {
        actorType: 'user',
        actorId: 'actor-hostile',
        action: 'case.commented',
        caseId: 9100,
        reason: '=HYPERLINK("http://evil.example","click"), then "more"',
        userAgent: '@SUM(1+1)',
        at: JAN_10,
      }),
    );
    const response = await fetch(`${h.apiUrl}/api/audit/export.csv?caseId=9100&limit=1`, {
      headers: { cookie: await h.cookieFor('manager') },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = await response.text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,at,actorType,actorId,actorName,actorRole,action,caseId,provider,externalId,before,after,reason,requestId,ip,userAgent,hash',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), then ""more"""`);
    expect(lines[1]).toContain(",'@SUM(1+1),");
    expect(lines[1]).not.toMatch(/,=|,@/);

    const exported = await h.call('/api/audit?action=audit.exported', { as: 'manager' });
    expect(exported.body.items[0]).toMatchObject({
      actorRole: 'manager',
      after: { filter: { caseId: 9100 } },
    });
    expect(JSON.stringify(exported.body.items[0].after)).not.toContain('limit');
  });

  it('exports every matching row across batches', async () => {
    const response = await fetch(`${h.apiUrl}/api/audit/export.csv?caseId=9000`, {
      headers: { cookie: await h.cookieFor('admin') },
    });
    const rows = (await response.text()).trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + 15);
  });

  it('writes only the header when nothing matches', async () => {
    const response = await fetch(`${h.apiUrl}/api/audit/export.csv?actorId=nobody`, {
      headers: { cookie: await h.cookieFor('manager') },
    });
    expect((await response.text()).trimEnd().split(/\r?\n/)).toHaveLength(1);
  });
});

describe('append-only audit table', () => {
  it('refuses raw UPDATE and DELETE', () => {
    const sqlite = h.api.deps.db.sqlite;
    expect(() => sqlite.prepare(`UPDATE audit_log SET action = 'x' WHERE id = 1`).run()).toThrow();
    expect(() => sqlite.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow();
  });
});
