import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('API URLs', () => {
  it('are built from the contracts route table, never written out in the app', () => {
    const written: string[] = [];
    for (const path of sourceFiles(SRC)) {
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const code = line.trim();
          if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*')) return;
          if (/['"`]\/(api|webhooks|ditto)\//.test(code)) written.push(`${relative(SRC, path)}:${index + 1}`);
        });
    }
    expect(written).toEqual([]);
  });
});
