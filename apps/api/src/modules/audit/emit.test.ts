import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_ACTIONS, type AuditAction } from '@backoffice/contracts';
import {
  applyMigrations,
  auditLog,
  cases,
  type Db,
  openDatabase,
  verifyAuditChain,
  writeTransaction,
} from '@backoffice/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditRejected, emitAudit, providerAuditContext, systemAuditContext, userAuditContext } from './emit';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'emit-test-'));
  db = openDatabase(join(dir, 'test.sqlite'));
  applyMigrations(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const request = { requestId: 'req-1', ip: '203.0.113.9', userAgent: 'vitest' };
const analyst = userAuditContext({ id: 'u-1', role: 'analyst' }, request);
const rows = () => db.orm.select().from(auditLog).all();

/** A case change and its audit row in one transaction, as every service writes them. */
function changeCaseAndAudit(entry: Parameters<typeof emitAudit>[2]) {
  writeTransaction(db, (tx) => {
    tx.insert(cases)
      .values({
        provider: 'didit',
        kind: 'kyc_session',
        externalId: 's-1',
        status: 'pending',
        providerStatus: 'Not Started',
        createdAt: 1,
        updatedAt: 1,
      })
      .run();
    emitAudit(tx, analyst, entry);
  });
}

describe('emitAudit', () => {
  it('takes the actor and request facts from the context and keeps the hash chain', () => {
    writeTransaction(db, (tx) => {
      emitAudit(tx, analyst, { action: 'auth.signed_in', at: 10 });
      emitAudit(tx, systemAuditContext('outbox'), {
        action: 'case.action_failed',
        after: { actionId: 1 },
        at: 11,
      });
      emitAudit(tx, providerAuditContext('didit', 'req-2'), { action: 'case.viewed', at: 12 });
    });
    expect(
      rows().map(({ actorType, actorId, actorRole, requestId, ip }) => ({
        actorType,
        actorId,
        actorRole,
        requestId,
        ip,
      })),
    ).toEqual([
      { actorType: 'user', actorId: 'u-1', actorRole: 'analyst', requestId: 'req-1', ip: '203.0.113.9' },
      { actorType: 'system', actorId: 'outbox', actorRole: null, requestId: null, ip: null },
      { actorType: 'provider', actorId: 'didit', actorRole: null, requestId: 'req-2', ip: null },
    ]);
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 3 });
  });

  it('refuses an action that is not in the typed list, and the change rolls back with it', () => {
    expect(() => changeCaseAndAudit({ action: 'case.approved' as AuditAction })).toThrow(AuditRejected);
    expect(db.orm.select().from(cases).all()).toHaveLength(0);
    expect(rows()).toHaveLength(0);
  });

  it('refuses a payload that carries personal data, at any depth, and rolls the change back', () => {
    expect(() =>
      changeCaseAndAudit({ action: 'case.action_requested', after: { params: [{ subjectName: 'Ana' }] } }),
    ).toThrow(/personal-data key "subjectName"/);
    expect(() => changeCaseAndAudit({ action: 'user.updated', after: { userId: 'u', note: 'x' } })).toThrow(
      AuditRejected,
    );
    expect(db.orm.select().from(cases).all()).toHaveLength(0);
    expect(rows()).toHaveLength(0);
  });

  it('holds the actions with a fixed payload to their shape (the case snapshot is one shape)', () => {
    const snapshot = {
      status: 'pending',
      providerStatus: 'Not Started',
      riskScore: null,
      riskBand: null,
      warningCount: 0,
      version: 1,
    };
    expect(() =>
      changeCaseAndAudit({ action: 'case.created', after: { ...snapshot, subjectCountry: 'PT' } }),
    ).toThrow(/wrong shape/);
    expect(() => changeCaseAndAudit({ action: 'auth.signed_in', after: { ok: true } })).toThrow(
      /after must be empty/,
    );
    expect(() => changeCaseAndAudit({ action: 'case.created', after: { status: 'pending' } })).toThrow(
      AuditRejected,
    );
    expect(rows()).toHaveLength(0);
    changeCaseAndAudit({ action: 'case.created', after: snapshot });
    expect(rows().map((row) => row.action)).toEqual(['case.created']);
  });

  it('refuses an oversized payload or reason (a copied document is not an audit fact)', () => {
    expect(() =>
      changeCaseAndAudit({ action: 'case.action_requested', after: { blob: 'x'.repeat(20_000) } }),
    ).toThrow(/larger than/);
    expect(() => changeCaseAndAudit({ action: 'case.action_failed', reason: 'x'.repeat(1_001) })).toThrow(
      /reason is longer/,
    );
    expect(rows()).toHaveLength(0);
  });

  it('lists each action name once', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });
});
