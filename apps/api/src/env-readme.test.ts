import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLE_NAMES } from './env';
import { DEMO_USERS } from './modules/auth/demo-users';

const README = join(import.meta.dirname, '..', '..', '..', 'README.md');

/** The rows of the first table whose header starts with `headerStart`, as trimmed cells. */
function tableRows(markdown: string, headerStart: RegExp): string[][] {
  const lines = markdown.split('\n');
  const header = lines.findIndex((line) => headerStart.test(line));
  if (header === -1) throw new Error(`README has no table whose header matches ${headerStart}`);
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/**
 * The variable names in the README's settings table: the table whose header's first cell is
 * `variable`, one backticked name (or several) in the first cell of each row.
 */
function readmeSettingsVariables(markdown: string): string[] {
  return tableRows(markdown, /^\|\s*variable\s*\|/).flatMap(([firstCell = '']) =>
    [...firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1] as string),
  );
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

describe('README demo-accounts table', () => {
  it('has one three-column row per demo account, and nothing else in it', () => {
    const rows = tableRows(readFileSync(README, 'utf8'), /^\|\s*role\s*\|/);
    expect(rows.map((cells) => cells.slice(1))).toEqual(
      DEMO_USERS.map((user) => [`\`${user.email}\``, `\`${user.password}\``]),
    );
    expect(rows.every((cells) => cells.length === 3)).toBe(true);
  });
});
