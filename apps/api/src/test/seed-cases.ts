import { writeTransaction } from '@backoffice/db';
import { caseAuditRef, caseAuditSnapshot, providerAuditContext } from '../modules/audit/emit';
import { insertCase } from '../modules/cases/writes';
import type { Harness } from './harness';

/**
 * Inserts plain queue rows (no provider call behind them) and returns their ids, oldest first. They go
 * through the one case writer with their `case.created` rows, as every case does.
 */
export function seedCases(h: Harness, prefix: string, count: number, status = 'needs_review'): number[] {
  const now = Date.now();
  return writeTransaction(h.api.deps.db, (tx) =>
    Array.from(
      { length: count },
      (_, i) =>
        insertCase(
          tx,
          {
            provider: 'didit',
            kind: 'kyc_session',
            externalId: `${prefix}-${i}`,
            subjectName: `Seeded Person ${i}`,
            status,
            providerStatus: 'In Review',
            riskScore: (i * 37) % 101,
            createdAt: now - (count - i) * 1000,
            updatedAt: now,
          },
          {
            context: providerAuditContext('didit'),
            entries: (row) => ({
              ...caseAuditRef(row),
              action: 'case.created',
              after: caseAuditSnapshot(row),
              at: now,
            }),
          },
        ).id,
    ),
  );
}

/** The id of a demo user by role name (see DEMO_USERS). */
export function userIdOf(h: Harness, email: string): string {
  const row = h.api.deps.db.sqlite.prepare('SELECT id FROM users WHERE email = ?').get(email) as {
    id: string;
  };
  return row.id;
}

export function auditRows(h: Harness, action: string) {
  return h.api.deps.db.sqlite
    .prepare(
      'SELECT case_id, actor_id, actor_role, before, after FROM audit_log WHERE action = ? ORDER BY id',
    )
    .all(action) as {
    case_id: number | null;
    actor_id: string;
    actor_role: string;
    before: string | null;
    after: string | null;
  }[];
}
