import { cases } from '@backoffice/db';
import type { Harness } from './harness';

/** Inserts plain queue rows (no provider behind them) and returns their ids, oldest first. */
export function seedCases(h: Harness, prefix: string, count: number, status = 'needs_review'): number[] {
  const now = Date.now();
  const rows = h.api.deps.db.orm
    .insert(cases)
    .values(
      Array.from({ length: count }, (_, i) => ({
        provider: 'didit',
        kind: 'kyc_session',
        externalId: `${prefix}-${i}`,
        subjectName: `Seeded Person ${i}`,
        status,
        providerStatus: 'In Review',
        riskScore: (i * 37) % 101,
        createdAt: now - (count - i) * 1000,
        updatedAt: now,
      })),
    )
    .returning({ id: cases.id })
    .all();
  return rows.map((row) => row.id);
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
