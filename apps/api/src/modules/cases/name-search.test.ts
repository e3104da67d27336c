import { CaseListQuery } from '@backoffice/contracts';
import { writeTransaction } from '@backoffice/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';
import { auditRows } from '../../test/seed-cases';
import { caseAuditRef, caseAuditSnapshot, providerAuditContext } from '../audit/emit';
import { listCaseSummaries } from './service';
import { insertCase } from './writes';

/** Names in several scripts, with diacritics, middle names, hyphens and CJK names without a space. */
const FIRST = [
  'María',
  'Maria',
  'José',
  'Marcus',
  'Zoë',
  'Søren',
  'Ágnes',
  'İbrahim',
  'Иван',
  'Ольга',
  'Μαρία',
  'محمد',
  'O\u0301scar',
];
const LAST = [
  'García',
  'Garcia-Lopez',
  'Gárdonyi',
  'Ó Briain',
  'Иванов',
  'Иванова',
  'Παπαδόπουλος',
  'حداد',
  'Mar',
];
const CJK = ['王伟', '王娜', '李伟', '佐藤敏'];
const STATUSES = ['needs_review', 'approved', 'rejected'];

let h: Harness;
let ids: number[] = [];
beforeAll(async () => {
  h = await startHarness();
  let state = 7;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const now = Date.now();
  ids = writeTransaction(h.api.deps.db, (tx) =>
    Array.from({ length: 600 }, (_, i) => {
      const name =
        i % 9 === 0
          ? pick(CJK)
          : `${pick(FIRST)} ${random() < 0.3 ? `${pick(FIRST)} ` : ''}${pick(LAST)}${i % 50 === 0 ? ' (Junior)' : ''}`;
      return insertCase(
        tx,
        {
          provider: 'didit',
          kind: 'kyc_session',
          externalId: `name-search-${i}`,
          subjectName: name,
          status: pick(STATUSES),
          providerStatus: 'In Review',
          riskScore: random() < 0.2 ? null : Math.floor(random() * 101),
          // Creation times do not follow ids, and some are equal: the order must come from the sort key.
          createdAt: now - Math.floor(random() * 200) * 60_000,
          updatedAt: now,
        },
        {
          context: providerAuditContext('didit'),
          entries: (row) => ({
            ...caseAuditRef(row),
            action: 'case.created',
            after: caseAuditSnapshot(row),
            at: now,
          }),
        },
      ).id;
    }),
  );
});
afterAll(async () => {
  await h?.close();
});

