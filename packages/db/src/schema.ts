import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
    /** User the case is assigned to (local work allocation, not sent to the provider). */
    assigneeId: text('assignee_id'),
    /**
     * Set when ingestion met something it must not decide alone: `unknown_provider_status` (a status the
     * product has never seen; the case stayed where it was) or `reopened_after_decision` (the provider
     * confirmed a decided case went back to an undecided state). A manager looks at it.
     */
    flag: text('flag'),
    /** The raw provider status (or "from → to") behind the flag; provider vocabulary, never personal data. */
    flagDetail: text('flag_detail'),
    flaggedAt: integer('flagged_at'),
    /** When the current assignee took the case (claim or assignment); null when unassigned. */
    assignedAt: integer('assigned_at'),
    /** When the case last entered needs_review; due times are computed from it. */
    reviewEnteredAt: integer('review_entered_at'),
    /** Time to decide (SLA) while in review: reviewEnteredAt + the policy's time for provider, kind and band. */
    dueAt: integer('due_at'),
  },
  (t) => [
    uniqueIndex('cases_provider_external_id').on(t.provider, t.externalId),
    index('cases_status_created').on(t.status, t.createdAt, t.id),
    index('cases_status_updated').on(t.status, t.updatedAt, t.id),
    // Risk sorts on coalesce(risk_score, -1) so cases without a score sort lowest and keyset paging
    // can use one row-value comparison; the queue orders by exactly this expression.
    index('cases_status_risk_sort').on(t.status, sql`coalesce(${t.riskScore}, -1)`, t.id),
    index('cases_created').on(t.createdAt, t.id),
    index('cases_updated').on(t.updatedAt, t.id),
    index('cases_risk_sort').on(sql`coalesce(${t.riskScore}, -1)`, t.id),
    // Exact look-ups of identifiers a reviewer pastes (session id, customer reference, document number).
    index('cases_external_id_nocase').on(sql`${t.externalId} COLLATE NOCASE`),
    index('cases_subject_ref_nocase').on(sql`${t.subjectRef} COLLATE NOCASE`),
    index('cases_document_number_nocase').on(sql`${t.documentNumber} COLLATE NOCASE`),
    index('cases_flagged').on(t.flag, t.id),
    // "My cases" and the assignee filter: one index range per person and status.
    index('cases_assignee_status').on(t.assigneeId, t.status, t.id),
    // Due-time sort (cases without a due time last) and the overdue range, like the other sort keys.
    index('cases_status_due_sort').on(t.status, sql`coalesce(${t.dueAt}, 8640000000000000)`, t.id),
    index('cases_due_sort').on(sql`coalesce(${t.dueAt}, 8640000000000000)`, t.id),
    // The dashboard counts decisions per day and per provider/kind from this index alone (covering).
    index('cases_decided').on(t.decidedAt, t.provider, t.kind, t.status),
    // A customer's other screenings at the same provider, in time order (the KryptoGO DD task history).
    index('cases_provider_subject_ref').on(t.provider, t.kind, t.subjectRef, t.createdAt, t.id),
    // KryptoGO DD tasks an IDV created (`from_idv_id` in the task's payload), for the IDV's links; partial so
    // other providers' payloads are never parsed, and only valid JSON is read so a write cannot fail on it.
    index('cases_kryptogo_from_idv')
      .on(sql`json_extract(${t.payload}, '$.from_idv_id')`)
      .where(sql`provider = 'kryptogo' AND kind = 'dd_task' AND json_valid(payload)`),
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
  (t) => [
    index('audit_log_case').on(t.caseId, t.id),
    index('audit_log_at').on(t.at),
    // The manager's audit page filters by actor, action or provider, newest first.
    index('audit_log_actor').on(t.actorId, t.id),
    index('audit_log_action').on(t.action, t.id),
    index('audit_log_provider').on(t.provider, t.id),
  ],
);

/** Small key/value state such as the last reconciliation time per provider. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull().default(sql`(unixepoch() * 1000)`),
});

/**
 * The columns after `status` of a queue of retried work (the re-read jobs and the outbox): attempts so far,
 * when the next one is due, the lease of the worker on it, and the last failure.
 */
