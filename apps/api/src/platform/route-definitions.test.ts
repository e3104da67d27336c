import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');

/** A method or path written out in a route definition instead of taken from the contracts' `ROUTES`. */
const SPELLED_OUT = /^\s*(?:method|path):\s*['"`]/m;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return /(^|-)routes\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The route definitions (`createRoute`, `registerPath`) under `dir` that spell their method or path. */
export function spelledOutRoutes(dir: string): string[] {
  const found: string[] = [];
  for (const file of routeFiles(dir)) {
    const path = relative(dir, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8');
    for (const block of text.matchAll(/(?:createRoute|registerPath)\(\{[\s\S]*?\n\s*\}\);/g)) {
      const match = SPELLED_OUT.exec(block[0]);
      if (match) {
        const at = (block.index ?? 0) + match.index + match[0].length - match[0].trimStart().length;
        const line = text.slice(0, at).split('\n').length;
        found.push(`${path}:${line}: ${match[0].trim()}`);
      }
    }
  }
  return found;
}

describe('route definitions take method and path from the contracts', () => {
  it('no createRoute or registerPath under apps/api/src spells a path instead of using ROUTES', () => {
    expect(spelledOutRoutes(SRC)).toEqual([]);
  });

  it('the check sees a spelled-out path and accepts one taken from ROUTES', () => {
    expect(SPELLED_OUT.test("createRoute({\n  method: 'get',\n  path: '/tags',\n")).toBe(true);
    expect(
      SPELLED_OUT.test(
        "createRoute({\n  ...mountedRoute(ROUTES.diditWebhook, '/webhooks'),\n  tags: [tag],\n",
      ),
    ).toBe(false);
  });
});
