/**
 * The benchmark's data set: built once per (generator version, size) and cached under .data/bench/.
 * Realistic where it matters for the queue: ~1 KB provider payloads (rows span pages the way real
 * ones do), a status mix where ~8 % need review, and names from several scripts with a skewed
 * distribution (a few very common names, a long tail of rare ones). For the dashboard: decision
 * times, and a third of the decided cases decided by a reviewer here, with their actions and audit rows.
 * For the workbench's filters: due times on the cases in review (most of them past), a third of those
 * assigned to one of three reviewers, and two tags, one on a tenth of all cases and one on a thousandth.
 * For the what-if: Didit and Ditto payloads carry their face-match and liveness scores where the
 * mappings read them, so the `case_scores` triggers store them as they do for real cases (./scores.ts).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyMigrations, openDatabase } from '@backoffice/db';
import { biometricScores } from './scores';

// The generator's version is in the file name so a changed generator never reuses an old file.
const GENERATOR_VERSION = 'v6';

export function datasetFile(root: string, cases: number): string {
  return join(root, '.data', 'bench', `queue-${GENERATOR_VERSION}-${cases}.sqlite`);
}

const REVIEWERS = ['bench-reviewer-1', 'bench-reviewer-2', 'bench-reviewer-3'];

/** The two tags on the data set, by name: the benchmark looks their ids up. */
export const BENCH_TAGS = { common: 'Bench common', rare: 'Bench rare' } as const;
const HOUR = 3_600_000;

interface NamePool {
  weight: number;
  first: string[];
  last: string[];
  /** CJK names are written without a space between family and given name. */
  joined?: boolean;
}

const POOLS: NamePool[] = [
  {
    weight: 0.58,
    first: [
      'María',
      'José',
      'Ana',
      'Luis',
      'Carmen',
      'Jürgen',
      'François',
      'Chloé',
      'Zoë',
      'Søren',
      'Łukasz',
      'Ágnes',
      'İbrahim',
      'João',
      'Renée',
      'Björn',
      'Tomáš',
      'Siobhán',
      'Aroha',
      'Kenji',
      'Olivia',
      'Noah',
      'Amara',
      'Mateus',
    ],
    last: [
      'García',
      'Müller',
      'Pérez',
      'Ünlü',
      'Nguyễn',
      'Schmidt',
      'Dubois',
      'Kowalczyk',
      'Horváth',
      'Öztürk',
      'Ó Briain',
      'Sørensen',
      'Gonçalves',
      'Ngata',
      'Berg',
      'Rossi',
      'Fernández',
      'Novák',
      'Lefèvre',
      'Jensen',
    ],
  },
  {
    weight: 0.12,
    first: ['Александр', 'Ольга', 'Иван', 'Наталья', 'Дмитрий', 'Елена', 'Сергей', 'Анна'],
    last: ['Иванов', 'Петрова', 'Смирнов', 'Кузнецова', 'Попов', 'Соколова', 'Лебедев'],
  },
  {
    weight: 0.06,
    first: ['Γιώργος', 'Μαρία', 'Δημήτρης', 'Ελένη', 'Νίκος', 'Σοφία'],
    last: ['Παπαδόπουλος', 'Νικολάου', 'Γεωργίου', 'Οικονόμου', 'Αντωνίου'],
  },
  {
    weight: 0.12,
    joined: true,
    first: ['伟', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇'],
    last: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '佐藤', '鈴木'],
  },
  {
    weight: 0.12,
    first: ['محمد', 'فاطمة', 'أحمد', 'علي', 'مريم', 'يوسف', 'خديجة', 'عمر'],
    last: ['العلي', 'حداد', 'الخطيب', 'منصور', 'الحسن', 'سليمان', 'النجار'],
  },
];

/** Syllables for the long tail of rare (Latin-script) surnames. */
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ren',
  'tso',
  'vak',
  'bel',
  'dri',
  'qua',
  'zen',
  'hul',
  'pes',
  'fir',
  'gan',
];

const STATUSES: [string, number][] = [
  ['needs_review', 0.08],
  ['pending', 0.12],
  ['approved', 0.6],
  ['rejected', 0.12],
  ['expired', 0.08],
];
const PROVIDER_STATUS: Record<string, string> = {
  pending: 'In Progress',
  needs_review: 'In Review',
  approved: 'Approved',
  rejected: 'Declined',
  expired: 'Abandoned',
};

