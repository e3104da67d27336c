import { randomBytes, randomUUID } from 'node:crypto';
import type { AdvanceableClock } from '../clock.js';
import {
  BACKEND_ONLY_FEATURES,
  BACKEND_RESUBMIT_COOLDOWN_SECONDS,
  DEFAULT_ABANDON_AFTER_SECONDS,
  DEFAULT_SESSION_LIFE_SECONDS,
  DEFAULT_WORKFLOW_LABEL,
  HOSTED_SESSION_PATH,
  MEDIA_URL_LIFETIME_SECONDS,
  SAME_STATUS_DETAIL,
  SESSION_EXPIRATION_TIME_UNIT_SECONDS,
  THROTTLED_DETAIL,
  TRANSITION_NOT_ALLOWED_DETAIL,
  WEBHOOK_ENVIRONMENT,
  WEBHOOK_ON_SESSION_CREATED,
} from './assumptions.js';
import { buildDecision, type Decision, isoTimestamp } from './decision.js';
import { evaluateOutcome, personOnDocument, sessionStatusFromReports } from './evaluation.js';
import { HttpFaultRegistry } from './faults.js';
import { DiditHttpError, detailError, fieldError } from './http.js';
import { entryFingerprint, SandboxLists, type SessionEntryType, SYSTEM_BLOCKLIST_TYPES } from './lists.js';
import { MediaSigner } from './media.js';
import {
  FEATURE_NODES,
  type Review,
  reportedStatus,
  SESSION_STATUSES,
  type Session,
  type SessionOutcome,
  type SessionStatus,
  STATUSES_WITH_DECISION,
  WORKFLOW_FEATURE_CODES,
  type Workflow,
  type WorkflowFeatureCode,
} from './model.js';
import { generatePerson, SeededRandom, type SimulatedPerson } from './people.js';
import { RateLimiter } from './rate-limit.js';
import {
  personSeedFor,
  redoSignals,
  type ScenarioName,
  scenarioEnding,
  scenarioFromRequest,
  signalsFor,
} from './scenarios.js';
import { Scheduler } from './scheduler.js';
import {
  type BlocklistItemType,
  type CreateSessionBody,
  noItemTypes,
  type UpdateStatusBody,
} from './schemas.js';
import { WebhookDispatcher, type WebhookTarget } from './webhooks.js';
import { createWorkflow } from './workflows.js';

export interface DiditSandboxConfig {
  apiKey: string;
  webhookUrl: string | null;
  webhookSecret: string;
  clock: AdvanceableClock;
  /** Absolute origin the sandbox is reachable at (for session URLs, media URLs and list links). */
  baseUrl: () => string;
  abandonAfterSeconds?: number;
  /** Receives operational lines only: ids and statuses, never names, dates of birth or images. */
  log?: (line: string) => void;
}

export interface WebhookDestination {
  uuid: string;
  label: string;
  url: string;
  enabled: boolean;
  webhook_version: string;
  subscribed_events: string[] | null;
  secret_shared_key: string;
  created_at: number;
}

export type DriveTarget = 'created' | 'started' | 'completed';
export type AdvanceTarget = 'started' | 'completed' | 'abandoned' | 'expired' | 'kyc_expired';

const STATUSES_WITHOUT_MANUAL_CHANGES: readonly SessionStatus[] = [
  'Not Started',
  'In Progress',
  'Expired',
  'Awaiting User',
];
const RESUBMIT_FORBIDDEN_FEATURES = ['KYB_REGISTRY', 'KYB_KEY_PEOPLE'];

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** The whole simulated Didit application: state, lifecycle, evaluation and webhooks, without HTTP. */
export class DiditSandbox {
  readonly clock: AdvanceableClock;
  readonly scheduler: Scheduler;
  readonly webhooks: WebhookDispatcher;
  readonly rateLimiter = new RateLimiter();
  readonly faults = new HttpFaultRegistry();
  readonly media: MediaSigner;
  readonly applicationId = randomUUID();
  readonly workflows = new Map<string, Workflow>();
  readonly sessions = new Map<string, Session>();
  /** Blocklists, allowlists and custom lists; the older blocklist endpoints use the system blocklists. */
  readonly lists: SandboxLists;
  readonly destinations = new Map<string, WebhookDestination>();
  webhookConfig: {
    webhook_url: string | null;
    webhook_version: string;
    secret_shared_key: string;
    capture_method: string;
    data_retention_months: number | null;
  };
  defaultWorkflowId = '';
  private sessionCounter = 0;
  private readonly log: (line: string) => void;

