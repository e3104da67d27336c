import { z } from 'zod';
import { DittoScoreSettings, WhatIfSummary } from './whatif';

/**
 * Every action the audit log records. The API refuses to write any other name (see `emitAudit` and
 * docs/architecture.md, "Audit"), and the web's audit filter offers exactly these.
 */
export const AUDIT_ACTIONS = [
  'auth.signed_in',
  'auth.signed_out',
  'auth.sign_in_failed',
  'user.created',
  'user.updated',
  'case.created',
  'case.updated',
  'case.status_changed',
  'case.flagged',
  'case.flag_cleared',
  'case.claimed',
  'case.assigned',
  'case.viewed',
  'case.media_viewed',
  'case.report_downloaded',
  'case.comment_added',
  'case.metadata_changed',
  'case.evidence_exported',
  'case.action_requested',
  'case.action_approved',
  'case.action_rejected',
  'case.action_applied',
  'case.action_retry_scheduled',
  'case.action_retried',
  'case.action_abandoned',
  'case.action_failed',
  'kryptogo.screening_started',
  'workflow.thresholds_change_requested',
  'workflow.thresholds_change_refused',
  'workflow.thresholds_change_unknown',
  'workflow.thresholds_changed',
  'settings.four_eyes_changed',
  'settings.reason_code_created',
  'settings.reason_code_changed',
  'settings.sla_changed',
  'settings.ditto_scores_changed',
  'qa.settings_changed',
  'tag.created',
  'tag.updated',
  'tag.retired',
  'tag.restored',
  'case.tag_added',
  'case.tag_removed',
  'view.shared_created',
  'view.shared_deleted',
  'qa.sampled',
  'case.drift_detected',
  'case.drift_resolution_requested',
  'case.drift_resolution_rejected',
  'case.drift_resolved',
  'qa.outcome_recorded',
  'audit.exported',
  'system.backup_created',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

/**
 * Our own actors, for what no signed-in user did: the outbox worker, reconciliation reads, the backup
 * command, account bootstrap (demo seeding, `create-admin`), a sign-in attempt nobody is signed in for,
 * and the periodic QA sampler.
 */
export const AuditSystemActor = z.enum([
  'outbox',
  'reconciliation',
  'backup',
  'bootstrap',
  'anonymous',
  'qa_sampler',
]);
export type AuditSystemActor = z.infer<typeof AuditSystemActor>;

/**
 * What the audit trail keeps of a case, in every row that snapshots one: provider vocabulary and numbers,
 * never a name, a date of birth or a document number.
 */
export const AuditCaseSnapshot = z.strictObject({
  status: z.string(),
  providerStatus: z.string(),
  riskScore: z.number().nullable(),
  riskBand: z.string().nullable(),
  warningCount: z.number().int(),
  version: z.number().int(),
});
export type AuditCaseSnapshot = z.infer<typeof AuditCaseSnapshot>;

const FlagSnapshot = z.strictObject({
  flag: z.string().nullable(),
  flagDetail: z.string().nullable(),
  status: z.string(),
});

/**
 * The shape of `before` / `after` for the actions whose payload is fixed. An action not listed here still
 * passes the checks every payload gets (a JSON object, bounded, no personal-data keys).
 */
export const AUDIT_PAYLOADS: Partial<
  Record<AuditAction, { before?: z.ZodType | null; after?: z.ZodType | null }>
> = {
  'auth.signed_in': { before: null, after: null },
  'auth.signed_out': { before: null, after: null },
  'auth.sign_in_failed': { before: null, after: null },
  'user.created': { before: null, after: z.strictObject({ userId: z.string(), role: z.string() }) },
  'case.created': { before: null, after: AuditCaseSnapshot },
  'case.updated': { before: AuditCaseSnapshot, after: AuditCaseSnapshot },
  'case.status_changed': { before: AuditCaseSnapshot, after: AuditCaseSnapshot },
  'case.flagged': { before: FlagSnapshot, after: FlagSnapshot },
  'case.flag_cleared': { before: FlagSnapshot, after: FlagSnapshot },
  'case.claimed': {
    before: z.strictObject({ assigneeId: z.null(), version: z.number().int() }),
    after: z.strictObject({ assigneeId: z.string(), assignedAt: z.number(), version: z.number().int() }),
  },
  'case.assigned': {
    before: z.strictObject({ assigneeId: z.string().nullable() }),
    // `bulk` marks an assignment made from the queue's bulk bar.
    after: z.strictObject({ assigneeId: z.string().nullable(), bulk: z.literal(true).optional() }),
  },
  'case.viewed': { before: null, after: null },
  'case.media_viewed': { before: null, after: z.strictObject({ mediaKey: z.string() }) },
  'case.comment_added': {
    before: null,
    after: z.strictObject({ commentId: z.number().int(), length: z.number().int() }),
  },
  'case.metadata_changed': {
    before: z.strictObject({ keys: z.array(z.string()) }),
    after: z.strictObject({ set: z.array(z.string()), removed: z.array(z.string()) }),
  },
  'settings.ditto_scores_changed': {
    before: DittoScoreSettings.strict(),
    after: DittoScoreSettings.extend({ whatIf: WhatIfSummary }).strict(),
  },
  'system.backup_created': {
    before: null,
    after: z.strictObject({ file: z.string(), auditRows: z.number().int() }),
  },
};
