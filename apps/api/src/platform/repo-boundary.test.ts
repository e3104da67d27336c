import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');

/**
 * Where drizzle may be called: repo files (`repo.ts`, `*-repo.ts`) and `cases/writes.ts`, the cases
 * table's write module that always writes the audit row. Everything else asks a repo, so a second SQL
 * dialect later is a change to these files only (docs/architecture.md, "Layers").
 */
const isRepoFile = (path: string) => /(^|\/|-)repo\.ts$/.test(path) || path === 'modules/cases/writes.ts';

const DRIZZLE_IMPORT = /from\s+['"]drizzle-orm(?:\/[^'"]*)?['"]/;
/** A query built on a database or transaction handle, also when the chain starts on the next line. */
const QUERY_BUILDER =
  /\b(?:tx|orm|db|db\.orm|deps\.db\.orm|deps\.db)\s*\.\s*(?:select|selectDistinct|insert|update|delete)\s*\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The non-repo files under `dir` that import drizzle or build a query, with the offending line. */
export function drizzleOutsideRepos(dir: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(dir)) {
    const path = relative(dir, file).split('\\').join('/');
    if (isRepoFile(path) || path.startsWith('test/')) continue;
    const text = readFileSync(file, 'utf8');
    for (const pattern of [DRIZZLE_IMPORT, QUERY_BUILDER]) {
      const match = pattern.exec(text);
      if (match) {
        const line = text.slice(0, match.index).split('\n').length;
        found.push(`${path}:${line}: ${match[0].replace(/\s+/g, ' ')}`);
      }
    }
  }
  return found;
}

describe('every drizzle call sits in a repo file', () => {
  it('no service, route or provider file under apps/api/src imports drizzle-orm or builds a query', () => {
    expect(drizzleOutsideRepos(SRC)).toEqual([]);
  });

  it('the check sees an import and a query chain split over lines', () => {
    const sample = "import { eq } from 'drizzle-orm';\nconst row = tx\n  .select()\n  .from(cases);";
    expect(DRIZZLE_IMPORT.test(sample)).toBe(true);
    expect(QUERY_BUILDER.test(sample)).toBe(true);
    expect(QUERY_BUILDER.test('seen.delete(key); map.delete(provider);')).toBe(false);
    expect(isRepoFile('modules/cases/repo.ts') && isRepoFile('modules/reconcile/jobs-repo.ts')).toBe(true);
    expect(isRepoFile('modules/cases/service.ts') || isRepoFile('modules/cases/report.ts')).toBe(false);
  });
});