  constructor(readonly config: DiditSandboxConfig) {
    this.clock = config.clock;
    this.lists = new SandboxLists(() => this.clock.now());
    this.log = config.log ?? (() => {});
    this.scheduler = new Scheduler(this.clock, (error) => this.log(`timer failed: ${String(error)}`));
    this.webhooks = new WebhookDispatcher(this.clock, this.scheduler, () => this.webhookTargets(), this.log);
    this.media = new MediaSigner(`${config.apiKey}:${randomBytes(16).toString('hex')}`);
    this.webhookConfig = this.initialWebhookConfig();
    this.createDefaultWorkflow();
  }

  private initialWebhookConfig() {
    return {
      webhook_url: this.config.webhookUrl,
      webhook_version: 'v3',
      secret_shared_key: this.config.webhookSecret,
      capture_method: 'both',
      data_retention_months: null,
    };
  }

  private createDefaultWorkflow(): void {
    const workflow = createWorkflow(
      {
        workflow_label: DEFAULT_WORKFLOW_LABEL,
        is_default: true,
        features: [
          { feature: 'OCR' },
          { feature: 'LIVENESS' },
          { feature: 'FACE_MATCH' },
          { feature: 'AML' },
          { feature: 'IP_ANALYSIS' },
        ],
      },
      this.clock.now(),
    );
    this.workflows.set(workflow.uuid, workflow);
    this.defaultWorkflowId = workflow.uuid;
  }

  /** Forgets sessions, workflows, blocklist, deliveries, faults and limits; keeps the clock and webhook setup. */
  async reset(): Promise<void> {
    await this.webhooks.flush();
    this.scheduler.clear();
    this.webhooks.reset();
    this.faults.clear();
    this.rateLimiter.reset();
    this.sessions.clear();
    this.workflows.clear();
    this.lists.reset();
    this.destinations.clear();
    this.sessionCounter = 0;
    this.webhookConfig = this.initialWebhookConfig();
    this.createDefaultWorkflow();
  }

  private now(): number {
    return this.clock.now();
  }

  private webhookTargets(): WebhookTarget[] {
    const targets: WebhookTarget[] = [];
    if (this.webhookConfig.webhook_url) {
      targets.push({
        url: this.webhookConfig.webhook_url,
        secret: this.webhookConfig.secret_shared_key,
        subscribedEvents: null,
      });
    }
    for (const destination of this.destinations.values()) {
      if (!destination.enabled) continue;
      targets.push({
        url: destination.url,
        secret: destination.secret_shared_key,
        subscribedEvents: destination.subscribed_events,
      });
    }
    return targets;
  }

  // ---- lookups -------------------------------------------------------------------------------------

  findSession(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw detailError(404, 'Not found.');
    return session;
  }

  findWorkflow(workflowId: string): Workflow {
    const workflow = this.workflows.get(workflowId);
    if (!workflow || workflow.deleted) throw detailError(404, 'Not found.');
    return workflow;
  }

  /** A session keeps using its workflow even after the workflow is deleted. */
  workflowOf(session: Session): Workflow {
    const workflow = this.workflows.get(session.workflowId)!;
    // `all_reports` shows a reviewer every report type whatever workflow it was started on.
    if (session.scenario !== 'all_reports') return workflow;
    return {
      ...workflow,
      features: WORKFLOW_FEATURE_CODES.filter((code) => code !== 'AGE_ESTIMATION').map(
        (feature) =>
          workflow.features.find((entry) => entry.feature === feature) ?? {
            feature,
            config: {},
            label: null,
          },
      ),
    };
  }

  sessionUrl(session: Session): string {
    return `${this.config.baseUrl()}${HOSTED_SESSION_PATH}${session.token}`;
  }

  decisionOf(session: Session): Decision {
    const expires = Math.floor(this.now() / 1000) + MEDIA_URL_LIFETIME_SECONDS;
    return buildDecision({
      session,
      workflow: this.workflowOf(session),
      sessionUrl: this.sessionUrl(session),
      now: this.now(),
      mediaUrl: (kind) => this.media.url(this.config.baseUrl(), session.id, kind, expires),
    });
  }

  // ---- session lifecycle ---------------------------------------------------------------------------

