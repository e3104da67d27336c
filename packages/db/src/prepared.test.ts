import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, type Db, openDatabase } from './client';
import { completeRow, placeholdersFor, preparedQuery } from './prepared';
import { cases } from './schema';

let dir: string;
let db: Db;
let other: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'prepared-test-'));
  db = openDatabase(join(dir, 'a.sqlite'));
  other = openDatabase(join(dir, 'b.sqlite'));
  applyMigrations(db);
  applyMigrations(other);
});

afterEach(() => {
  db.close();
  other.close();
  rmSync(dir, { recursive: true, force: true });
});

const minimalCase = {
  provider: 'didit',
  kind: 'kyc_session',
  externalId: 's-1',
  status: 'pending',
  providerStatus: 'Not Started',
  createdAt: 1,
  updatedAt: 1,
};

const insertAll = preparedQuery((orm) =>
  orm
    .insert(cases)
    .values(placeholdersFor(cases, ['id']))
    .returning()
    .prepare(),
);

describe('prepared queries', () => {
  it('a prepared insert of every column writes the row a plain insert writes', () => {
    const plain = db.orm.insert(cases).values(minimalCase).returning().get();
    const prepared = insertAll(db.orm).get(completeRow(cases, { ...minimalCase, externalId: 's-2' }));
    expect({ ...prepared, id: plain.id, externalId: plain.externalId }).toEqual(plain);
    // The schema defaults, not nulls, where the values leave a defaulted column out.
    expect(prepared).toMatchObject({ warningCount: 0, version: 1, subjectName: null });
  });

  it('builds once per connection and reads each connection as it is now', () => {
    let builds = 0;
    const byExternalId = preparedQuery((orm) => {
      builds += 1;
      return orm
        .select({ id: cases.id })
        .from(cases)
        .where(eq(cases.externalId, sql.placeholder('externalId')))
        .prepare();
    });
    expect(byExternalId(db.orm).get({ externalId: 's-1' })).toBeUndefined();
    db.orm.insert(cases).values(minimalCase).run();
    expect(byExternalId(db.orm).get({ externalId: 's-1' })).toEqual({ id: 1 });
    expect(byExternalId(other.orm).get({ externalId: 's-1' })).toBeUndefined();
    expect(builds).toBe(2);
  });

  it('refuses a column whose default is SQL, which a bound value cannot reproduce', async () => {
    const { integer, sqliteTable } = await import('drizzle-orm/sqlite-core');
    const stamped = sqliteTable('stamped', { at: integer('at').default(sql`(unixepoch())`) });
    expect(() => completeRow(stamped, {})).toThrow(/SQL default/);
  });
});
