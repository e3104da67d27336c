import { type CaseKind, type CaseStatus, riskBandOf } from '@backoffice/contracts';
import type { CaseFields } from '../case-fields';
import {
  KRYPTOGO_DD_AUDIT_STATUS,
  KRYPTOGO_DD_COMPLETE_PROGRESS,
  KRYPTOGO_IDV_AUDIT_STATUS,
  KRYPTOGO_IDV_STATE,
  KRYPTOGO_SANCTION_SOURCE,
} from './assumptions';
import type {
  KryptogoDdDetails,
  KryptogoDdSummary,
  KryptogoIdvDetail,
  KryptogoKyaTask,
  KryptogoTarget,
} from './schemas';

/** The case-model fields a KryptoGO task maps onto; the raw payload is stored beside them. */
export interface KryptogoCaseFields extends CaseFields {
  kind: CaseKind;
  externalId: string;
}

const secondsToMs = (seconds: number | null | undefined) =>
  typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : null;
const nonEmpty = (value: unknown): string | null =>
  typeof value === 'string' && value.trim().length > 0 ? value : null;

/** DD `audit_status` in words; an unknown integer is kept visible, not guessed. */
export function ddAuditStatusName(auditStatus: number | null | undefined): string {
  if (auditStatus === KRYPTOGO_DD_AUDIT_STATUS.accepted) return 'accepted';
  if (auditStatus === KRYPTOGO_DD_AUDIT_STATUS.rejected) return 'rejected';
  if (auditStatus === KRYPTOGO_DD_AUDIT_STATUS.pending || auditStatus === null || auditStatus === undefined) {
    return 'pending';
  }
  return `unknown(${auditStatus})`;
}

/** 0–100; from `progress` on a summary, from completed/total sources on details. */
export function ddProgress(task: KryptogoDdSummary | KryptogoDdDetails): number {
  if ('progress' in task && typeof task.progress === 'number') return task.progress;
  const details = task as KryptogoDdDetails;
  if (typeof details.completed_time === 'number' && details.completed_time > 0)
    return KRYPTOGO_DD_COMPLETE_PROGRESS;
  const total = details.search_source?.length ?? 0;
  if (total === 0 || typeof details.completed_source !== 'number') return 0;
  return Math.floor((details.completed_source / total) * 100);
}

/**
 * §4: a decision wins; otherwise searching → pending and results waiting for a reviewer → needs_review.
 * An unknown audit_status on a finished task is left for a human (needs_review).
 */
export function ddCaseStatus(details: KryptogoDdDetails): { status: CaseStatus; providerStatus: string } {
  const audit = ddAuditStatusName(details.audit_status);
  const progress = ddProgress(details);
  if (audit === 'accepted') return { status: 'approved', providerStatus: 'accepted' };
  if (audit === 'rejected') return { status: 'rejected', providerStatus: 'rejected' };
  if (progress < KRYPTOGO_DD_COMPLETE_PROGRESS && audit === 'pending') {
    return { status: 'pending', providerStatus: `searching (${progress}%)` };
  }
  return { status: 'needs_review', providerStatus: audit === 'pending' ? 'awaiting review' : audit };
}

/** KYC `name` or KYB `company_name`. */
export function ddSubjectName(target: KryptogoTarget | null | undefined): string | null {
  return nonEmpty(target?.name) ?? nonEmpty(target?.company_name);
}

/** Hits per search source from the [assumed] `result` shape; sources that do not fit are skipped. */
export function sourceHitCounts(details: KryptogoDdDetails): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [source, value] of Object.entries(details.result ?? {})) {
    if (typeof value !== 'object' || value === null) continue;
    const { hits, items } = value as { hits?: unknown; items?: unknown };
    if (typeof hits === 'number') counts[source] = hits;
    else if (Array.isArray(items)) counts[source] = items.length;
  }
  return counts;
}

export function ddCaseFields(details: KryptogoDdDetails): KryptogoCaseFields {
  const risk = typeof details.potential_risk === 'number' ? details.potential_risk : null;
  const finished = ddProgress(details) >= KRYPTOGO_DD_COMPLETE_PROGRESS;
  const riskScore = finished ? risk : null;
  const hitSources = Object.values(sourceHitCounts(details)).filter((hits) => hits > 0).length;
  return {
    kind: 'dd_task',
    externalId: String(details.task_id),
    ...ddCaseStatus(details),
    subjectName: ddSubjectName(details.target),
    subjectRef: nonEmpty(details.customer_reference),
    subjectCountry: nonEmpty(details.target?.citizenship) ?? nonEmpty(details.target?.country),
    documentNumber: nonEmpty(details.target?.id_number) ?? nonEmpty(details.target?.registration_number),
    riskScore,
    riskBand: riskBandOf(riskScore),
    warningCount: hitSources,
    createdAtMs: secondsToMs(details.creation_time),
  };
}