  createSession(
    body: CreateSessionBody,
    scenarioOverride?: ScenarioName,
  ): { session: Session; delivered: Promise<void> } {
    const workflow = this.workflows.get(body.workflow_id);
    if (!workflow || workflow.deleted) throw fieldError('workflow_id', 'Workflow not found.');
    const id = randomUUID();
    const vendorData = body.vendor_data ?? null;
    const now = this.now();
    const session: Session = {
      id,
      number: ++this.sessionCounter,
      token: randomBytes(9).toString('base64url'),
      workflowId: workflow.uuid,
      workflowVersion: workflow.version,
      vendorData,
      metadata: body.metadata ?? null,
      callback: body.callback ?? null,
      callbackMethod: body.callback_method ?? 'initiator',
      language: body.language ?? null,
      contactDetails: body.contact_details ?? null,
      expectedDetails: body.expected_details ?? null,
      scenario: scenarioOverride ?? scenarioFromRequest(body.metadata, vendorData) ?? 'approve',
      personSeed: personSeedFor(body.metadata, vendorData, id),
      status: 'Not Started',
      createdAt: now,
      updatedAt: now,
      generation: 0,
      undocumentedStatus: null,
      outcome: null,
      idDataEdits: {},
      reviews: [],
      resubmittedFeatures: [],
      lastBackendResubmitAt: null,
    };
    this.sessions.set(id, session);
    this.log(`session ${id} #${session.number} created`);
    const lifeSeconds =
      workflow.session_expiration_time === null
        ? DEFAULT_SESSION_LIFE_SECONDS
        : workflow.session_expiration_time * SESSION_EXPIRATION_TIME_UNIT_SECONDS;
    const generation = session.generation;
    this.scheduler.schedule(now + lifeSeconds * 1000, async () => {
      if (this.sessions.get(id) === session && session.generation === generation) {
        await this.changeStatus(session, 'Expired');
      }
    });
    const delivered = WEBHOOK_ON_SESSION_CREATED ? this.emitStatusUpdated(session) : Promise.resolve();
    return { session, delivered };
  }

  serializeCreatedSession(session: Session) {
    return {
      session_id: session.id,
      session_number: session.number,
      session_token: session.token,
      url: this.sessionUrl(session),
      vendor_data: session.vendorData,
      metadata: session.metadata,
      status: session.status,
      workflow_id: session.workflowId,
      callback: session.callback,
    };
  }

  /** The user opened the link (or came back to redo the steps of a resubmission). */
  async startSession(session: Session): Promise<void> {
    if (session.status !== 'Not Started' && session.status !== 'Resubmitted') {
      throw detailError(409, `A session in status '${session.status}' cannot be started.`);
    }
    await this.changeStatus(session, 'In Progress');
    const generation = session.generation;
    const abandonAfter = this.config.abandonAfterSeconds ?? DEFAULT_ABANDON_AFTER_SECONDS;
    this.scheduler.schedule(this.now() + abandonAfter * 1000, async () => {
      if (this.sessions.get(session.id) === session && session.generation === generation) {
        await this.changeStatus(session, 'Abandoned');
      }
    });
  }

  /** Which of the session's values sit on a list of this kind (blocklists decline, allowlists clear). */
  private listHits(session: Session, person: SimulatedPerson, listType: 'blocklist' | 'allowlist') {
    const values = this.fingerprints(session, person);
    const hits = {} as Record<SessionEntryType, boolean>;
    for (const type of SYSTEM_BLOCKLIST_TYPES) hits[type] = this.lists.holds(listType, type, values[type]);
    return hits;
  }

  /**
   * What a session yields for each list entry type: the face and document derive from the person seed,
   * so the same user matches across sessions. The face's "value" is the seed: it is never shown.
   */
  sessionValues(session: Session, person: SimulatedPerson | null): Record<SessionEntryType, string | null> {
    const contact = session.contactDetails ?? {};
    return {
      face: person ? session.personSeed : null,
      document: person ? person.documentNumber : null,
      phone: typeof contact.phone === 'string' ? contact.phone : null,
      email: typeof contact.email === 'string' ? contact.email : null,
      ip_address: person ? person.ipAddress : null,
      device_fingerprint: person ? new SeededRandom(`device:${session.personSeed}`).digits(16) : null,
    };
  }

  fingerprints(session: Session, person: SimulatedPerson | null): Record<SessionEntryType, string | null> {
    const values = this.sessionValues(session, person);
    const result = {} as Record<SessionEntryType, string | null>;
    for (const type of SYSTEM_BLOCKLIST_TYPES) {
      const value = values[type];
      result[type] = value === null ? null : entryFingerprint(type, value);
    }
    return result;
  }