const retriedWorkColumns = () => ({
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: integer('next_attempt_at').notNull(),
  /** A worker that crashed mid-attempt leaves this in the past; the row becomes due again. */
  lockedUntil: integer('locked_until'),
  lastError: text('last_error'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Durable re-reads of a provider's state, committed in the same transaction as the webhook that asked for
 * them (so a 2xx to the provider never depends on a call that has not happened yet). Retried with backoff
 * until the read succeeds; a worker that dies mid-read leaves its lease to run out and the job is taken again.
 */
export const ingestJobs = sqliteTable(
  'ingest_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    provider: text('provider').notNull(),
    externalId: text('external_id').notNull(),
    /** Why the re-read was asked for (e.g. `data.updated`, `in_doubt`, `unknown_status`). */
    reason: text('reason').notNull(),
    /** pending | in_flight | done | failed */
    status: text('status').notNull(),
    ...retriedWorkColumns(),
  },
  (t) => [
    index('ingest_jobs_due').on(t.status, t.nextAttemptAt),
    index('ingest_jobs_subject').on(t.provider, t.externalId, t.status),
  ],
);

/** Staff accounts. Passwords are argon2id hashes; a disabled user can neither sign in nor act. */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** analyst | manager | admin */
    role: text('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    disabledAt: integer('disabled_at'),
    lastLoginAt: integer('last_login_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_email').on(t.email)],
);

/** Server-side sessions; only the SHA-256 of the cookie token is stored, so a database leak signs no one in. */
export const userSessions = sqliteTable(
  'user_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('user_sessions_user').on(t.userId)],
);

/**
 * A reviewer's request to change a case (approve, decline, resubmit, blocklist, comment to provider…).
 * Its lifecycle is visible on the case: awaiting_approval → pending → retrying → applied | failed | abandoned.
 */
export const caseActions = sqliteTable(
  'case_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id'),
    type: text('type').notNull(),
    /** Action parameters as sent to the provider (JSON; never PII beyond what the action needs). */
    params: text('params').notNull(),
    reasonCode: text('reason_code'),
    note: text('note'),
    status: text('status').notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: integer('requested_at').notNull(),
    /** Case version the reviewer saw; the action was accepted only if it was current. */
    caseVersion: integer('case_version').notNull(),
    approvedBy: text('approved_by'),
    approvedAt: integer('approved_at'),
    resolvedAt: integer('resolved_at'),
    lastError: text('last_error'),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    index('case_actions_case').on(t.caseId, t.id),
    index('case_actions_status').on(t.status),
    // The dashboard reads the decisions requested in a date range (throughput, handling time, reversals).
    index('case_actions_requested').on(t.requestedAt, t.type, t.status, t.requestedBy, t.caseId),
  ],
);

/** Transactional outbox: provider calls to make, written in the same transaction as the action and its audit row. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: integer('action_id').notNull(),
    provider: text('provider').notNull(),
    operation: text('operation').notNull(),
    payload: text('payload').notNull(),
    /** pending | in_flight | done | failed | abandoned */
    status: text('status').notNull(),
    ...retriedWorkColumns(),
  },
  (t) => [index('outbox_due').on(t.status, t.nextAttemptAt), uniqueIndex('outbox_action').on(t.actionId)],
);

/** Replays of a mutating request with the same Idempotency-Key return the stored response (kept ≥ 24 h). */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created').on(t.createdAt)],
);

/** Local comment thread of a case (not sent to the provider). */
export const caseComments = sqliteTable(
  'case_comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id').notNull(),
    authorId: text('author_id').notNull(),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('case_comments_case').on(t.caseId, t.id)],
);

/**
 * The note a second person or a manager gives with a decision on an action (approve, reject, retry,
 * abandon). Free text that may name the person, so it lives here and the audit row holds its id and length.
 */
export const actionDecisionNotes = sqliteTable(
  'action_decision_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: integer('action_id').notNull(),
    decision: text('decision').notNull(),
    note: text('note').notNull(),
    authorId: text('author_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('action_decision_notes_action').on(t.actionId, t.id)],
);

/**
 * The review checklist as it stood when an action was requested: one row per item, ticked or not, with
 * who requested it and when. Holds the item's plain words (which may quote the provider's finding), so it
 * is kept here and never copied to the audit log, whose row names only the keys and counts.
 */
export const actionChecklistItems = sqliteTable(
  'action_checklist_items',
  {
    actionId: integer('action_id').notNull(),
    position: integer('position').notNull(),
    itemKey: text('item_key').notNull(),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    text: text('text').notNull(),
    checked: integer('checked', { mode: 'boolean' }).notNull(),
    checkedBy: text('checked_by').notNull(),
    checkedAt: integer('checked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.position] })],
);

/** Local key/value metadata on a case. */
export const caseMetadata = sqliteTable(
  'case_metadata',
  {
    caseId: integer('case_id').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.key] })],
);

/** The configurable list of decision reasons reviewers pick from. */
export const reasonCodes = sqliteTable('reason_codes', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  /** JSON array of action types this reason applies to. */
  appliesTo: text('applies_to').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** Workflow settings of the back-office itself (e.g. which actions need a second person). JSON values. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Time to decide a case in review, per provider, kind and risk band; `*` matches any value. The most
 * specific row wins (band, then kind, then provider); with no row the built-in default applies.
 */
export const slaPolicies = sqliteTable(
  'sla_policies',
  {
    provider: text('provider').notNull(),
    kind: text('kind').notNull(),
    riskBand: text('risk_band').notNull(),
    minutes: integer('minutes').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.kind, t.riskBand] })],
);

/**
 * Labels managers define for cases (e.g. "sanctions follow-up"). A retired tag stays on the cases that
 * carry it but can no longer be added. Names are short labels, not free text about a person.
 */
export const tags = sqliteTable(
  'tags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** One of the palette's colour names (TagColour in contracts). */
    colour: text('colour').notNull(),
    retiredAt: integer('retired_at'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('tags_name_nocase').on(sql`${t.name} COLLATE NOCASE`)],
);