/** Whether the sanction-list source found the subject (falls back to the result when the flag is missing). */
export function ddSanctionMatched(details: KryptogoDdDetails): boolean {
  if (typeof details.sanction_matched === 'boolean') return details.sanction_matched;
  return (sourceHitCounts(details)[String(KRYPTOGO_SANCTION_SOURCE)] ?? 0) > 0;
}

/**
 * D4 as a transition rule: KryptoGO refuses (409) any decision on a task already accepted or rejected.
 * Given fresh details, says whether to send the decision, whether it is already in place (a retry after
 * a lost answer), or whether someone else decided differently.
 */
export type DdAcceptedOutcome =
  | { action: 'send' }
  | { action: 'already_applied' }
  | { action: 'conflict'; current: string };

export function ddAcceptedOutcome(
  current: Pick<KryptogoDdDetails, 'audit_status'>,
  wantAccepted: boolean,
): DdAcceptedOutcome {
  const audit = ddAuditStatusName(current.audit_status);
  if (audit === 'pending') return { action: 'send' };
  if ((audit === 'accepted' && wantAccepted) || (audit === 'rejected' && !wantAccepted)) {
    return { action: 'already_applied' };
  }
  return { action: 'conflict', current: audit };
}

/** Reason entries as display strings ([assumed] codes; objects are rendered by their code). */
export function reasonCodes(reasons: readonly unknown[] | null | undefined): string[] {
  return (reasons ?? []).map((reason) => {
    if (typeof reason === 'string') return reason;
    if (typeof reason === 'object' && reason !== null) {
      const { code, reason: text } = reason as { code?: unknown; reason?: unknown };
      if (typeof code === 'string') return code;
      if (typeof text === 'string') return text;
    }
    return JSON.stringify(reason);
  });
}

/**
 * §4: no result yet → pending; an audit decision (console) wins; otherwise the state: accept → approved,
 * review → needs_review, reject → rejected. An unknown state goes to a human.
 */
export function idvCaseStatus(detail: KryptogoIdvDetail): { status: CaseStatus; providerStatus: string } {
  const audit = detail.audit_status?.toLowerCase();
  if (audit === KRYPTOGO_IDV_AUDIT_STATUS.accepted.toLowerCase())
    return { status: 'approved', providerStatus: 'Accepted' };
  if (audit === KRYPTOGO_IDV_AUDIT_STATUS.rejected.toLowerCase())
    return { status: 'rejected', providerStatus: 'Rejected' };
  switch (detail.state) {
    case null:
    case undefined:
      return { status: 'pending', providerStatus: 'in progress' };
    case KRYPTOGO_IDV_STATE.accept:
      return { status: 'approved', providerStatus: 'accept' };
    case KRYPTOGO_IDV_STATE.review:
      return { status: 'needs_review', providerStatus: 'review' };
    case KRYPTOGO_IDV_STATE.reject:
      return { status: 'rejected', providerStatus: 'reject' };
    default:
      return { status: 'needs_review', providerStatus: `state ${detail.state}` };
  }
}

export function idvCaseFields(detail: KryptogoIdvDetail): KryptogoCaseFields {
  return {
    kind: 'idv_task',
    externalId: String(detail.idv_task_id),
    ...idvCaseStatus(detail),
    subjectName:
      nonEmpty(detail.full_name) ??
      nonEmpty([detail.first_name, detail.last_name].filter(Boolean).join(' ')) ??
      nonEmpty(detail.expected_name),
    subjectRef: nonEmpty(detail.customer_reference),
    subjectCountry: nonEmpty(detail.country) ?? nonEmpty(detail.expected_country),
    documentNumber: nonEmpty(detail.id_number) ?? nonEmpty(detail.expected_id_number),
    riskScore: null,
    riskBand: null,
    warningCount: (detail.review_reasons?.length ?? 0) + (detail.reject_reasons?.length ?? 0),
    createdAtMs: null,
  };
}

/**
 * KYA has no decision of its own at KryptoGO (§4 has no column for it): the result is a risk reading,
 * so every KYA case waits for a reviewer.
 */
export function kyaCaseFields(task: KryptogoKyaTask): KryptogoCaseFields {
  const riskScore = typeof task.data?.risk_score === 'number' ? task.data.risk_score : null;
  return {
    kind: 'kya_task',
    externalId: String(task.kya_id),
    status: 'needs_review',
    providerStatus: nonEmpty(task.data?.risk_level) ?? 'analysed',
    subjectName: task.address,
    subjectRef: nonEmpty(task.customer_reference),
    subjectCountry: null,
    documentNumber: null,
    riskScore,
    riskBand: riskBandOf(riskScore),
    warningCount: task.sdnlist?.length ?? 0,
    createdAtMs: secondsToMs(task.creation_timestamp),
  };
}