  private evaluate(session: Session, person: SimulatedPerson, signals: SessionOutcome['signals']) {
    return evaluateOutcome({
      workflow: this.workflowOf(session),
      person,
      signals,
      expectedDetails: session.expectedDetails,
      blocklisted: this.listHits(session, person, 'blocklist'),
      allowlisted: this.listHits(session, person, 'allowlist'),
    });
  }

  /** The engine finished the checks: evaluate against the workflow and settle the status. */
  async completeSession(session: Session): Promise<void> {
    if (session.status !== 'In Progress') {
      throw detailError(409, `A session in status '${session.status}' cannot be completed.`);
    }
    const previous = session.outcome;
    const redone = session.resubmittedFeatures;
    let outcome: SessionOutcome;
    if (previous && redone.length > 0) {
      const signals = redoSignals(previous.signals, redone, `${session.id}:${session.generation}`);
      const fresh = this.evaluate(session, previous.person, signals);
      // Approved steps are preserved: only the resubmitted features are re-evaluated.
      const reports = { ...previous.reports };
      for (const feature of redone) if (fresh[feature]) reports[feature] = fresh[feature];
      outcome = { person: previous.person, signals, reports, completedAt: this.now() };
    } else {
      const signals = signalsFor(session.scenario, session.personSeed);
      const person = personOnDocument(
        generatePerson(session.personSeed, session.createdAt),
        session.expectedDetails,
        signals,
      );
      outcome = {
        person,
        signals,
        reports: this.evaluate(session, person, signals),
        completedAt: this.now(),
      };
    }
    session.outcome = outcome;
    session.resubmittedFeatures = [];
    await this.changeStatus(session, sessionStatusFromReports(outcome.reports));
  }

  async abandonSession(session: Session): Promise<void> {
    if (session.status !== 'In Progress') {
      throw detailError(409, `A session in status '${session.status}' cannot be abandoned.`);
    }
    await this.changeStatus(session, 'Abandoned');
  }

  async expireSession(session: Session): Promise<void> {
    if (session.status !== 'Not Started') {
      throw detailError(409, `Only a 'Not Started' session can expire, not '${session.status}'.`);
    }
    await this.changeStatus(session, 'Expired');
  }

  /** KYC-expiry policy: an approved session whose document has since expired. */
  async kycExpireSession(session: Session): Promise<void> {
    if (session.status !== 'Approved') {
      throw detailError(409, `Only an 'Approved' session can become 'Kyc Expired', not '${session.status}'.`);
    }
    await this.changeStatus(session, 'Kyc Expired');
  }

  /** Drives a fresh session as far as its scenario and `until` allow. */
  async driveSession(session: Session, until: DriveTarget): Promise<void> {
    if (until === 'created') return;
    const ending = scenarioEnding(session.scenario);
    if (ending === 'never_opens') {
      if (until === 'completed') await this.expireSession(session);
      return;
    }
    await this.startSession(session);
    if (until === 'started' || ending === 'stays_in_progress') return;
    if (ending === 'abandons') await this.abandonSession(session);
    else await this.completeSession(session);
  }

  async advanceSession(session: Session, to: AdvanceTarget): Promise<void> {
    const startIfNeeded = async () => {
      if (session.status === 'Not Started' || session.status === 'Resubmitted')
        await this.startSession(session);
    };
    switch (to) {
      case 'started':
        return this.startSession(session);
      case 'completed':
        await startIfNeeded();
        return this.completeSession(session);
      case 'abandoned':
        await startIfNeeded();
        return this.abandonSession(session);
      case 'expired':
        return this.expireSession(session);
      case 'kyc_expired':
        return this.kycExpireSession(session);
    }
  }

  /**
   * Test control: makes the session report `status` (any documented one, or an undocumented string), or
   * only sends a signed `status.updated` claiming it while the session stays as it is (a late, replayed
   * or mistaken delivery). Lets clients be tested against `Awaiting User`, `Kyc Expired` and statuses
   * Didit has not documented yet.
   */
  async reportStatus(session: Session, status: string, mode: 'apply' | 'webhook_only'): Promise<void> {
    if (mode === 'webhook_only') {
      const envelope = this.envelope(session, 'status.updated', false);
      envelope.status = status;
      await this.webhooks.emit({
        eventId: envelope.event_id as string,
        webhookType: 'status.updated',
        sessionId: session.id,
        envelope,
      });
      return;
    }
    const documented = (SESSION_STATUSES as readonly string[]).includes(status);
    if (documented) return this.changeStatus(session, status as SessionStatus);
    this.log(`session ${session.id} ${reportedStatus(session)} -> ${status} (undocumented)`);
    session.undocumentedStatus = status;
    session.updatedAt = this.now();
    session.generation += 1;
    return this.emitStatusUpdated(session);
  }

