/**
 * The queue's name search over `case_name_terms` (drizzle/0018_case_name_terms.sql): each word of the
 * query must be a prefix of a word of the name, diacritics and case ignored. Every prefix of every name
 * word is a term, and a term's cases are one index range in (created_at, id) order, so a search walks
 * the rarest word's range in the queue's order, probes the other words by primary key, and stops after
 * one page whatever the words' breadth (docs/architecture.md, "Queue search").
 */
import { type Db, NAME_TERM_MAX_LENGTH, nameWords } from '@backoffice/db';
import { prepared } from './statements';

/** Words a search considers, as many as the full-text path did. */
const MAX_WORDS = 8;

/**
 * The folded words of a name search; null when the full-text index answers the text instead: a word
 * with a digit (part of an identifier, which names do not hold) or longer than the term table keeps.
 */
export function nameSearchWords(text: string): string[] | null {
  const words = [...new Set(nameWords(text.normalize('NFKC')))].slice(0, MAX_WORDS);
  if (words.some((word) => /\p{N}/u.test(word) || Array.from(word).length > NAME_TERM_MAX_LENGTH))
    return null;
  return words;
}

/**
 * Rarity is read this many postings deep: enough to tell a rare word from a common one, never a long
 * walk (counting 5,000 deep for three words cost as much as the page). Past it, the longer word leads.
 */
const RARITY_PROBE = 1_000;

/** The words, rarest first (the one whose range the search walks); null when a word names no case. */
export function wordsByRarity(db: Db, words: string[]): string[] | null {
  if (words.length === 1) return words;
  const count = prepared(
    db,
    `SELECT count(*) FROM (SELECT 1 FROM case_name_terms WHERE term = ? LIMIT ${RARITY_PROBE})`,
  ).pluck();
  const counted = words.map((word) => ({ word, n: count.all(word)[0] as number }));
  if (counted.some(({ n }) => n === 0)) return null;
  return counted.sort((a, b) => a.n - b.n || b.word.length - a.word.length).map(({ word }) => word);
}

/** Every other word, probed on the walked row's own key: one primary-key look-up each. */
const ALSO_HAS = `EXISTS (SELECT 1 FROM case_name_terms AS also WHERE also.term = ?
  AND also.case_created_at = hit.case_created_at AND also.case_id = hit.case_id)`;

/**
 * How many entries of the walked word's range one request reads at most. A search whose matches are
 * sparse among them (two common words that rarely meet, or a filter few of them pass) would otherwise
 * read the whole range in one request: 4 ms at 100,000 cases, and the range grows with the table; on a
 * server that answers one request at a time every other reviewer waits behind it. Past the budget the page holds
 * what was found and its cursor continues the walk from where it stopped, so nothing is skipped
 * (docs/architecture.md, "Queue search"). 2,000 entries with two other words cost about 1 ms at 100,000 cases.
 */
export const NAME_WALK_BUDGET = 2_000;

/** A position in the term table's (created_at, case id) order, as the queue's cursors hold it. */
export type ScanKey = { value: number; id: number };

/** One page of a name search, and where a walk cut short by the budget stopped (null: it was not). */
export interface NameSearchPage<Row> {
  rows: Row[];
  stoppedAt: ScanKey | null;
}

/**
 * The key of the budget-th entry of the word's range from the edge on, when the range goes on past it:
 * the walk stops there. An index-only skip (no row leaves SQLite), so the bound costs a fraction of the
 * walk it bounds. Null when the range ends within the budget.
 */
function walkLimit(
  db: Db,
  word: string,
  edge: ScanKey | null,
  descending: boolean,
  budget: number,
): ScanKey | null {
  const direction = descending ? 'DESC' : 'ASC';
  const after = edge ? ` AND (case_created_at, case_id) ${descending ? '<' : '>'} (?, ?)` : '';
  const entries = prepared(
    db,
    `SELECT case_created_at, case_id FROM case_name_terms WHERE term = ?${after}
      ORDER BY case_created_at ${direction}, case_id ${direction} LIMIT 2 OFFSET ?`,
  ).all(word, ...(edge ? [edge.value, edge.id] : []), budget - 1) as {
    case_created_at: number;
    case_id: number;
  }[];
  const [last, beyond] = entries;
  return last && beyond ? { value: last.case_created_at, id: last.case_id } : null;
}

/** The walk over the rarest word's range from `edge` to `stop`, both optional, as clauses on `hit`. */
function walkClauses(words: string[], edge: ScanKey | null, stop: ScanKey | null, descending: boolean) {
  const clauses = ['hit.term = ?', ...words.slice(1).map(() => ALSO_HAS)];
  const params: unknown[] = [...words];
  if (edge) {
    clauses.push(`(hit.case_created_at, hit.case_id) ${descending ? '<' : '>'} (?, ?)`);
    params.push(edge.value, edge.id);
  }
  if (stop) {
    clauses.push(`(hit.case_created_at, hit.case_id) ${descending ? '>=' : '<='} (?, ?)`);
    params.push(stop.value, stop.id);
  }
  return { clauses, params };
}

/**
 * One page sorted by creation time: the walk over the rarest word's range drives the join to `cases`,
 * where the queue's other filters apply, in index order (no sort) until `limit` rows or the budget.
 * `select` is the queue's column list ending in ` FROM cases`.
 */
export function nameSearchPage<Row>(
  db: Db,
  select: string,
  words: string[],
  filters: { clauses: string[]; params: unknown[] },
  edge: ScanKey | null,
  descending: boolean,
  limit: number,
  budget = NAME_WALK_BUDGET,
): NameSearchPage<Row> {
  const from = select.replace(
    ' FROM cases',
    ' FROM case_name_terms AS hit CROSS JOIN cases ON cases.id = hit.case_id',
  );
  const direction = descending ? 'DESC' : 'ASC';
  const stop = walkLimit(db, words[0]!, edge, descending, budget);
  const walk = walkClauses(words, edge, stop, descending);
  const rows = prepared(
    db,
    `${from} WHERE ${[...walk.clauses, ...filters.clauses].join(' AND ')}
      ORDER BY hit.case_created_at ${direction}, hit.case_id ${direction} LIMIT ?`,
  ).all(...walk.params, ...filters.params, limit) as Row[];
  return { rows, stoppedAt: rows.length < limit ? stop : null };
}

/**
 * The newest matching case ids, at most `limit`, for sorts the term table is not ordered by, read from
 * at most `budget` entries of the walked word's range; `capped` when either bound may have cut the list.
 */
export function nameSearchCandidates(
  db: Db,
  words: string[],
  limit: number,
  budget = NAME_WALK_BUDGET,
): { ids: number[]; capped: boolean } {
  const stop = walkLimit(db, words[0]!, null, true, budget);
  const walk = walkClauses(words, null, stop, true);
  const ids = prepared(
    db,
    `SELECT hit.case_id FROM case_name_terms AS hit WHERE ${walk.clauses.join(' AND ')}
      ORDER BY hit.case_created_at DESC, hit.case_id DESC LIMIT ?`,
  )
    .pluck()
    .all(...walk.params, limit + 1) as number[];
  return { ids: ids.slice(0, limit), capped: ids.length > limit || stop !== null };
}
