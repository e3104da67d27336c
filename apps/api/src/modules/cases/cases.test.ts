import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cases, MIGRATIONS_FOLDER } from '@backoffice/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';

let h: Harness;
let reviewCaseId: number;

beforeAll(async () => {
  h = await startHarness();
  for (const scenario of ['review_aml_pep', 'review_low_face_match', 'approve', 'decline_expired_doc']) {
    const created = await h.sandbox('/_sandbox/didit/sessions', { scenario });
    expect(created.status).toBe(201);
  }
  const queue = await h.call('/api/cases?status=needs_review');
  reviewCaseId = queue.body.items.find((c: any) => c.warningCount > 0).id;
});
afterAll(async () => {
  await h?.close();
});

describe('GET /api/cases', () => {
  it('answers a repeated queue request without compiling SQL again (session, page, search, counts)', async () => {
    const paths = [
      '/api/cases?status=needs_review',
      '/api/cases?status=needs_review,approved&sort=riskScore&order=desc&provider=didit&riskBand=high,very_high',
      '/api/cases?q=customer-1',
      '/api/cases?q=some%20name',
    ];
    for (const path of paths) expect((await h.call(path)).status).toBe(200);
    const sqlite = h.api.deps.db.sqlite;
    const compiled: string[] = [];
    const prepare = sqlite.prepare;
    // Only reads of the queue's and the session's tables count: background workers poll other tables.
    sqlite.prepare = ((source: string) => {
      if (/^\s*select/i.test(source) && /cases|user_sessions|users|case_counts/.test(source))
        compiled.push(source);
      return prepare.call(sqlite, source);
    }) as typeof sqlite.prepare;
    try {
      for (const path of paths) expect((await h.call(path)).status).toBe(200);
    } finally {
      sqlite.prepare = prepare;
    }
    expect(compiled).toEqual([]);
  });

  it('orders and pages several statuses as one list (one index walk per status, merged)', async () => {
    const statuses = ['needs_review', 'approved', 'rejected', 'needs_review'];
    const single = (
      await Promise.all(statuses.slice(0, 3).map((s) => h.call(`/api/cases?status=${s}&limit=200`)))
    ).flatMap((r) => r.body.items);
    for (const [sort, key] of [
      ['createdAt', (c: any) => Date.parse(c.createdAt)],
      ['updatedAt', (c: any) => Date.parse(c.updatedAt)],
      ['riskScore', (c: any) => c.riskScore ?? -1],
    ] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const sign = order === 'asc' ? 1 : -1;
        const expected = [...single].sort((a, b) => sign * (key(a) - key(b) || a.id - b.id)).map((c) => c.id);
        const seen: number[] = [];
        let cursor = '';
        for (let page = 0; page < 10; page++) {
          const { status, body } = await h.call(
            `/api/cases?status=${statuses.join(',')}&sort=${sort}&order=${order}&limit=1${cursor}`,
          );
          expect(status).toBe(200);
          seen.push(...body.items.map((c: any) => c.id));
          if (!body.nextCursor) break;
          cursor = `&cursor=${body.nextCursor}`;
        }
        expect(seen).toEqual(expected);
      }
    }
  });

  it('filters by status and reports per-status counts', async () => {
    const { status, body } = await h.call('/api/cases?status=needs_review');
    expect(status).toBe(200);
    expect(body.items.length).toBe(2);
    expect(body.items.every((c: any) => c.status === 'needs_review')).toBe(true);
    expect(body.counts).toMatchObject({ needs_review: 2, approved: 1, rejected: 1 });
  });

  it('masks document numbers in the list and shows them in full on the case', async () => {
    const { body } = await h.call('/api/cases?status=needs_review');
    const row = body.items[0];
    const detail = await h.call(`/api/cases/${row.id}`);
    expect(detail.body.documentNumber).toBeTruthy();
    expect(row.documentNumberMasked).not.toContain(detail.body.documentNumber);
    expect(row.documentNumberMasked.endsWith(detail.body.documentNumber.slice(-4))).toBe(true);
  });

  it('finds a case by a name typed without diacritics and by session id', async () => {
    const detail = await h.call(`/api/cases/${reviewCaseId}`);
    const plainLastName = (detail.body.subjectName as string)
      .split(' ')
      .at(-1)!
      .normalize('NFD')
      .replace(/\p{M}/gu, '');
    const byName = await h.call(`/api/cases?q=${encodeURIComponent(plainLastName)}`);
    expect(byName.body.items.map((c: any) => c.id)).toContain(reviewCaseId);
    const byId = await h.call(`/api/cases?q=${detail.body.externalId}`);
    expect(byId.body.items.map((c: any) => c.id)).toEqual([reviewCaseId]);
  });

  it('answers a bad query with 400 and the offending fields', async () => {
    const { status, body } = await h.call('/api/cases?status=bogus&limit=5000');
    expect(status).toBe(400);
    expect(body.code).toBe('invalid_request');
    expect(body.requestId).toBeTruthy();
    expect(body.issues.map((i: any) => i.path).sort()).toEqual(['limit', 'status.0']);
    expect((await h.call('/api/cases?cursor=not-a-cursor')).status).toBe(400);
  });

  it('pages with keyset cursors forwards and backwards without gaps or repeats', async () => {
    const now = Date.now();
    const rows = Array.from({ length: 230 }, (_, i) => ({
      provider: 'didit',
      kind: 'kyc_session',
      externalId: `bulk-${i}`,
      subjectName: `Bulk Person ${i}`,
      status: i % 3 === 0 ? 'approved' : 'needs_review',
      providerStatus: 'In Review',
      // Many ties and NULLs on purpose: the cursor must break ties by id.
      riskScore: i % 7 === 0 ? null : (i * 37) % 101,
      createdAt: now - (i % 50) * 1000,
      updatedAt: now,
    }));
    h.api.deps.db.orm.insert(cases).values(rows).run();
    for (const [sort, order] of [
      ['riskScore', 'desc'],
      ['riskScore', 'asc'],
      ['createdAt', 'desc'],
      ['createdAt', 'asc'],
    ] as const) {
      const base = `/api/cases?provider=didit&q=bulk&sort=${sort}&order=${order}&limit=40`;
      const seen: number[] = [];
      const pages: { cursor: string | null; ids: number[] }[] = [];
      let cursor: string | null = null;
      do {
        const { body } = await h.call(`${base}${cursor ? `&cursor=${cursor}` : ''}`);
        pages.push({ cursor, ids: body.items.map((c: any) => c.id) });
        seen.push(...body.items.map((c: any) => c.id));
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen.length).toBe(230);
      expect(new Set(seen).size).toBe(230);
      // Same order as sorting everything in memory (NULL lowest, ties by id in the same direction).
      const key = (r: (typeof rows)[number], id: number) => [r[sort] ?? -1, id] as const;
      const all = h.api.deps.db.orm
        .select()
        .from(cases)
        .all()
        .filter((r) => r.externalId.startsWith('bulk-'));
      const expected = all
        .map((r) => ({ id: r.id, k: key(r as never, r.id) }))
        .sort((a, b) => (a.k[0] - b.k[0] || a.k[1] - b.k[1]) * (order === 'desc' ? -1 : 1))
        .map((r) => r.id);
      expect(seen).toEqual(expected);
      // Walking back from the last page returns the same pages.
      const last = pages.at(-1)!;
      const lastPage = await h.call(`${base}${last.cursor ? `&cursor=${last.cursor}` : ''}`);
      const back = await h.call(`${base}&cursor=${lastPage.body.prevCursor}`);
      expect(back.body.items.map((c: any) => c.id)).toEqual(pages.at(-2)!.ids);
    }
  });

  it('filters by risk band and date range', async () => {
    const high = await h.call('/api/cases?q=bulk&riskBand=high,very_high&limit=200');
    expect(high.body.items.length).toBeGreaterThan(0);
    expect(high.body.items.every((c: any) => c.riskScore >= 75)).toBe(true);
    const future = await h.call('/api/cases?from=2999-01-01');
    expect(future.body.items).toEqual([]);
  });
});