/** Which tags a case carries. (tag_id, case_id) drives the queue's tag filter; the key serves the case page. */
export const caseTags = sqliteTable(
  'case_tags',
  {
    caseId: integer('case_id').notNull(),
    tagId: integer('tag_id').notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: integer('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.tagId] }), index('case_tags_tag_case').on(t.tagId, t.caseId)],
);

/**
 * A named queue view (filters, sort, columns) a user saved; `shared` views are shown to the whole team
 * and only managers share them. `search` is the queue URL's query string, validated on save.
 */
export const savedViews = sqliteTable(
  'saved_views',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ownerId: text('owner_id').notNull(),
    name: text('name').notNull(),
    search: text('search').notNull(),
    shared: integer('shared', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('saved_views_owner').on(t.ownerId, t.id), index('saved_views_shared').on(t.shared, t.id)],
);

/**
 * A closed case picked for second-line QA review: one row per closure (a case decided again after a
 * reversal is a new closure), so a rerun of the sampler can never sample the same closure twice.
 * `decidedBy` is who requested the decision we applied (null: the provider decided). The reviewer's note
 * is free text that may name people, so it lives here and its audit row holds only its length.
 */
export const qaItems = sqliteTable(
  'qa_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id').notNull(),
    /** The case's decided_at when it was sampled: identifies the closure. */
    decidedAt: integer('decided_at').notNull(),
    provider: text('provider').notNull(),
    kind: text('kind').notNull(),
    /** approved | rejected */
    caseStatus: text('case_status').notNull(),
    /** JSON array of QaSampleReason. */
    reasons: text('reasons').notNull(),
    decidedBy: text('decided_by'),
    sampledAt: integer('sampled_at').notNull(),
    /** open | agreed | disagreed */
    status: text('status').notNull(),
    reasonCode: text('reason_code'),
    note: text('note'),
    reviewerId: text('reviewer_id'),
    reviewedAt: integer('reviewed_at'),
    followUpFlagged: integer('follow_up_flagged', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('qa_items_closure').on(t.caseId, t.decidedAt),
    index('qa_items_status').on(t.status, t.id),
    // The dashboard's agreement rate reads outcomes by review time, per decider.
    index('qa_items_reviewed').on(t.reviewedAt, t.decidedBy, t.status),
  ],
);

/**
 * The scores each case was decided on, kept small beside the case so a threshold what-if scans a date
 * window without reading payloads (Ditto's carry images). Filled by triggers from `cases.payload`
 * (docs/architecture.md, "Threshold what-if"); no personal data, only numbers.
 */
export const caseScores = sqliteTable(
  'case_scores',
  {
    caseId: integer('case_id').primaryKey(),
    provider: text('provider').notNull(),
    workflowId: text('workflow_id'),
    createdAt: integer('created_at').notNull(),
    faceMatch: real('face_match'),
    liveness: real('liveness'),
    aml: real('aml'),
  },
  // Covering: the what-if's aggregate reads the window from the index alone, never the table.
  (t) => [
    index('case_scores_window').on(
      t.provider,
      t.createdAt,
      t.caseId,
      t.workflowId,
      t.faceMatch,
      t.liveness,
      t.aml,
    ),
  ],
);

/** A case as stored: the one `CaseRow` type of the API (every module imports it from here). */
export type CaseRow = typeof cases.$inferSelect;

/**
 * A divergence between our last decision on a case and what its provider now reports (docs/reliability.md,
 * "Drift"). The case keeps our decision until a manager resolves the drift. `theirChanges` is the case
 * update the provider's state would have made (it may hold personal data, like `cases.payload`; it is
 * never served or audited). At most one unresolved drift per case.
 */
export const caseDrifts = sqliteTable(
  'case_drifts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id').notNull(),
    provider: text('provider').notNull(),
    kind: text('kind').notNull(),
    /** The case status and provider status of our decision when the drift was seen. */
    ourStatus: text('our_status').notNull(),
    ourProviderStatus: text('our_provider_status').notNull(),
    /** The status and provider status the provider now reports. */
    theirStatus: text('their_status').notNull(),
    theirProviderStatus: text('their_provider_status').notNull(),
    theirChanges: text('their_changes').notNull(),
    theirEventAt: integer('their_event_at'),
    /** reconcile | webhook: how the diverging state reached us first. */
    source: text('source').notNull(),
    detectedAt: integer('detected_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    seenCount: integer('seen_count').notNull().default(1),
    /** open | awaiting_approval | resolved */
    status: text('status').notNull(),
    /** accept_provider | push_ours | provider_matches (the provider came back to our decision) */
    resolution: text('resolution'),
    requestedBy: text('requested_by'),
    requestedAt: integer('requested_at'),
    resolvedBy: text('resolved_by'),
    resolvedAt: integer('resolved_at'),
    /** The action that pushed our decision again through the outbox. */
    actionId: integer('action_id'),
  },
  (t) => [
    uniqueIndex('case_drifts_one_unresolved').on(t.caseId).where(sql`status <> 'resolved'`),
    index('case_drifts_status').on(t.status, t.id),
  ],
);
