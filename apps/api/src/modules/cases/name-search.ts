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

function matchClauses(words: string[]): string[] {
  return ['hit.term = ?', ...words.slice(1).map(() => ALSO_HAS)];
}

/**
 * One page sorted by creation time: the walk over the rarest word's range drives the join to `cases`,
 * where the queue's other filters apply, in index order (no sort) until `limit` rows.
 * `select` is the queue's column list ending in ` FROM cases`.
 */
export function nameSearchPage<Row>(
  db: Db,
  select: string,
  words: string[],
  filters: { clauses: string[]; params: unknown[] },
  edge: { value: number; id: number } | null,
  descending: boolean,
  limit: number,
): Row[] {
  const from = select.replace(
    ' FROM cases',
    ' FROM case_name_terms AS hit CROSS JOIN cases ON cases.id = hit.case_id',
  );
  const direction = descending ? 'DESC' : 'ASC';
  const clauses = [...matchClauses(words)];
  const params: unknown[] = [...words];
  if (edge) {
    clauses.push(`(hit.case_created_at, hit.case_id) ${descending ? '<' : '>'} (?, ?)`);
    params.push(edge.value, edge.id);
  }
  clauses.push(...filters.clauses);
  params.push(...filters.params);
  return prepared(
    db,
    `${from} WHERE ${clauses.join(' AND ')}
      ORDER BY hit.case_created_at ${direction}, hit.case_id ${direction} LIMIT ?`,
  ).all(...params, limit) as Row[];
}

/** The newest matching case ids, at most `limit`, for sorts the term table is not ordered by. */
export function nameSearchCandidates(db: Db, words: string[], limit: number): number[] {
  return prepared(
    db,
    `SELECT hit.case_id FROM case_name_terms AS hit WHERE ${matchClauses(words).join(' AND ')}
      ORDER BY hit.case_created_at DESC, hit.case_id DESC LIMIT ?`,
  )
    .pluck()
    .all(...words, limit) as number[];
}
