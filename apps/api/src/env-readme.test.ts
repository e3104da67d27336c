import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLE_NAMES } from './env';

const README = join(import.meta.dirname, '..', '..', '..', 'README.md');

/**
 * The variable names in the README's settings table: the table whose header's first cell is
 * `variable`, one backticked name (or several) in the first cell of each row.
 */
export function readmeSettingsVariables(markdown: string): string[] {
  const lines = markdown.split('\n');
  const header = lines.findIndex((line) => /^\|\s*variable\s*\|/.test(line));
  if (header === -1)
    throw new Error('README has no settings table (a table whose first column is "variable")');
  const names: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const firstCell = line.split('|')[1] ?? '';
    for (const match of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.push(match[1] as string);
  }
  return names;
}

describe('README settings table', () => {
  const listed = readmeSettingsVariables(readFileSync(README, 'utf8'));

  it('finds the rows of a settings table', () => {
    const sample = [
      '| variable | meaning |',
      '| -------- | ------- |',
      '| `A_ONE`  | x       |',
      '| `B`, `C` | y       |',
      '',
      '| `NOT_IN_TABLE` | z |',
    ].join('\n');
    expect(readmeSettingsVariables(sample)).toEqual(['A_ONE', 'B', 'C']);
  });

  it('lists every variable env.ts reads', () => {
    expect(ENV_VARIABLE_NAMES.filter((name) => !listed.includes(name))).toEqual([]);
  });

  it('lists no variable env.ts does not read, and none twice', () => {
    expect(listed.filter((name) => !ENV_VARIABLE_NAMES.includes(name))).toEqual([]);
    expect(listed.filter((name, index) => listed.indexOf(name) !== index)).toEqual([]);
  });
});