/** Every page of a search, walked with the next cursors. */
async function searchAll(q: string, extra = '', limit = 7): Promise<number[]> {
  const found: number[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: any } = await h.call(
      `/api/cases?q=${encodeURIComponent(q)}&limit=${limit}${extra}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    expect(page.body.searchCapped).toBe(false);
    found.push(...page.body.items.map((item: { id: number }) => item.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return found;
}

/**
 * Today's meaning of a name search, straight from the full-text index: each word a prefix of a word of
 * the name (`subject_name : "word"*`, unicode61 without diacritics), sorted by the queue's key.
 */
function reference(q: string, where = '', order = 'created_at DESC, id DESC'): number[] {
  const words = q.split(/\s+/).filter(Boolean);
  const match = words.map((word) => `subject_name : "${word}"*`).join(' AND ');
  return h.api.deps.db.sqlite
    .prepare(
      `SELECT id FROM cases WHERE id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)${where} ORDER BY ${order}`,
    )
    .pluck()
    .all(match) as number[];
}

const QUERIES = [
  'maria',
  'm',
  'ma',
  'mar',
  'maria garcia',
  'garcia maria',
  'mar gar',
  'María José García',
  'MARIA GARCÍA',
  'zoe',
  'Zoë',
  'Ágnes',
  'agnes g',
  'oscar',
  'ó briain',
  'garcia-lopez',
  'lop',
  'Иван Иванов',
  'ив',
  'Μαρία',
  'Μαρία Παπαδόπουλος',
  '王',
  '王伟',
  '佐',
  'محمد حداد',
  'junior',
  'maria zzz',
  'ibrahim',
];

describe('name search over the term table', () => {
  it('lists the same cases in the same order as the full-text reference, page by page, for every script', async () => {
    for (const q of QUERIES) {
      const expected = reference(q);
      expect({ q, ids: await searchAll(q) }).toEqual({ q, ids: expected });
    }
    // The fixture really exercises breadth: a one-letter prefix matches most names, a rare pair a few.
    expect(reference('m').length).toBeGreaterThan(150);
    expect(reference('Μαρία Παπαδόπουλος').length).toBeGreaterThan(0);
    expect(reference('maria zzz')).toEqual([]);
  });

  it('applies the queue filters, both orders, and the other sorts the same way', async () => {
    for (const q of ['maria', 'mar gar', 'Иван', '王']) {
      expect(await searchAll(q, '&status=needs_review')).toEqual(
        reference(q, " AND status = 'needs_review'"),
      );
      expect(await searchAll(q, '&status=needs_review,rejected&order=asc')).toEqual(
        reference(q, " AND status IN ('needs_review', 'rejected')", 'created_at ASC, id ASC'),
      );
      expect(await searchAll(q, '&sort=riskScore&order=desc', 50)).toEqual(
        reference(q, '', 'coalesce(risk_score, -1) DESC, id DESC'),
      );
    }
  });

  it('a walk cut short by its budget continues from where it stopped: forward and back, nothing skipped or repeated', () => {
    // A budget of 5 entries makes most of these searches stop many times before a page is full.
    const budget = { nameWalk: 5 };
    const viewer = 'name-search-test';
    const page = (q: string, extra: Record<string, string>, cursor?: string) =>
      listCaseSummaries(
        h.api.deps.db,
        CaseListQuery.parse({ q, limit: '7', ...extra, ...(cursor ? { cursor } : {}) }),
        viewer,
        Date.now(),
        budget,
      );
    let shortPagesThatGoOn = 0;
    for (const q of QUERIES) {
      for (const [extra, where, order] of [
        [{}, '', undefined],
        [{ status: 'needs_review' }, " AND status = 'needs_review'", undefined],
        [{ order: 'asc' }, '', 'created_at ASC, id ASC'],
      ] as const) {
        const found: number[] = [];
        const pages: ReturnType<typeof page>[] = [];
        let cursor: string | undefined;
        do {
          const current = page(q, extra, cursor);
          pages.push(current);
          found.push(...current.items.map((item) => item.id));
          if (current.items.length < 7 && current.nextCursor) {
            shortPagesThatGoOn += 1;
            // A short page says the search read only part of its matches.
            expect(current.searchCapped).toBe(true);
          }
          cursor = current.nextCursor ?? undefined;
        } while (cursor);
        expect({ q, extra, ids: found }).toEqual({ q, extra, ids: reference(q, where, order) });
        // Back from the last page to the first with the previous cursors: the same cases, reversed.
        const back: number[] = [];
        let previous = pages.at(-1)!.prevCursor ?? undefined;
        while (previous) {
          const current = page(q, extra, previous);
          back.unshift(...current.items.map((item) => item.id));
          previous = current.prevCursor ?? undefined;
        }
        expect({ q, extra, ids: [...back, ...pages.at(-1)!.items.map((item) => item.id)] }).toEqual({
          q,
          extra,
          ids: reference(q, where, order),
        });
      }
    }
    expect(shortPagesThatGoOn).toBeGreaterThan(20);
  });

  it('sorted by anything but creation time, a cut-short walk ranks what it read and says so', () => {
    const ranked = listCaseSummaries(
      h.api.deps.db,
      CaseListQuery.parse({ q: 'maria', sort: 'riskScore', limit: '100' }),
      'name-search-test',
      Date.now(),
      { nameWalk: 5 },
    );
    expect(ranked.searchCapped).toBe(true);
    expect(ranked.items.length).toBeGreaterThan(0);
    expect(ranked.items.length).toBeLessThanOrEqual(5);
    const whole = listCaseSummaries(
      h.api.deps.db,
      CaseListQuery.parse({ q: 'maria', sort: 'riskScore', limit: '100' }),
      'name-search-test',
      Date.now(),
    );
    expect(whole.searchCapped).toBe(false);
    expect(whole.items.length).toBe(reference('maria').length);
    expect(whole.items.length).toBeGreaterThan(ranked.items.length);
  });

  it('walks the rarest word in the term index in queue order: no sort, no full-text, no scan of cases', async () => {
    const sqlite = h.api.deps.db.sqlite;
    const statementClass = Object.getPrototypeOf(sqlite.prepare('SELECT 1')) as {
      all: (...params: unknown[]) => unknown[];
    };
    const spy = vi.spyOn(statementClass, 'all');
    let texts: string[];
    try {
      expect((await h.call('/api/cases?q=maria%20garcia&status=needs_review')).status).toBe(200);
      texts = spy.mock.contexts.map((statement) => (statement as { source: string }).source);
    } finally {
      spy.mockRestore();
    }
    expect(texts.some((text) => text.includes('cases_fts'))).toBe(false);
    const page = texts.find((text) => text.includes('FROM case_name_terms AS hit CROSS JOIN cases'));
    expect(page).toBeDefined();
    const params = Array.from({ length: page!.split('?').length - 1 }, (_, i) => (i < 2 ? 'maria' : 'x'));
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${page}`).all(...params) as { detail: string }[])
      .map((row) => row.detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH hit USING PRIMARY KEY \(term=\?\)/);
    expect(plan).toMatch(
      /SEARCH also EXISTS USING PRIMARY KEY \(term=\? AND case_created_at=\? AND case_id=\?\)/,
    );
    expect(plan).toMatch(/SEARCH cases USING INTEGER PRIMARY KEY/);
    expect(plan).not.toContain('TEMP B-TREE');
    expect(plan).not.toMatch(/SCAN cases/);
  });

  it('follows every case write: a new case is found, a renamed one under its new name only, a deleted one not at all', async () => {
    const sqlite = h.api.deps.db.sqlite;
    const now = Date.now();
    const id = writeTransaction(h.api.deps.db, (tx) =>
      insertCase(
        tx,
        {
          provider: 'didit',
          kind: 'kyc_session',
          externalId: 'name-search-sync',
          subjectName: 'Quentin Éluard',
          status: 'needs_review',
          providerStatus: 'In Review',
          createdAt: now,
          updatedAt: now,
        },
        {
          context: providerAuditContext('didit'),
          entries: (row) => ({
            ...caseAuditRef(row),
            action: 'case.created',
            after: caseAuditSnapshot(row),
            at: now,
          }),
        },
      ),
    ).id;
    expect(auditRows(h, 'case.created').some((row) => row.case_id === id)).toBe(true);
    expect(await searchAll('quentin elu')).toEqual([id]);
    sqlite.prepare("UPDATE cases SET subject_name = 'Quirin Åberg' WHERE id = ?").run(id);
    expect(await searchAll('quentin')).toEqual([]);
    expect(await searchAll('quirin aberg')).toEqual([id]);
    // A write that leaves the name alone keeps its terms.
    sqlite
      .prepare('UPDATE cases SET subject_name = subject_name, version = version + 1 WHERE id = ?')
      .run(id);
    expect(await searchAll('quirin')).toEqual([id]);
    sqlite.prepare('DELETE FROM case_tags WHERE case_id = ?').run(id);
    sqlite.prepare('DELETE FROM cases WHERE id = ?').run(id);
    expect(await searchAll('quirin')).toEqual([]);
    expect(sqlite.prepare('SELECT count(*) FROM case_name_terms WHERE case_id = ?').pluck().get(id)).toBe(0);
    expect(ids.length).toBe(600);
  });
});
