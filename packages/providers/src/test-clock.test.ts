import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestClock } from './test-clock';

describe('the test clock', () => {
  it('started at an instant, moves only when told to', () => {
    const clock = createTestClock(1_000);
    const { now } = clock;
    expect(now()).toBe(1_000);
    expect(clock.advance(500)).toBe(1_500);
    clock.set(10_000);
    expect(now()).toBe(10_000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('started without one, follows the wall clock plus what was skipped', () => {
    const clock = createTestClock();
    clock.advance(3_600_000);
    const skew = clock.now() - Date.now() - 3_600_000;
    expect(Math.abs(skew)).toBeLessThan(1_000);
  });
});

const PACKAGES = join(import.meta.dirname, '..', '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('package tests', () => {
  it('import no app source (a helper they need belongs in a package, a test that needs an app in the app)', () => {
    const offenders = testFiles(PACKAGES).filter((path) =>
      /from\s+['"](?:\.\.\/)+apps\/|from\s+['"]@backoffice\/(?:api|web|sandbox)['"/]/.test(
        readFileSync(path, 'utf8'),
      ),
    );
    expect(offenders.map((path) => relative(PACKAGES, path))).toEqual([]);
  });
});
