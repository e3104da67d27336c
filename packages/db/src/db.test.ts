import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from './audit';
import { applyMigrations, type Db, MIGRATIONS_FOLDER, openDatabase, writeTransaction } from './client';
import { caseCounts, cases } from './schema';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'db-test-'));
  db = openDatabase(join(dir, 'test.sqlite'));
  applyMigrations(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function insertCase(externalId: string, status: string, name = 'Ana Pérez') {
  return db.orm
    .insert(cases)
    .values({
      provider: 'didit',
      kind: 'kyc_session',
      externalId,
      subjectName: name,
      status,
      providerStatus: status,
      createdAt: Date.now(),
      updatedAt: Date.now(),
    })
    .returning({ id: cases.id })
    .get();
}

describe('migrations', () => {
  it('are idempotent and WAL is on', () => {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
    expect(applyMigrations(db)).toBe(journal.entries.length);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});

describe('case counts', () => {
  it('follow inserts, status changes and deletes in the same transaction', () => {
    const a = insertCase('s-1', 'needs_review');
    insertCase('s-2', 'needs_review');
    db.sqlite.prepare("UPDATE cases SET status = 'approved' WHERE id = ?").run(a.id);
    db.sqlite.prepare("UPDATE cases SET subject_name = 'x' WHERE id = ?").run(a.id);
    const counts = Object.fromEntries(
      db.orm
        .select()
        .from(caseCounts)
        .all()
        .map((r) => [r.status, r.count]),
    );
    expect(counts).toEqual({ needs_review: 1, approved: 1 });
    db.sqlite.prepare('DELETE FROM cases WHERE id = ?').run(a.id);
    const after = Object.fromEntries(
      db.orm
        .select()
        .from(caseCounts)
        .all()
        .map((r) => [r.status, r.count]),
    );
    expect(after).toEqual({ needs_review: 1, approved: 0 });
  });
});

describe('full-text search', () => {
  it('finds names without diacritics and follows updates', () => {
    const a = insertCase('s-1', 'pending', 'José Müller');
    const find = (q: string) =>
      db.sqlite.prepare('SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?').all(q) as { rowid: number }[];
    expect(find('jose')).toEqual([{ rowid: a.id }]);
    expect(find('mull*')).toEqual([{ rowid: a.id }]);
    db.sqlite.prepare("UPDATE cases SET subject_name = 'Ana Silva' WHERE id = ?").run(a.id);
    expect(find('jose')).toEqual([]);
    expect(find('silva')).toEqual([{ rowid: a.id }]);
  });
});

describe('audit log', () => {
  function writeRows(n: number) {
    for (let i = 0; i < n; i++) {
      writeTransaction(db, (tx) =>
        appendAudit(tx, { actorType: 'system', actorId: null, action: 'test.event', after: { i } }),
      );
    }
  }

  it('refuses UPDATE and DELETE with raw SQL', () => {
    writeRows(2);
    expect(() => db.sqlite.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('verifies an intact chain and reports the first tampered row', () => {
    writeRows(5);
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 5 });
    // Tampering bypasses the trigger the way an attacker with file access would.
    db.sqlite.exec('DROP TRIGGER audit_log_no_update');
    db.sqlite.prepare(`UPDATE audit_log SET "after" = '{"i":99}' WHERE id = 3`).run();
    expect(verifyAuditChain(db)).toEqual({ ok: false, rows: 2, firstBrokenId: 3, reason: 'hash_mismatch' });
  });

  it('rolls back the audit row with a failed transaction', () => {
    expect(() =>
      writeTransaction(db, (tx) => {
        appendAudit(tx, { actorType: 'system', actorId: null, action: 'test.event' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 0 });
  });
});

describe('audit chain canonical form', () => {
  it('hashes a "__proto__" key: {"__proto__":{"a":1}} and {} give different rows and hashes', () => {
    // Two chains whose only row differs in that key alone: same id, time, previous hash.
    const other = openDatabase(join(dir, 'other.sqlite'));
    applyMigrations(other);
    try {
      const entry = { actorType: 'system' as const, actorId: null, action: 'test.proto', at: 1 };
      const withProto = JSON.parse('{"__proto__":{"a":1}}') as Record<string, unknown>;
      const first = writeTransaction(db, (tx) => appendAudit(tx, { ...entry, after: withProto }));
      const second = writeTransaction(other, (tx) => appendAudit(tx, { ...entry, after: {} }));
      const afterOf = (d: Db) =>
        (d.sqlite.prepare('SELECT after FROM audit_log').get() as { after: string }).after;
      expect(afterOf(db)).toBe('{"__proto__":{"a":1}}');
      expect(afterOf(other)).toBe('{}');
      expect(first.hash).not.toBe(second.hash);
      expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 1 });
    } finally {
      other.close();
    }
  });
});
