import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, type Db, ORM_STATEMENT_CACHE_SIZE, openDatabase } from './client';
import { users } from './schema';

let dir: string;
let db: Db;
let prepared: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'statement-cache-test-'));
  db = openDatabase(join(dir, 'test.sqlite'));
  applyMigrations(db);
  db.orm
    .insert(users)
    .values({
      id: 'u1',
      email: 'a@example.org',
      name: 'Ana',
      role: 'analyst',
      passwordHash: 'x',
      createdAt: 0,
      updatedAt: 0,
    })
    .run();
  prepared = [];
  const prepare = db.sqlite.prepare.bind(db.sqlite);
  db.sqlite.prepare = ((source: string) => {
    prepared.push(source);
    return prepare(source);
  }) as typeof db.sqlite.prepare;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const byId = (id: string) => db.orm.select().from(users).where(eq(users.id, id)).get();

describe("the ORM's statement cache", () => {
  it('prepares a query once and runs it again from the cache', () => {
    expect(byId('u1')?.name).toBe('Ana');
    expect(byId('u1')?.name).toBe('Ana');
    expect(byId('nobody')).toBeUndefined();
    expect(prepared.filter((source) => source.includes('from "users"'))).toHaveLength(1);
    db.forgetPreparedStatements();
    expect(byId('u1')?.name).toBe('Ana');
    expect(prepared.filter((source) => source.includes('from "users"'))).toHaveLength(2);
  });

  it('hands a statement read as arrays back in object mode', () => {
    const text = sql`SELECT id, name FROM users WHERE id = ${'u1'}`;
    // The builder reads rows as arrays (raw mode); the same text run as `all` wants objects.
    expect(db.orm.values(text)).toEqual([['u1', 'Ana']]);
    expect(db.orm.all(text)).toEqual([{ id: 'u1', name: 'Ana' }]);
    expect(db.orm.values(text)).toEqual([['u1', 'Ana']]);
    expect(db.orm.get(text)).toEqual({ id: 'u1', name: 'Ana' });
  });

  it('keeps at most its bound of statements, dropping the least recently used', () => {
    const count = (n: number) => db.orm.get<{ n: number }>(sql.raw(`SELECT ${n} AS n`))?.n;
    for (let n = 0; n <= ORM_STATEMENT_CACHE_SIZE; n++) expect(count(n)).toBe(n);
    prepared = [];
    // 0 was the least recently used when the bound was passed: it is prepared again; the newest is not.
    expect(count(ORM_STATEMENT_CACHE_SIZE)).toBe(ORM_STATEMENT_CACHE_SIZE);
    expect(prepared).toEqual([]);
    expect(count(0)).toBe(0);
    expect(prepared).toEqual(['SELECT 0 AS n']);
  });
});
