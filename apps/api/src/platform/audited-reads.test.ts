import { createTestClock } from '@backoffice/providers/test-clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_VIEW_AUDIT_WINDOW_MS } from '../modules/cases/service';
import { type Harness, startHarness, type TestRole } from '../test/harness';

/** Real time plus an offset the test moves, so signed webhooks (checked against now) stay fresh. */
const clock = createTestClock();
let h: Harness;
let caseId: number;
beforeAll(async () => {
  h = await startHarness({ now: clock.now });
  const created = await h.sandbox('/_sandbox/didit/sessions', { scenario: 'review_low_face_match' });
  await h.sandbox('/_sandbox/didit/webhooks/flush', {});
  const row = h.api.deps.db.sqlite
    .prepare('SELECT id FROM cases WHERE external_id = ?')
    .get(created.body.sessions[0].session_id) as { id: number };
  caseId = row.id;
});
afterAll(async () => {
  await h?.close();
});

const auditCount = (action: string) =>
  (
    h.api.deps.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as {
      n: number;
    }
  ).n;

async function get(path: string, site: string | null, as: TestRole = 'manager') {
  const headers: Record<string, string> = { cookie: await h.cookieFor(as) };
  if (site !== null) headers['sec-fetch-site'] = site;
  const response = await fetch(`${h.apiUrl}${path}`, { headers });
  const type = response.headers.get('content-type') ?? '';
  const body: any = type.includes('json') ? await response.json() : await response.arrayBuffer();
  return { status: response.status, body };
}

describe('audited reads cannot be forged cross-site (issue 7 item 4)', () => {
  const reads = () => [
    { path: `/api/cases/${caseId}/media/front_image`, action: 'case.media_viewed' },
    { path: `/api/cases/${caseId}/report.pdf`, action: 'case.report_downloaded' },
    { path: '/api/audit/export.csv', action: 'audit.exported' },
    { path: `/api/cases/${caseId}`, action: 'case.viewed' },
  ];

  it.each(['cross-site', 'same-site'])(
    'refuses Sec-Fetch-Site: %s with 403 and writes no audit row',
    async (site) => {
      for (const { path, action } of reads()) {
        const before = auditCount(action);
        const response = await get(path, site);
        expect(response.status, path).toBe(403);
        expect(response.body.code).toBe('cross_site_request');
        expect(auditCount(action), path).toBe(before);
      }
    },
  );

  it.each(['same-origin', 'none', null])(
    'serves and audits Sec-Fetch-Site: %s (the SPA, a typed URL, a non-browser client)',
    async (site) => {
      // Each request its own window, so the coalesced detail view is audited again too.
      clock.advance(CASE_VIEW_AUDIT_WINDOW_MS + 1000);
      for (const { path, action } of reads()) {
        const before = auditCount(action);
        const response = await get(path, site);
        expect(response.status, path).toBe(200);
        expect(auditCount(action), path).toBe(before + 1);
      }
    },
  );
});

describe('opening a case detail is audited, coalesced per user and case', () => {
  const viewRows = (actorRole: string) =>
    h.api.deps.db.sqlite
      .prepare(
        "SELECT actor_id, actor_role, before, after, request_id FROM audit_log WHERE action = 'case.viewed' AND case_id = ? AND actor_role = ? ORDER BY id",
      )
      .all(caseId, actorRole) as {
      actor_id: string;
      actor_role: string;
      before: string | null;
      after: string | null;
      request_id: string | null;
    }[];

  it('writes one row per user and case within the window, another after it', async () => {
    clock.advance(CASE_VIEW_AUDIT_WINDOW_MS + 1000);
    const analystBefore = viewRows('analyst').length;
    const adminBefore = viewRows('admin').length;
    for (let i = 0; i < 3; i++)
      expect((await get(`/api/cases/${caseId}`, 'same-origin', 'analyst')).status).toBe(200);
    expect(viewRows('analyst')).toHaveLength(analystBefore + 1);
    // Another user opening the same case is their own row.
    expect((await get(`/api/cases/${caseId}`, 'same-origin', 'admin')).status).toBe(200);
    expect(viewRows('admin')).toHaveLength(adminBefore + 1);
    // Just inside the window: still coalesced.
    clock.advance(CASE_VIEW_AUDIT_WINDOW_MS - 5000);
    await get(`/api/cases/${caseId}`, 'same-origin', 'analyst');
    expect(viewRows('analyst')).toHaveLength(analystBefore + 1);
    // Past it: a new row.
    clock.advance(10_000);
    await get(`/api/cases/${caseId}`, 'same-origin', 'analyst');
    const rows = viewRows('analyst');
    expect(rows).toHaveLength(analystBefore + 2);
    // References only: no snapshot of the personal data that was shown.
    expect(rows.at(-1)).toMatchObject({ before: null, after: null, request_id: expect.any(String) });
  });

  it('does not list openings in the case history', async () => {
    const detail = await get(`/api/cases/${caseId}`, 'same-origin', 'analyst');
    expect(detail.body.history.map((entry: { action: string }) => entry.action)).not.toContain('case.viewed');
  });

  it('a case that does not exist is not audited', async () => {
    const before = auditCount('case.viewed');
    expect((await get('/api/cases/999999', 'same-origin', 'analyst')).status).toBe(404);
    expect(auditCount('case.viewed')).toBe(before);
  });
});
