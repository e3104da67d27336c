import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { keysetPage, keysetPageQuery } from './paging';

describe('keyset paging', () => {
  const Query = z.object(keysetPageQuery(200, 50));

  it('defaults the limit, coerces query strings and bounds both fields', () => {
    expect(Query.parse({})).toEqual({ limit: 50 });
    expect(Query.parse({ limit: '10', before: '7' })).toEqual({ limit: 10, before: 7 });
    expect(Query.safeParse({ limit: '201' }).success).toBe(false);
    expect(Query.safeParse({ limit: '0' }).success).toBe(false);
    expect(Query.safeParse({ before: '0' }).success).toBe(false);
  });

  it('parses a page of items with the id to continue below, null on the last page', () => {
    const Page = keysetPage(z.object({ id: z.number() }));
    expect(Page.parse({ items: [{ id: 3 }], nextBefore: 3 })).toEqual({ items: [{ id: 3 }], nextBefore: 3 });
    expect(Page.parse({ items: [], nextBefore: null }).nextBefore).toBeNull();
    expect(Page.safeParse({ items: [{ id: 'x' }], nextBefore: null }).success).toBe(false);
  });
});
