import type { ReviewItem } from '@backoffice/contracts';

/**
 * Makes every key of a list unique while keeping the first one as it is: a provider can report the same
 * finding twice (one risk on one node), and each occurrence is its own thing to check.
 */
export function withUniqueKeys(items: readonly ReviewItem[]): ReviewItem[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const count = (seen.get(item.key) ?? 0) + 1;
    seen.set(item.key, count);
    return count === 1 ? item : { ...item, key: `${item.key}.${count}` };
  });
}

const SEVERITY_RANK = { high: 0, medium: 1, low: 2 } as const;

/** Most severe first; within a severity, in the order the provider reported them. */
export function bySeverity(items: readonly ReviewItem[]): ReviewItem[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => SEVERITY_RANK[a.item.severity] - SEVERITY_RANK[b.item.severity] || a.index - b.index)
    .map(({ item }) => item);
}

/** A provider's code in words: `LOW_FACE_MATCH_SIMILARITY` → "Low face match similarity". */
export function codeInWords(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words ? `${words[0]!.toUpperCase()}${words.slice(1)}` : code;
}
