import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ErrorCode } from '@backoffice/contracts';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const sources = sourceFiles(SRC).map((path) => ({
  path: relative(SRC, path),
  text: readFileSync(path, 'utf8'),
}));

/**
 * `status, 'code'` as every error constructor and `errorBody(c, 'code', …)` take it. Typecheck already
 * refuses a code outside the enum; this also catches one passed through a cast or a `string` variable.
 */
const EMITTED = /(?:\b[1-5]\d\d,\s*|errorBody\(\s*c,\s*(?:[^,]*\?\s*)?)'([a-z][a-z0-9_]*)'/g;

describe('error codes', () => {
  it('every code the API emits is in the contract enum', () => {
    const emitted = new Map<string, string>();
    for (const { path, text } of sources) {
      for (const match of text.matchAll(EMITTED)) emitted.set(match[1]!, path);
    }
    // The scan must find the bulk of them, or it has stopped matching how errors are written.
    expect(emitted.size).toBeGreaterThan(40);
    const unknown = [...emitted].filter(([code]) => !ErrorCode.safeParse(code).success);
    expect(unknown).toEqual([]);
  });

  it('every code in the enum is still emitted somewhere (no stale entries for the web to explain)', () => {
    const all = sources.map((source) => source.text).join('\n');
    const unused = ErrorCode.options.filter((code) => !all.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });
});