  /**
   * Test control: a reviewer changes the session's decision in the Didit console, without the client's
   * involvement. The change is recorded in the review trail like a console review; `notify: false` plays
   * the webhook that never reached the client (only a re-read will show the change).
   */
  async consoleEdit(session: Session, status: SessionStatus, notify: boolean): Promise<void> {
    if (session.status === status && session.undocumentedStatus === null) return;
    this.addReview(session, 'status_change', status, 'Changed in the Didit console');
    if (notify) return this.changeStatus(session, status);
    this.log(`session ${session.id} ${reportedStatus(session)} -> ${status} (console edit, no webhook)`);
    session.status = status;
    session.undocumentedStatus = null;
    session.updatedAt = this.now();
    session.generation += 1;
  }

  // ---- status changes and webhooks ------------------------------------------------------------------

  private changeStatus(session: Session, status: SessionStatus): Promise<void> {
    if (session.status === status && session.undocumentedStatus === null) return Promise.resolve();
    this.log(`session ${session.id} ${reportedStatus(session)} -> ${status}`);
    session.status = status;
    session.undocumentedStatus = null;
    session.updatedAt = this.now();
    session.generation += 1;
    return this.emitStatusUpdated(session);
  }

  private envelope(session: Session, webhookType: string, withDecision: boolean): Record<string, unknown> {
    const envelope: Record<string, unknown> = {
      event_id: randomUUID(),
      webhook_type: webhookType,
      created_at: Math.floor(this.now() / 1000),
      application_id: this.applicationId,
      environment: WEBHOOK_ENVIRONMENT,
      session_id: session.id,
      status: reportedStatus(session),
      workflow_id: session.workflowId,
      workflow_version: session.workflowVersion,
    };
    // Documented: vendor_data and metadata only appear when set on the session.
    if (session.vendorData !== null) envelope.vendor_data = session.vendorData;
    if (session.metadata !== null && session.metadata !== undefined) envelope.metadata = session.metadata;
    if (withDecision) envelope.decision = this.decisionOf(session);
    return envelope;
  }

  private emit(session: Session, webhookType: string, withDecision: boolean): Promise<void> {
    const envelope = this.envelope(session, webhookType, withDecision);
    return this.webhooks.emit({
      eventId: envelope.event_id as string,
      webhookType,
      sessionId: session.id,
      envelope,
    });
  }

  private emitStatusUpdated(session: Session): Promise<void> {
    return this.emit(session, 'status.updated', STATUSES_WITH_DECISION.includes(session.status));
  }

  // ---- reviewer actions ------------------------------------------------------------------------------

  private addReview(
    session: Session,
    action: string,
    newStatus: string,
    note: string | null | undefined,
  ): Review {
    const review: Review = {
      id: session.reviews.length + 1,
      action,
      old_status: session.status,
      new_status: newStatus,
      note: note ?? '',
      created_at: isoTimestamp(this.now()),
    };
    session.reviews.push(review);
    return review;
  }

  addComment(session: Session, comment: string): Review {
    return this.addReview(session, 'comment', session.status, comment);
  }

  private resolveResubmitNodes(
    session: Session,
    nodes: NonNullable<UpdateStatusBody['nodes_to_resubmit']>,
  ): WorkflowFeatureCode[] {
    const workflowFeatures = this.workflowOf(session).features.map((entry) => entry.feature);
    const features = new Set<WorkflowFeatureCode>();
    for (const node of nodes) {
      const nodeId = typeof node === 'string' ? node : node.node_id;
      const named = typeof node === 'string' ? undefined : node.feature?.toUpperCase();
      if (named && RESUBMIT_FORBIDDEN_FEATURES.includes(named)) {
        throw fieldError('nodes_to_resubmit', `${named} cannot be resubmitted.`);
      }
      const feature = WORKFLOW_FEATURE_CODES.find(
        (code) =>
          FEATURE_NODES[code].nodeId === nodeId ||
          code === named ||
          (named === 'POA' && code === 'PROOF_OF_ADDRESS'),
      );
      if (!feature || !workflowFeatures.includes(feature)) {
        throw fieldError('nodes_to_resubmit', `Node '${nodeId}' is not part of this session's workflow.`);
      }
      features.add(feature);
    }
    return [...features];
  }

