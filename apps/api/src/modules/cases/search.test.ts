import { cases } from '@backoffice/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';
import { looksLikeIdentifier } from './repo';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const now = Date.now();
  h.api.deps.db.orm
    .insert(cases)
    .values(
      Array.from({ length: 40 }, (_, i) => ({
        provider: 'didit',
        kind: 'kyc_session',
        externalId: `3f1c2a0e-0000-4000-8000-${String(i).padStart(12, '0')}`,
        subjectName: i === 7 ? 'Zoë Ångström-Lee' : `Search Person ${i}`,
        subjectRef: `customer-${1000 + i}`,
        documentNumber: `PA${900000 + i}`,
        status: 'needs_review',
        providerStatus: 'In Review',
        createdAt: now - i,
        updatedAt: now,
      })),
    )
    .run();
});
afterAll(async () => {
  await h?.close();
});

const search = async (q: string) => {
  const { status, body } = await h.call(`/api/cases?status=needs_review&q=${encodeURIComponent(q)}`);
  expect(status).toBe(200);
  return body.items.map((c: any) => c.subjectRef) as string[];
};

describe('queue search', () => {
  it('treats one token with digits as an identifier and matches it exactly, ignoring case', async () => {
    expect(looksLikeIdentifier('customer-1007')).toBe(true);
    expect(looksLikeIdentifier('Zoë Lee')).toBe(false);
    expect(await search('customer-1007')).toEqual(['customer-1007']);
    expect(await search('pa900012')).toEqual(['customer-1012']);
    expect(await search('3F1C2A0E-0000-4000-8000-000000000003')).toEqual(['customer-1003']);
  });

  it('falls back to full-text prefixes for names, without diacritics', async () => {
    expect(await search('zoe angstrom')).toEqual(['customer-1007']);
    expect(await search('ångström-lee')).toEqual(['customer-1007']);
    expect((await search('search pers')).length).toBe(39);
  });

  it('answers one- to three-letter prefixes from FTS5 prefix indexes, diacritics folded', async () => {
    const definition = h.api.deps.db.sqlite
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'cases_fts'")
      .pluck()
      .get() as string;
    expect(definition).toMatch(/prefix\s*=\s*'1 2 3'/);
    for (const prefix of ['z', 'zo', 'zoe', 'å', 'ang', 'zo ån']) {
      expect(await search(prefix)).toEqual(['customer-1007']);
    }
    expect((await search('s p')).length).toBe(39);
  });

  it('matches nothing for punctuation-only input instead of everything', async () => {
    expect(await search('"*()')).toEqual([]);
  });
});
