import { cases, type Orm } from '@backoffice/db';
import { and, count, desc, eq, ne, sql } from 'drizzle-orm';

const KRYPTOGO = 'kryptogo';

export interface CustomerDdTaskRow {
  id: number;
  externalId: string;
  createdAt: number;
  riskScore: number | null;
  riskBand: string | null;
  status: string;
  providerStatus: string;
  decidedAt: number | null;
}

/**
 * Our KryptoGO DD cases of one customer reference (compared exactly: KRYPTOGO_TASK_LINKS) other than `exceptCaseId`, newest first, at most
 * `limit`, and how many there are. Both read the `cases_provider_subject_ref` index range only.
 */
export function customerDdTasks(
  tx: Orm,
  customerReference: string,
  exceptCaseId: number,
  limit: number,
): { rows: CustomerDdTaskRow[]; total: number } {
  const where = and(
    eq(cases.provider, KRYPTOGO),
    eq(cases.kind, 'dd_task'),
    eq(cases.subjectRef, customerReference),
    ne(cases.id, exceptCaseId),
  );
  const rows = tx
    .select({
      id: cases.id,
      externalId: cases.externalId,
      createdAt: cases.createdAt,
      riskScore: cases.riskScore,
      riskBand: cases.riskBand,
      status: cases.status,
      providerStatus: cases.providerStatus,
      decidedAt: cases.decidedAt,
    })
    .from(cases)
    .where(where)
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(limit)
    .all();
  const total =
    rows.length < limit ? rows.length : (tx.select({ n: count() }).from(cases).where(where).get()?.n ?? 0);
  return { rows, total };
}

/**
 * Our DD cases whose stored task names this IDV task in `from_idv_id`. The conditions are written exactly as
 * the partial index `cases_kryptogo_from_idv` states them (literals, not parameters), so SQLite uses it.
 */
export function ddCasesFromIdv(
  tx: Orm,
  idvTaskId: number,
  limit: number,
): { id: number; externalId: string }[] {
  return tx
    .select({ id: cases.id, externalId: cases.externalId })
    .from(cases)
    .where(
      sql`${cases.provider} = 'kryptogo' AND ${cases.kind} = 'dd_task' AND json_valid(${cases.payload}) AND json_extract(${cases.payload}, '$.from_idv_id') = ${idvTaskId}`,
    )
    .orderBy(cases.id)
    .limit(limit)
    .all();
}
