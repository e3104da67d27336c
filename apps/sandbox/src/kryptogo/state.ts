import { IDV_POINTS, type SearchSetting, type SearchSettingType } from './assumptions';
import { forbidden, notFound } from './errors';

/** The employee behind an API key: creator of its tasks and auditor of the decisions made with it. */
export interface Owner {
  apiKey: string;
  employeeId: number;
  name: string;
  account: string;
}

/** The task of that id if the caller's account created it: 404 when there is none, 403 for another account's. */
export function ownedTask<Task extends { owner: Owner }>(
  tasks: ReadonlyMap<number, Task>,
  owner: Owner,
  id: number | null,
  label: string,
): Task {
  const task = id === null ? undefined : tasks.get(id);
  if (!task) throw notFound(label);
  if (task.owner.apiKey !== owner.apiKey) throw forbidden(`${label} belongs to another account`);
  return task;
}

export interface SourceHit {
  title: string;
  url: string;
  snippet: string;
  date: string;
  source: string;
}
export interface SourceResult {
  hits: number;
  items: SourceHit[];
}

export interface CommentLog {
  comment: string;
  accepted: boolean;
  time: number;
  employee_account: string;
}

export interface DdTask {
  id: number;
  owner: Owner;
  searchSetting: SearchSetting;
  targetType: SearchSettingType;
  /** The validated target as sent (KYC `{name,…}` or KYB `{company_name,…}`). */
  target: Record<string, unknown>;
  searchSources: number[];
  callbackUrl: string | null;
  customerReference: string;
  taskOrigin: number;
  fromIdvId: number;
  createdAt: number;
  updatedAt: number;
  completedSources: number;
  completedAt: number | null;
  results: Record<string, SourceResult>;
  potentialRisk: number;
  sanctionMatched: boolean;
  amlSummarization: string;
  nextReviewAt: number;
  auditStatus: number;
  comment: string;
  auditTime: number;
  auditor: Owner | null;
  commentLogs: CommentLog[];
  metadata: Array<{ key: string; value: string }>;
}

export interface KyaTask {
  id: number;
  owner: Owner;
  address: string;
  chain: 'btc' | 'eth';
  data: Record<string, unknown>;
  sdnlist: Array<Record<string, unknown>>;
  txlist: Array<Record<string, unknown>>;
  createdAt: number;
  customerReference: string | null;
}

export interface IdvExpected {
  name?: string;
  birthday?: string;
  idNumber?: string;
  issuingDate?: string;
  expiryDate?: string;
  gender?: string;
}

export interface IdvExtracted {
  firstName: string;
  lastName: string;
  fullName: string;
  birthday: string;
  idNumber: string;
  issuingDate: string;
  expiryDate: string;
  gender: string;
}

export type IdvChannel = 'upload' | 'web' | 'mobile';

export interface IdvTask {
  id: number;
  owner: Owner;
  channel: IdvChannel;
  country: string;
  idType: string;
  expected: IdvExpected;
  customerReference: string;
  callbackUrl: string | null;
  autoCreateDdTask: boolean;
  ddTaskCallbackUrl: string | null;
  ddTaskSearchSettingId: number | null;
  createdAt: number;
  /** When the images arrived (at creation for uploads, later for web/mobile). */
  uploadedAt: number | null;
  /** When the result becomes available; null until the images are in. */
  resultDueAt: number | null;
  completedAt: number | null;
  /** Scenario forced through the control API; otherwise keywords decide. */
  scenarioOverride: string | null;
  /** Secret part of the web flow URL. */
  webToken: string | null;
  successUrl: string | null;
  errorUrl: string | null;
  extracted: IdvExtracted | null;
  state: number | null;
  reviewReasons: string[];
  rejectReasons: string[];
  createdSearchTaskId: number;
  auditStatus: string;
  auditTimestamp: number;
  auditorAccount: string;
}

/** Everything the sandbox remembers. In memory: a restart is a clean slate, as is `reset`. */
export class KryptogoSandboxState {
  readonly owners: Map<string, Owner>;
  readonly ddTasks = new Map<number, DdTask>();
  readonly kyaTasks = new Map<number, KyaTask>();
  readonly idvTasks = new Map<number, IdvTask>();
  readonly pointsByOwner = new Map<string, number>();
  /** Address → forced KYA profile name, for scenario addresses. */
  readonly kyaProfiles = new Map<string, string>();
  readonly searchSettings: Map<number, SearchSetting>;
  /** Ids survive `reset` so a client that kept old ids never sees one reused. */
  private counters = { dd: 1000, kya: 0, idv: 0 };

  constructor(apiKeys: readonly string[], searchSettings: readonly SearchSetting[]) {
    this.owners = new Map(
      apiKeys.map((apiKey, index) => [
        apiKey,
        {
          apiKey,
          employeeId: 101 + index,
          name: `Sandbox Operator ${index + 1}`,
          account: `operator${index + 1}@sandbox.kryptogo.test`,
        },
      ]),
    );
    this.searchSettings = new Map(searchSettings.map((setting) => [setting.id, setting]));
    this.resetData();
  }

  nextId(kind: keyof KryptogoSandboxState['counters']): number {
    this.counters[kind] += 1;
    return this.counters[kind];
  }

  points(owner: Owner): number {
    return this.pointsByOwner.get(owner.apiKey) ?? 0;
  }

  setPoints(owner: Owner, balance: number): void {
    this.pointsByOwner.set(owner.apiKey, balance);
  }

  resetData(): void {
    this.ddTasks.clear();
    this.kyaTasks.clear();
    this.idvTasks.clear();
    this.kyaProfiles.clear();
    for (const owner of this.owners.values()) this.pointsByOwner.set(owner.apiKey, IDV_POINTS.initialBalance);
  }
}
