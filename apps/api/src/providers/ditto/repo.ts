import { cases, type Orm, providerEvents } from '@backoffice/db';
import { and, eq } from 'drizzle-orm';

export const DITTO_PROVIDER = 'ditto';
export const DITTO_CASE_KIND = 'kyc_submission';
export const DITTO_EVENT_TYPE = 'kyc.submission';

export type CaseRow = typeof cases.$inferSelect;

export function findDittoCase(tx: Orm, requesterId: string): CaseRow | undefined {
  return tx
    .select()
    .from(cases)
    .where(and(eq(cases.provider, DITTO_PROVIDER), eq(cases.externalId, requesterId)))
    .get();
}

export interface NewDittoCase {
  requesterId: string;
  subjectName: string | null;
  subjectRef: string | null;
  subjectCountry: string | null;
  documentNumber: string | null;
  status: string;
  providerStatus: string;
  riskScore: number;
  riskBand: string | null;
  warningCount: number;
  payload: string;
  at: number;
}

export function insertDittoCase(tx: Orm, values: NewDittoCase): CaseRow {
  const { requesterId, at, ...fields } = values;
  return tx
    .insert(cases)
    .values({
      provider: DITTO_PROVIDER,
      kind: DITTO_CASE_KIND,
      externalId: requesterId,
      ...fields,
      createdAt: at,
      updatedAt: at,
      decidedAt: null,
      providerEventAt: at,
      version: 1,
    })
    .returning()
    .get();
}

/** The delivery's dedup row; `UNIQUE(provider, event_id)` backs up the case's own unique key. */
export function recordDittoDelivery(tx: Orm, requesterId: string, caseId: number, at: number): void {
  tx.insert(providerEvents)
    .values({
      provider: DITTO_PROVIDER,
      eventId: requesterId,
      eventType: DITTO_EVENT_TYPE,
      externalId: requesterId,
      caseId,
      outcome: 'applied',
      providerEventAt: at,
      receivedAt: at,
    })
    .run();
}