describe('GET /api/cases/:id', () => {
  it('shows scores against thresholds, warnings and the trail', async () => {
    const { status, body } = await h.call(`/api/cases/${reviewCaseId}`);
    expect(status).toBe(200);
    expect(body.view.type).toBe('didit_session');
    expect(body.view.thresholds).toMatchObject({
      faceMatchDecline: expect.any(Number),
      faceMatchReview: expect.any(Number),
    });
    expect(body.view.warnings.length).toBeGreaterThan(0);
    expect(body.view.warnings[0]).toMatchObject({ risk: expect.any(String), logType: expect.any(String) });
    expect(body.history.length).toBeGreaterThan(0);
  });

  it('returns 404 with the error shape for an unknown case', async () => {
    const { status, body } = await h.call('/api/cases/999999');
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
  });

  it('proxies a document image from the provider without caching', async () => {
    const { body } = await h.call(`/api/cases/${reviewCaseId}`);
    const key = body.view.media[0].key;
    const cookie = { headers: { cookie: await h.cookieFor('analyst') } };
    const response = await fetch(`${h.apiUrl}/api/cases/${reviewCaseId}/media/${key}`, cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/(png|jpeg)/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(100);
    expect((await fetch(`${h.apiUrl}/api/cases/${reviewCaseId}/media/not_a_key`, cookie)).status).toBe(400);
  });
});

describe('platform', () => {
  it('is healthy once migrated', async () => {
    const { status, body } = await h.call('/api/health');
    expect(status).toBe(200);
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
    expect(body).toMatchObject({ status: 'ok', database: { migrations: journal.entries.length } });
  });

  it('tells in its listening log line how long it took to start', () => {
    const listening = h.logs.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'API listening');
    expect(listening).toMatchObject({ url: h.apiUrl, startedInMs: expect.any(Number) });
    expect(listening.startedInMs).toBeGreaterThan(0);
  });

  it('publishes an OpenAPI document of every route and a reference page', async () => {
    const { status, body } = await h.call('/api/openapi.json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/cases',
        '/api/cases/{id}',
        '/api/reconcile',
        '/webhooks/didit',
      ]),
    );
    const page = await fetch(`${h.apiUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    expect((await fetch(`${h.apiUrl}/api/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('sends security headers and refuses non-JSON mutations with 415', async () => {
    const response = await fetch(`${h.apiUrl}/api/health`);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    const form = await h.call('/api/reconcile', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    expect((await h.call('/api/nope')).status).toBe(404);
  });
});
