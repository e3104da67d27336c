import { z } from 'zod';

/**
 * Query fields of a list read newest first by keyset: `before` is the id the previous page ended
 * below (absent: the first page). Bounded so no request can ask for an unbounded page.
 */
export function keysetPageQuery(maxLimit: number, defaultLimit: number) {
  return {
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
    before: z.coerce.number().int().positive().optional(),
  };
}

/** One page of such a list: pass `nextBefore` as `before` for the next page; null means this is the last. */
export function keysetPage<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextBefore: z.number().int().nullable() });
}
