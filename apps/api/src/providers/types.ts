import type {
  CaseActionRequest,
  CaseActionType,
  CaseDetail,
  CaseView,
  ReconcileResult,
  ReviewItem,
} from '@backoffice/contracts';
import type { CaseRow, caseActions, Db, Orm } from '@backoffice/db';
import type { z } from 'zod';
import type { ActionableCase, TransitionVerdict } from '../modules/actions/verdict';
import type { CaseAudit } from '../modules/cases/writes';
import type { AppDeps } from '../platform/deps';

/**
 * How a case's decisions are carried out: `provider`, through the outbox to the provider's decision API;
 * `local`, here alone (the provider takes no decision, docs/providers/ditto.md §3 and
 * docs/providers/kryptogo.md §2.3 for KYA and IDV tasks).
 */
/** A reviewer action as stored (the outbox builds its call from it). */
export type ActionRow = typeof caseActions.$inferSelect;

export type DecisionChannel = 'provider' | 'local';

/** Bytes served to a reviewer (an image or a report), never stored by us when the provider holds them. */
export interface MediaFile {
  bytes: Uint8Array;
  contentType: string;
}

/** A call waiting in the outbox: `operation` is `<provider>.<verb>`, `reference` names our action. */
export interface ProviderCall {
  operation: string;
  reference: string;
}

/** How a call ended when it did not throw. */
export interface DeliveredCall {
  /** `reconciled`: a re-read showed an earlier attempt had landed, so nothing was sent again. */
  via: 'call' | 'reconciled';
  detail: string | null;
  /** Provider state read with the call, recorded on the case with the outcome in transaction 2. */
  state: unknown;
}

/** What our call says at the provider: the reviewer's reason and note, and which action sent it. */
export interface CallWording {
  reference: string;
  comment: string;
}

/** What the outbox worker needs from a provider whose decisions go through the outbox. */
export interface ProviderOutbox<Call extends ProviderCall = ProviderCall> {
  /** The stored calls, parsed again when the worker reads a row. */
  calls: z.ZodType<Call>;
  /** Transaction 1: what the worker will send for this action, built from the case as it is now. */
  callFor(target: CaseRow, action: ActionRow, wording: CallWording): Call;
  /**
   * Transaction 1 of an action no case carries (its `provider` param names the provider): a change to a
   * provider-side list that did not come from one of our cases.
   */
  callWithoutCase?(action: ActionRow, wording: CallWording): Call;
  /** Delivers one call exactly once (re-reading first where an earlier attempt may have landed). */
  deliver(deps: AppDeps, call: Call, mayHaveLanded: boolean): Promise<DeliveredCall>;
  /** Provider state that came with a permanent refusal, recorded like a delivered call's. */
  stateOfFailure?(error: unknown): unknown;
  /**
   * Transaction 2: records what the provider's answer means for the case (the state read back, or the
   * status asked for) and returns the case after it; null when the case stays as it is. A case write
   * goes through cases/writes.ts; when it carries `audit` (the applied action's row) it says `audited`.
   */
  record?(
    tx: Orm,
    deps: AppDeps,
    outcome: {
      target: CaseRow;
      call: Call | null;
      state: unknown;
      applied: boolean;
      actionId: number;
      now: number;
      /** The applied action's audit row, for a case write that records it (null unless applied). */
      audit: CaseAudit | null;
    },
  ): { row: CaseRow; audited: boolean } | null;
}

/** Re-reading a provider for events that never arrived. */
export interface ProviderReconcile {
  /** Whether this server can reach the provider at all (configured). */
  enabled(deps: AppDeps): boolean;
  run(deps: AppDeps, requestId: string): Promise<ReconcileResult>;
  /** One durable re-read (an `ingest_jobs` row) of one external id. */
  rereadOne?(deps: AppDeps, externalId: string, requestId: string): Promise<unknown>;
  /** When the last full run finished (ms), for the sync status. */
  lastReconciledAt?(db: Db): number | null;
}

/** A score of a case against the threshold it is compared with, for the evidence pack. */
export interface ScoreLine {
  label: string;
  score: number | null;
  /** The threshold the score is compared with, and how (decline below, review below, at least). */
  threshold: number | null;
  rule: string;
}

/** The scores of a case against the thresholds in force when it was decided, and where those came from. */
export interface ThresholdsAtDecision {
  /** The moment the thresholds are given for: the decision time, or the export time of an undecided case. */
  asOf: string;
  values: Record<string, number | null> | null;
  scores: ScoreLine[];
  source: string;
}

/** What a case's evidence pack (modules/evidence) shows of this provider. */
export interface ProviderEvidence {
  /** Every image the case page could show, in the order the pack lists them. */
  images?(detail: CaseDetail): Array<{ key: string; label: string }>;
  /** The thresholds at `asOf`; null when this provider's view of the case gives none. */
  thresholds?(db: Db, detail: CaseDetail, asOf: string): ThresholdsAtDecision | null;
  /** Why the pack gives only the risk score (no thresholds of the back-office's own apply). */
  noThresholdsReason?: string;
}

/**
 * Everything the shared modules (cases, actions, outbox, reconcile) need to know about one provider.
 * One adapter per folder under `apps/api/src/providers/`, listed once in `registry.ts`: the only places
 * that know a provider by name (docs/architecture.md, "Adding a provider").
 */
export interface ProviderAdapter {
  provider: string;
  /** Every case kind this provider sends and how it is decided; a kind missing here takes no decision. */
  decisionChannels: Readonly<Record<string, DecisionChannel>>;
  /** Whether an action the provider carries out (channel `provider`) fits the case as it stands. */
  verdict?(target: ActionableCase, type: CaseActionType, hasOpenStatusAction: boolean): TransitionVerdict;
  /** The case already shows what this action asks for (a manager's retry of an action that landed). */
  showsActionEffect?(target: ActionableCase, type: CaseActionType): boolean;
  /** Provider-specific checks of a request's parameters, before anything is queued (throws AppError). */
  checkRequest?(target: CaseRow, request: CaseActionRequest): void;
  outbox?: ProviderOutbox;
  /** The provider panel of the case page; null when the stored payload no longer parses. */
  view(deps: AppDeps, row: CaseRow): CaseView | null | Promise<CaseView | null>;
  /** An image of the case; throws AppError (400 unknown key, 404, 502). Audited by the caller. */
  media?(deps: AppDeps, row: CaseRow, rawKey: string): Promise<MediaFile>;
  /** The provider's report of the case (PDF), fetched fresh. Audited by the caller. */
  report?(deps: AppDeps, row: CaseRow): Promise<MediaFile>;
  reconcile?: ProviderReconcile;
  evidence?: ProviderEvidence;
  /**
   * Why a case needs a human, from its provider view: every warning, issue, hit, mismatch and threshold
   * breach, each with a stable key and the anchor of its evidence (docs/review-checklist.md).
   */
  reviewItems?(view: CaseView): ReviewItem[];
}