  /**
   * PATCH update-status, following the transition table of docs/providers/didit.md §1.4. Resolves to `delivered`,
   * the webhook deliveries the change triggered (none for a no-op).
   */
  updateStatus(session: Session, body: UpdateStatusBody): { delivered: Promise<void> } {
    const from = session.status;
    const to = body.new_status;
    if (STATUSES_WITHOUT_MANUAL_CHANGES.includes(from))
      throw detailError(400, TRANSITION_NOT_ALLOWED_DETAIL(from, to));
    if (from === to) {
      if (to === 'Resubmitted') throw detailError(400, SAME_STATUS_DETAIL);
      return { delivered: Promise.resolve() };
    }
    if (to !== 'Resubmitted') {
      this.addReview(session, 'status_change', to, body.comment);
      return { delivered: this.changeStatus(session, to) };
    }
    const features = this.resolveResubmitNodes(session, body.nodes_to_resubmit ?? []);
    const backendOnly = features.every((feature) =>
      (BACKEND_ONLY_FEATURES as readonly string[]).includes(feature),
    );
    if (backendOnly && session.lastBackendResubmitAt !== null) {
      const waitMs = session.lastBackendResubmitAt + BACKEND_RESUBMIT_COOLDOWN_SECONDS * 1000 - this.now();
      if (waitMs > 0) {
        const retryAfter = Math.ceil(waitMs / 1000);
        throw new DiditHttpError(
          429,
          { detail: THROTTLED_DETAIL(retryAfter) },
          { 'Retry-After': String(retryAfter) },
        );
      }
    }
    this.addReview(session, 'status_change', 'Resubmitted', body.comment);
    session.resubmittedFeatures = features;
    const resubmitted = this.changeStatus(session, 'Resubmitted');
    if (!backendOnly || !session.outcome) return { delivered: resubmitted };
    // Backend checks (AML, database, IP) are re-run by Didit itself, without the user.
    session.lastBackendResubmitAt = this.now();
    const outcome = session.outcome;
    const fresh = this.evaluate(session, outcome.person, outcome.signals);
    for (const feature of features) if (fresh[feature]) outcome.reports[feature] = fresh[feature];
    session.resubmittedFeatures = [];
    const settled = this.changeStatus(session, sessionStatusFromReports(outcome.reports));
    return { delivered: Promise.all([resubmitted, settled]).then(() => undefined) };
  }

  /** Reviewer corrections of ID data; fires `data.updated`. */
  updateIdData(session: Session, edits: Record<string, string | null>): Promise<void> {
    if (!session.outcome?.reports.OCR)
      throw detailError(400, 'This session has no ID verification data to update.');
    Object.assign(session.idDataEdits, edits);
    session.updatedAt = this.now();
    return this.emit(session, 'data.updated', true);
  }

  deleteSession(session: Session): void {
    this.sessions.delete(session.id);
    this.log(`session ${session.id} deleted`);
  }

  // ---- blocklist (older endpoints, on the system blocklists) ------------------------------------------

  blocklistAdd(session: Session, types: BlocklistItemType[]): Record<BlocklistItemType, boolean> {
    const person = session.outcome?.person ?? null;
    const values = this.sessionValues(session, person);
    const fingerprints = this.fingerprints(session, person);
    const blocked = noItemTypes();
    for (const type of types) {
      const fingerprint = fingerprints[type];
      if (!fingerprint) continue;
      blocked[type] = true;
      this.lists.ensure(this.lists.systemBlocklist(type), {
        fingerprint,
        value: type === 'face' ? null : values[type],
        reference_session_id: session.id,
      });
    }
    if (!Object.values(blocked).some(Boolean)) {
      throw detailError(400, 'This session has no data of the selected types to blocklist.');
    }
    return blocked;
  }

  blocklistRemove(session: Session, types: BlocklistItemType[]): Record<BlocklistItemType, boolean> {
    const fingerprints = this.fingerprints(session, session.outcome?.person ?? null);
    const removed = noItemTypes();
    for (const type of types) {
      const fingerprint = fingerprints[type];
      removed[type] =
        fingerprint !== null && this.lists.removeByFingerprint(this.lists.systemBlocklist(type), fingerprint);
    }
    return removed;
  }
}
