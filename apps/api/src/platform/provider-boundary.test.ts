import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CaseKind, CaseView, Provider } from '@backoffice/contracts';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../..');

/** The source trees that may not branch on a provider (the sandboxes are the providers themselves). */
const SCANNED = ['apps/api/src', 'apps/web/src', 'packages'];

/**
 * Where a provider may be picked by name: the two registries and the provider folders
 * (docs/architecture.md, "Adding a provider"). Everywhere else asks a registry.
 */
const mayBranchOnProvider = (path: string) =>
  path.startsWith('apps/api/src/providers/') ||
  path.startsWith('apps/web/src/providers/') ||
  path.startsWith('packages/providers/');

const isTestFile = (path: string) =>
  /\.test\.tsx?$/.test(path) || /(^|\/)(test|e2e)\//.test(path) || path.includes('test-support');

/** Provider names, the kinds and the view types: each belongs to one provider. */
const providerValues = [
  ...Provider.options,
  ...CaseKind.options,
  ...CaseView.options.map((option) => option.shape.type.value),
];
const quoted = `['"\`](?:${providerValues.join('|')})['"\`]`;
const constant = '\\b(?:DIDIT|KRYPTOGO|DITTO)(?:_PROVIDER)?\\b(?![.\\w])';
const value = `(?:${quoted}|${constant})`;
/** `x === 'didit'`, `'didit' !== x`, `case 'kryptogo_dd':`, `x == DITTO_PROVIDER`. */
export const PROVIDER_COMPARISON = new RegExp(
  `(?:[!=]==?\\s*${value})|(?:${value}\\s*[!=]==?)|(?:\\bcase\\s+${value}\\s*:)`,
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The comparisons on a provider's name, kind or view type outside the registries and provider folders. */
export function providerComparisonsOutsideRegistries(root: string): string[] {
  const found: string[] = [];
  for (const file of SCANNED.flatMap((dir) => sourceFiles(join(root, dir)))) {
    const path = relative(root, file).split('\\').join('/');
    if (mayBranchOnProvider(path) || isTestFile(path)) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const match = PROVIDER_COMPARISON.exec(line);
        if (match) found.push(`${path}:${index + 1}: ${match[0]}`);
      });
  }
  return found;
}

describe('provider-specific branching sits in the registries and provider folders', () => {
  it('no file of the API, the web or the packages compares a provider name, kind or view type', () => {
    expect(providerComparisonsOutsideRegistries(ROOT)).toEqual([]);
  });

  it('the check sees each form of comparison and leaves other strings alone', () => {
    for (const line of [
      "const isDidit = detail.provider === 'didit';",
      "return detail.provider === 'ditto' || detail.kind !== 'dd_task';",
      "'kryptogo' !== provider",
      "    case 'kryptogo_dd':",
      "view?.type === 'didit_session'",
      'if (error.provider === KRYPTOGO_PROVIDER) return;',
    ])
      expect(PROVIDER_COMPARISON.test(line), line).toBe(true);
    for (const line of [
      "const labels = { didit: 'Didit' };",
      "provider: 'didit',",
      'if (env.KRYPTOGO_BASE_URL === undefined) return;',
      "if (status === 'approved') return;",
    ])
      expect(PROVIDER_COMPARISON.test(line), line).toBe(false);
    expect(mayBranchOnProvider('apps/web/src/providers/didit/index.tsx')).toBe(true);
    expect(mayBranchOnProvider('apps/web/src/features/case/CaseHeader.tsx')).toBe(false);
  });
});
