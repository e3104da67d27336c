import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * One row per case from any provider. Times are epoch milliseconds (integers sort and compare fast;
 * the API turns them into ISO strings). `version` is bumped on every change for optimistic concurrency.
 */
export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    provider: text('provider').notNull(),
    kind: text('kind').notNull(),
    externalId: text('external_id').notNull(),
    subjectName: text('subject_name'),
    subjectRef: text('subject_ref'),
    subjectCountry: text('subject_country'),
    documentNumber: text('document_number'),
    status: text('status').notNull(),
    providerStatus: text('provider_status').notNull(),
    riskScore: integer('risk_score'),
    riskBand: text('risk_band'),
    warningCount: integer('warning_count').notNull().default(0),
    workflowId: text('workflow_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    decidedAt: integer('decided_at'),
    /** Provider time of the latest event applied; an older event never overwrites a newer one. */
    providerEventAt: integer('provider_event_at'),
    version: integer('version').notNull().default(1),
    /** Latest raw provider payload (JSON), kept whole so unknown fields stay visible. */
    payload: text('payload'),
  },
  (t) => [
    uniqueIndex('cases_provider_external_id').on(t.provider, t.externalId),
    index('cases_status_created').on(t.status, t.createdAt, t.id),
    index('cases_status_updated').on(t.status, t.updatedAt, t.id),
    index('cases_status_risk').on(t.status, t.riskScore, t.id),
    index('cases_created').on(t.createdAt, t.id),
    index('cases_updated').on(t.updatedAt, t.id),
    index('cases_risk').on(t.riskScore, t.id),
  ],
);

/** Cases per (provider, kind, status), kept current by triggers in the same transaction as the change. */
export const caseCounts = sqliteTable(
  'case_counts',
  {
    provider: text('provider').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provider, t.kind, t.status] })],
);

/** Every provider event applied or refused as a duplicate; the unique key makes the effect exactly-once. */
export const providerEvents = sqliteTable(
  'provider_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    externalId: text('external_id'),
    caseId: integer('case_id'),
    /** applied | stale (older than what we hold) | unchanged */
    outcome: text('outcome').notNull(),
    providerEventAt: integer('provider_event_at'),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [uniqueIndex('provider_events_provider_event').on(t.provider, t.eventId)],
);

/**
 * Append-only, hash-chained audit log. No foreign keys on purpose: the trail must outlive anything
 * it refers to. Triggers (see the custom migration) refuse UPDATE and DELETE.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    caseId: integer('case_id'),
    provider: text('provider'),
    externalId: text('external_id'),
    before: text('before'),
    after: text('after'),
    reason: text('reason'),
    requestId: text('request_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_case').on(t.caseId, t.id), index('audit_log_at').on(t.at)],
);

/** Small key/value state such as the last reconciliation time per provider. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull().default(sql`(unixepoch() * 1000)`),
});
