/**
 * The ceiling: a bare Hono route running the queue's own SQL (the page, the name-term walk, the
 * full-text, identifier or tag candidates, the per-status and workload counts, and the page's tags and
 * assignee names) on the same file, with statements prepared once, no session, no validation, no
 * mapping and no logging. What
 * the API serves is measured against this in the same run. Answers the same URLs as the API
 * (`/api/cases?...`; `assignee=me` is the viewer given on the command line). Prints `{"url": ...}`
 * once listening.
 * argv: <database file> <viewer's user id>
 */

import { pathToFileURL } from 'node:url';
import { riskBandRange } from '@backoffice/contracts';
import { type Db, openDatabase } from '@backoffice/db';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import {
  nameSearchCandidates,
  nameSearchPage,
  nameSearchWords,
  wordsByRarity,
} from '../src/modules/cases/name-search';
import {
  assigneeNames,
  looksLikeIdentifier,
  SEARCH_CANDIDATE_LIMIT,
  TAG_CANDIDATE_LIMIT,
  tagsOfListedCases,
  toFtsQuery,
  workloadCounts,
} from '../src/modules/cases/repo';

const COLUMNS = `id, provider, kind, external_id, subject_name, subject_ref, subject_country, document_number,
  status, provider_status, risk_score, risk_band, warning_count, workflow_id, created_at, updated_at, decided_at,
  provider_event_at, version, assignee_id, flag, flag_detail, flagged_at, assigned_at, review_entered_at, due_at`;
const DUE = 'coalesce(due_at, 8640000000000000)';
const SORT = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  riskScore: 'coalesce(risk_score, -1)',
  dueAt: DUE,
} as const;

interface Statement {
  all(...params: unknown[]): unknown[];
  pluck(): Statement;
}
const list = (value: string | undefined) => (value ? value.split(',') : []);
const marks = (values: unknown[]) => values.map(() => '?').join(', ');

const ftsCandidates = 'SELECT rowid FROM cases_fts WHERE cases_fts MATCH ? ORDER BY rowid DESC LIMIT ?';
const identifierCandidates = `SELECT id FROM cases WHERE external_id = @value COLLATE NOCASE
  UNION SELECT id FROM cases WHERE subject_ref = @value COLLATE NOCASE
  UNION SELECT id FROM cases WHERE document_number = @value COLLATE NOCASE LIMIT 500`;
const tagCandidates = 'SELECT case_id FROM case_tags WHERE tag_id = ? LIMIT ?';
const TAGGED = 'EXISTS (SELECT 1 FROM case_tags WHERE case_tags.tag_id = ? AND case_tags.case_id = cases.id)';

