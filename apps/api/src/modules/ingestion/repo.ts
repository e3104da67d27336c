import type { CaseRow } from '@backoffice/db';
import { cases, type Orm, placeholdersFor, preparedQuery, providerEvents } from '@backoffice/db';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';

// Every delivery runs the statements below: each is built once per connection (packages/db/src/prepared.ts).
const providerEventById = preparedQuery((orm) =>
  orm
    .select({ caseId: providerEvents.caseId })
    .from(providerEvents)
    .where(
      and(
        eq(providerEvents.provider, sql.placeholder('provider')),
        eq(providerEvents.eventId, sql.placeholder('eventId')),
      ),
    )
    .prepare(),
);
const insertProviderEventRow = preparedQuery((orm) =>
  orm
    .insert(providerEvents)
    .values(placeholdersFor(providerEvents, ['id']))
    .prepare(),
);
const providerCaseById = preparedQuery((orm) =>
  orm
    .select()
    .from(cases)
    .where(
      and(
        eq(cases.provider, sql.placeholder('provider')),
        eq(cases.externalId, sql.placeholder('externalId')),
      ),
    )
    .prepare(),
);

/** The dedup row of a delivery already recorded, if any (`UNIQUE(provider, event_id)`). */
export function findProviderEvent(
  tx: Orm,
  provider: string,
  eventId: string,
): { caseId: number | null } | undefined {
  return providerEventById(tx).get({ provider, eventId });
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
  insertProviderEventRow(tx).run({ ...row });
}

/** The case a provider knows by this id (and kind, where a provider numbers its kinds separately). */
export function findProviderCase(
  tx: Orm,
  provider: string,
  externalId: string,
  kind?: string,
): CaseRow | undefined {
  const found = providerCaseById(tx).get({ provider, externalId });
  // (provider, external_id) is unique, so the kind only confirms the one row there is.
  return kind === undefined || found?.kind === kind ? found : undefined;
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