/** mulberry32: a small PRNG whose successive draws are independent enough that columns do not correlate. */
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Zipf-like pick: the first entries of a list are far more common than the last. */
function zipf<T>(list: T[], random: () => number): T {
  const total = list.reduce((sum, _item, index) => sum + 1 / (index + 1), 0);
  let draw = random() * total;
  for (let index = 0; index < list.length; index++) {
    draw -= 1 / (index + 1);
    if (draw <= 0) return list[index]!;
  }
  return list[list.length - 1]!;
}

function weighted<T>(entries: [T, number][], random: () => number): T {
  let draw = random();
  for (const [value, weight] of entries) {
    draw -= weight;
    if (draw <= 0) return value;
  }
  return entries[entries.length - 1]![0];
}

function rareSurname(random: () => number): string {
  const parts = 2 + Math.floor(random() * 2);
  let name = '';
  for (let i = 0; i < parts; i++) name += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function personName(random: () => number): string {
  const pool = weighted(
    POOLS.map((p) => [p, p.weight] as [NamePool, number]),
    random,
  );
  const first = zipf(pool.first, random);
  if (pool.joined) return `${zipf(pool.last, random)}${first}`;
  // A long tail of rare surnames in Latin script, and some people with a middle name.
  const last = pool === POOLS[0] && random() < 0.25 ? rareSurname(random) : zipf(pool.last, random);
  const middle = random() < 0.2 ? `${zipf(pool.first, random)} ` : '';
  return `${first} ${middle}${last}`;
}

const riskBand = (score: number | null) =>
  score === null
    ? null
    : score >= 100
      ? 'very_high'
      : score >= 75
        ? 'high'
        : score >= 50
          ? 'medium'
          : score >= 25
            ? 'low_medium'
            : 'low';

/** About 1 KB of provider decision, shaped like a Didit one; the queue never reads it. */
function payloadFor(sessionId: string, status: string, name: string, random: () => number): string {
  const checks = Array.from({ length: 6 }, (_, index) => ({
    node_id: `feature_${index}`,
    status: random() < 0.9 ? 'Approved' : 'In Review',
    score: Math.round(random() * 1000) / 10,
  }));
  return JSON.stringify({
    session_id: sessionId,
    status: PROVIDER_STATUS[status],
    workflow_id: 'bench-workflow',
    id_verification: {
      status: 'Approved',
      full_name: name,
      document_type: 'Identity Card',
      issuing_state: 'ESP',
      date_of_birth: `19${50 + Math.floor(random() * 50)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      address: `${Math.floor(random() * 300)} Calle de Ejemplo, ${Math.floor(random() * 90_000)} Madrid`,
      warnings: [],
    },
    ...biometricScores(status, random, (liveness, faceMatch) => ({
      liveness_checks: [{ status: 'Approved', score: liveness, method: 'PASSIVE' }],
      face_matches: [{ status: 'Approved', score: faceMatch }],
    })),
    aml: { status: 'Approved', total_hits: 0, screened_data: { full_name: name } },
    features: checks,
    ip_analysis: { ip_country: 'Spain', ip_city: 'Madrid', is_vpn_or_tor: false, device_brand: 'Apple' },
    reviews: [],
  });
}

/** A Ditto submission with its biometric results, without the images real ones carry. */
function dittoPayloadFor(requesterId: string, status: string, name: string, random: () => number): string {
  return JSON.stringify({
    requester_id: requesterId,
    status: PROVIDER_STATUS[status],
    kyc_info: {
      full_name: name,
      document_type: 'passport',
      nationality: 'ESP',
      date_of_birth: `19${50 + Math.floor(random() * 50)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      ...biometricScores(status, random, (liveness, faceMatch) => ({
        face_matcher_result: { score_percent: faceMatch, is_match: faceMatch >= 70 },
        liveness_check: { video: { liveness_result: { score: liveness, is_live: liveness >= 50 } } },
      })),
    },
  });
}

/** Builds the data set if it is not cached yet; returns the file. */
export function ensureDataset(root: string, cases: number, log: (line: string) => void): string {
  const file = datasetFile(root, cases);
  if (existsSync(file)) return file;
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  const db = openDatabase(partial, { synchronous: 'NORMAL' });
  applyMigrations(db);
  const insert = db.sqlite.prepare(`INSERT INTO cases
    (provider, kind, external_id, subject_name, subject_ref, subject_country, document_number, status, provider_status,
     risk_score, risk_band, warning_count, created_at, updated_at, decided_at, version, payload,
     assignee_id, assigned_at, review_entered_at, due_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`);
  const insertTag = db.sqlite.prepare(`INSERT INTO tags (name, colour, created_by, created_at, updated_at)
    VALUES (?, 'blue', 'bench', 0, 0)`);
  const commonTag = Number(insertTag.run(BENCH_TAGS.common).lastInsertRowid);
  const rareTag = Number(insertTag.run(BENCH_TAGS.rare).lastInsertRowid);
  const insertCaseTag = db.sqlite.prepare(
    "INSERT INTO case_tags (case_id, tag_id, added_by, added_at) VALUES (?, ?, 'bench', 0)",
  );
  // What the dashboard reads besides the cases: the decisions reviewers took here and their audit
  // rows. The chain is never verified on this file (the benchmark measures reads), so rows carry a
  // placeholder hash.
  const insertAction = db.sqlite.prepare(`INSERT INTO case_actions
    (case_id, type, params, status, requested_by, requested_at, case_version, resolved_at)
    VALUES (?, ?, '{}', 'applied', ?, ?, 1, ?)`);
  const insertAudit = db.sqlite.prepare(`INSERT INTO audit_log
    (at, actor_type, actor_id, action, case_id, before, after, prev_hash, hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', 'bench')`);
  const random = prng(42);
  const started = Date.now();
  // Rows arrive roughly in time order, as they do from providers: ids and created_at correlate.
  const span = 365 * 86_400_000;
  const batch = db.sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const status = weighted(STATUSES, random);
      const score = random() < 0.2 ? null : Math.floor(random() * 101);
      const created = started - span + Math.floor((i / cases) * span) + Math.floor(random() * 3_600_000);
      const providerDraw = random();
      const provider = providerDraw < 0.6 ? 'didit' : providerDraw < 0.7 ? 'ditto' : 'kryptogo';
      const sessionId = `bench-${i.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`;
      const name = personName(random);
      const updated = created + Math.floor(random() * 86_400_000);
      const decided = status === 'approved' || status === 'rejected' ? updated : null;
      const inReview = status === 'needs_review';
      // As the built-in due-time policy does: very high risk within 4 hours, the rest within 24.
      const due = inReview ? created + (score !== null && score >= 100 ? 4 : 24) * HOUR : null;
      const assignee =
        inReview && random() < 0.33 ? REVIEWERS[Math.floor(random() * REVIEWERS.length)]! : null;
      const id = Number(
        insert.run(
          provider,
          provider === 'didit'
            ? 'kyc_session'
            : provider === 'ditto'
              ? 'kyc_submission'
              : random() < 0.5
                ? 'dd_task'
                : 'kya_task',
          sessionId,
          name,
          `customer-${i}`,
          'ESP',
          `X${(10_000_000 + i).toString()}`,
          status,
          PROVIDER_STATUS[status]!,
          score,
          riskBand(score),
          Math.floor(random() * 4),
          created,
          updated,
          decided,
          provider === 'ditto'
            ? dittoPayloadFor(sessionId, status, name, random)
            : payloadFor(sessionId, status, name, random),
          assignee,
          assignee ? created : null,
          inReview ? created : null,
          due,
        ).lastInsertRowid,
      );
      const tagDraw = random();
      if (tagDraw < 0.1) insertCaseTag.run(id, commonTag);
      if (tagDraw > 0.999) insertCaseTag.run(id, rareTag);
      insertAudit.run(created, 'provider', null, 'case.created', id, null, '{"status":"needs_review"}');
      if (decided !== null && random() < 0.33) {
        const by = REVIEWERS[Math.floor(random() * REVIEWERS.length)]!;
        const type = status === 'approved' ? 'approve' : 'decline';
        const actionId = Number(insertAction.run(id, type, by, decided, decided + 1000).lastInsertRowid);
        insertAudit.run(
          decided,
          'user',
          by,
          'case.action_requested',
          id,
          '{"status":"needs_review"}',
          JSON.stringify({ actionId, type }),
        );
        // As every path that applies a decision writes it; the dashboard's decision facts come from it
        // (a file built before drizzle/0021 gets the same facts from that migration's backfill).
        insertAudit.run(
          decided + 1000,
          'system',
          'outbox',
          'case.action_applied',
          id,
          null,
          JSON.stringify({ actionId, type, actionStatus: 'applied' }),
        );
      }
    }
  });
  for (let from = 0; from < cases; from += 20_000) {
    batch(from, Math.min(cases, from + 20_000));
    log(`  building ${Math.min(cases, from + 20_000).toLocaleString()} / ${cases.toLocaleString()} cases`);
  }
  db.sqlite.exec("INSERT INTO cases_fts (cases_fts) VALUES ('optimize')");
  db.sqlite.pragma('optimize');
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(partial, file);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  log(`  built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return file;
}