export function createCeilingApp(db: Db, viewerId: string, now: () => number = Date.now) {
  const statements = new Map<string, Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.sqlite.prepare(sql) as unknown as Statement;
      statements.set(sql, statement);
    }
    return statement;
  };
  const app = new Hono();
  app.get('/api/cases', (c) => {
    const p = new URLSearchParams(new URL(c.req.url).search);
    const sortName = (p.get('sort') ?? 'createdAt') as keyof typeof SORT;
    const sort = SORT[sortName];
    const descending = (p.get('order') ?? 'desc') === 'desc';
    const limit = Number(p.get('limit') ?? 50);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    const status = list(p.get('status') ?? undefined);
    if (status.length) add(`status IN (${marks(status)})`, ...status);
    const provider = list(p.get('provider') ?? undefined);
    if (provider.length) add(`+provider IN (${marks(provider)})`, ...provider);
    const kind = list(p.get('kind') ?? undefined);
    if (kind.length) add(`+kind IN (${marks(kind)})`, ...kind);
    const bands = list(p.get('riskBand') ?? undefined);
    if (bands.length) {
      where.push(`(${bands.map(() => '+risk_score BETWEEN ? AND ?').join(' OR ')})`);
      for (const band of bands) {
        const { min, max } = riskBandRange(band as Parameters<typeof riskBandRange>[0]);
        params.push(min, max);
      }
    }
    const created = sortName === 'createdAt' ? 'created_at' : '+created_at';
    const from = p.get('from');
    if (from) add(`${created} >= ?`, Date.parse(`${from}T00:00:00.000Z`));
    const to = p.get('to');
    if (to) add(`${created} <= ?`, Date.parse(`${to}T00:00:00.000Z`) + 86_399_999);
    const flagged = p.get('flagged');
    if (flagged === 'true') add('flag IS NOT NULL');
    if (flagged === 'false') add('flag IS NULL');
    const assignee = p.get('assignee');
    if (assignee === 'unassigned') add('+assignee_id IS NULL');
    else if (assignee === 'me') add('+assignee_id = ?', viewerId);
    else if (assignee) add('+assignee_id = ?', assignee);
    const at = now();
    if (p.get('overdue') === 'true') {
      add(`${sortName === 'dueAt' ? DUE : `+${DUE}`} < ?`, at);
      add("+status = 'needs_review'");
    }
    if (p.get('overdue') === 'false') add(`(+status <> 'needs_review' OR +${DUE} >= ?)`, at);
    const tag = p.get('tag') ? Number(p.get('tag')) : undefined;
    if (tag !== undefined) add(TAGGED, tag);
    const cursor = p.get('cursor');
    const edge = cursor
      ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { value: number; id: number })
      : null;
    const q = p.get('q');
    let searchCapped = false;
    let candidates: number[] | null = null;
    // A name: the queue's term-table walk (a page sorted by creation time) or its bounded candidates.
    const words = q ? nameSearchWords(q) : null;
    const ordered = words?.length ? wordsByRarity(db, words) : null;
    if (words && !ordered) return respond([], false);
    if (ordered && sortName === 'createdAt') {
      const select = `SELECT ${COLUMNS.replace(/^id,/, 'cases.id,')} FROM cases`;
      const filters = { clauses: where, params };
      const page = nameSearchPage<{ id: number; assignee_id: string | null }>(
        db,
        select,
        ordered,
        filters,
        edge,
        descending,
        limit + 1,
      );
      return respond(page.rows, page.stoppedAt !== null);
    }
    if (edge) add(`(${sort}, cases.id) ${descending ? '<' : '>'} (?, ?)`, edge.value, edge.id);
    if (ordered) {
      const found = nameSearchCandidates(db, ordered, SEARCH_CANDIDATE_LIMIT);
      searchCapped = found.capped;
      candidates = found.ids;
    } else if (q) {
      let ids: number[];
      if (looksLikeIdentifier(q)) {
        ids = (prepared(identifierCandidates).all({ value: q.trim() }) as { id: number }[]).map((r) => r.id);
      } else {
        ids = prepared(ftsCandidates)
          .pluck()
          .all(toFtsQuery(q), SEARCH_CANDIDATE_LIMIT + 1) as number[];
        searchCapped = ids.length > SEARCH_CANDIDATE_LIMIT;
        ids = ids.slice(0, SEARCH_CANDIDATE_LIMIT);
      }
      candidates = ids;
    } else if (tag !== undefined) {
      const tagged = prepared(tagCandidates)
        .pluck()
        .all(tag, TAG_CANDIDATE_LIMIT + 1) as number[];
      if (tagged.length <= TAG_CANDIDATE_LIMIT) candidates = tagged;
    }
    if (!candidates && ((assignee && assignee !== 'unassigned') || p.get('overdue') === 'true')) {
      // A person's cases or the overdue ones, when few, from their own index (as the queue does).
      const ids = (
        assignee && assignee !== 'unassigned'
          ? prepared(
              `SELECT id FROM cases WHERE assignee_id = ?${status.length ? ` AND status IN (${marks(status)})` : ''} LIMIT ?`,
            )
              .pluck()
              .all(assignee === 'me' ? viewerId : assignee, ...status, TAG_CANDIDATE_LIMIT + 1)
          : prepared(`SELECT id FROM cases WHERE status = 'needs_review' AND ${DUE} < ? LIMIT ?`)
              .pluck()
              .all(at, TAG_CANDIDATE_LIMIT + 1)
      ) as number[];
      if (ids.length <= TAG_CANDIDATE_LIMIT) candidates = ids;
    }
    let source = `SELECT ${COLUMNS} FROM cases`;
    if (candidates) {
      source = `SELECT ${COLUMNS.replace(/^id,/, 'cases.id,')} FROM json_each(?) AS candidate CROSS JOIN cases ON cases.id = candidate.value`;
      params.unshift(JSON.stringify(candidates));
    }
    const direction = descending ? 'DESC' : 'ASC';
    let rows: unknown[];
    const statuses = [...new Set(status)];
    if (!candidates && statuses.length > 1) {
      // As the queue does: one page per status from its index, merged.
      const otherParams = params.slice(status.length);
      const branch = `SELECT * FROM (SELECT ${COLUMNS} FROM cases WHERE ${['status = ?', ...where.slice(1)].join(' AND ')}
      ORDER BY ${sort} ${direction}, id ${direction} LIMIT ?)`;
      const sql = `SELECT * FROM (${statuses.map(() => branch).join(' UNION ALL ')})
      ORDER BY ${sort} ${direction}, id ${direction} LIMIT ?`;
      rows = prepared(sql).all(...statuses.flatMap((s) => [s, ...otherParams, limit + 1]), limit + 1);
    } else {
      const sql = `${source} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${sort} ${direction}, cases.id ${direction} LIMIT ?`;
      rows = prepared(sql).all(...params, limit + 1);
    }
    return respond(rows as { id: number; assignee_id: string | null }[], searchCapped);
    function respond(rows: { id: number; assignee_id: string | null }[], capped: boolean) {
      const items = rows.slice(0, limit);
      const counts = prepared('SELECT status, sum(count) AS n FROM case_counts GROUP BY status').all();
      // The other reads the queue's answer needs, through the queue's own functions.
      const tags = Object.fromEntries(
        tagsOfListedCases(
          db,
          items.map((row) => row.id),
        ),
      );
      const names = Object.fromEntries(
        assigneeNames(
          db,
          items.map((row) => row.assignee_id),
        ),
      );
      const workload = workloadCounts(db, viewerId, at);

      return c.json({
        items,
        more: rows.length > limit,
        counts,
        workload,
        tags,
        names,
        searchCapped: capped,
      });
    }
  });
  return app;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const [file, viewerId] = process.argv.slice(2);
  if (!file || !viewerId) throw new Error('usage: ceiling-process <database file> <viewer user id>');
  const app = createCeilingApp(openDatabase(file, { readonly: true }), viewerId);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
