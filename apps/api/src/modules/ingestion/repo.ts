import type { CaseRow } from '@backoffice/db';
import { cases, type Orm, providerEvents } from '@backoffice/db';
import { and, eq, inArray, notInArray } from 'drizzle-orm';

/** The dedup row of a delivery already recorded, if any (`UNIQUE(provider, event_id)`). */
export function findProviderEvent(
  tx: Orm,
  provider: string,
  eventId: string,
): { caseId: number | null } | undefined {
  return tx
    .select({ caseId: providerEvents.caseId })
    .from(providerEvents)
    .where(and(eq(providerEvents.provider, provider), eq(providerEvents.eventId, eventId)))
    .get();
}

export interface ProviderEventRow {
  provider: string;
  eventId: string;
  eventType: string;
  externalId: string;
  caseId: number | null;
  outcome: string;
  providerEventAt: number | null;
  receivedAt: number;
}

export function insertProviderEvent(tx: Orm, row: ProviderEventRow): void {
  tx.insert(providerEvents).values(row).run();
}

/** The case a provider knows by this id (and kind, where a provider numbers its kinds separately). */
export function findProviderCase(
  tx: Orm,
  provider: string,
  externalId: string,
  kind?: string,
): CaseRow | undefined {
  const byId = and(eq(cases.provider, provider), eq(cases.externalId, externalId));
  return tx
    .select()
    .from(cases)
    .where(kind === undefined ? byId : and(byId, eq(cases.kind, kind)))
    .get();
}

/** The external ids of a provider's cases of one kind whose provider status is none of `statuses`. */
export function externalIdsOfKindNotIn(
  tx: Orm,
  provider: string,
  kind: string,
  statuses: string[],
): { externalId: string }[] {
  return tx
    .select({ externalId: cases.externalId })
    .from(cases)
    .where(
      and(eq(cases.provider, provider), eq(cases.kind, kind), notInArray(cases.providerStatus, statuses)),
    )
    .all();
}

/** Our case ids of the given external ids of one provider and kind (to link a payload to our cases). */
export function caseIdsByExternalId(
  tx: Orm,
  provider: string,
  kind: string,
  externalIds: string[],
): { id: number; externalId: string }[] {
  return tx
    .select({ id: cases.id, externalId: cases.externalId })
    .from(cases)
    .where(and(eq(cases.provider, provider), eq(cases.kind, kind), inArray(cases.externalId, externalIds)))
    .all();
}
