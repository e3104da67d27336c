/**
 * The words of a person's name as the queue's name search compares them: NFKD, combining marks
 * dropped (so "García" and "garcia" are one word), lower-cased, split on anything that is not a letter
 * or a digit. CJK names, written without spaces, stay one word ("王伟").
 */
export function nameWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * Longest prefix of a word kept in `case_name_terms`: a name word is rarely longer, and the prefixes of
 * one word cost its length squared, so a hostile name cannot blow the table up. A longer search word is
 * answered by the full-text index instead.
 */
export const NAME_TERM_MAX_LENGTH = 24;

/** How many words of one name are indexed (a provider could send a paragraph as a name). */
const NAME_WORDS_INDEXED = 16;

/**
 * Every prefix (1 to NAME_TERM_MAX_LENGTH characters) of every word of a name, once each: a search word
 * is then one exact term, whose cases are one index range in queue order. Code points, not UTF-16 units,
 * so a prefix never splits a character.
 */
export function nameSearchTerms(name: string | null): string[] {
  if (!name) return [];
  const terms = new Set<string>();
  for (const word of nameWords(name).slice(0, NAME_WORDS_INDEXED)) {
    const chars = Array.from(word).slice(0, NAME_TERM_MAX_LENGTH);
    let prefix = '';
    for (const char of chars) {
      prefix += char;
      terms.add(prefix);
    }
  }
  return [...terms];
}

/**
 * The SQL function the `case_name_terms` triggers call (drizzle/0018_case_name_terms.sql): the terms
 * of a name as a JSON array. Registered on every connection openDatabase makes; a connection without it
 * (the sqlite3 shell) can read cases but not write them.
 */
export const NAME_TERMS_FUNCTION = 'name_search_terms';

export function nameSearchTermsJson(name: unknown): string {
  return JSON.stringify(nameSearchTerms(typeof name === 'string' ? name : null));
}
