import {
  type CaseKind,
  CaseStatus,
  type KryptogoCustomerHistory,
  type KryptogoDdView,
  type KryptogoIdvFieldComparison,
  type KryptogoIdvView,
  type KryptogoKyaView,
  RiskBand,
  riskBandOf,
} from '@backoffice/contracts';
import type { CaseRow, Db } from '@backoffice/db';
import {
  ddAuditStatusName,
  ddProgress,
  ddSanctionMatched,
  idvCaseStatus,
  KRYPTOGO_DD_COMPLETE_PROGRESS,
  KRYPTOGO_TASK_LINKS,
  KryptogoDdDetails,
  KryptogoIdvDetail,
  KryptogoKyaTask,
  reasonCodes,
} from '@backoffice/providers/kryptogo';
import { caseIdsByExternalId } from '../../modules/ingestion/repo';
import { parseJsonOrNull } from '../../platform/json';
import { KRYPTOGO, kryptogoExternalId } from './ingest';
import { customerDdTasks, ddCasesFromIdv } from './repo';

/** How many of a customer's other DD tasks the case page lists (newest first); the total is always given. */
export const CUSTOMER_HISTORY_LIMIT = 50;
/** DD tasks one IDV can have created; more than this would be a provider fault, not a customer. */
const LINKED_DD_LIMIT = 100;
const NO_HISTORY: KryptogoCustomerHistory = { items: [], total: 0, limit: CUSTOMER_HISTORY_LIMIT };

/** [seed] Console deep links (docs/providers/kryptogo.md §2.1). */
const CONSOLE = 'https://app.kryptogo.com/compliance';
/** [seed] Names of the DD search sources (§2.2). */
const SEARCH_SOURCE_NAMES: Record<number, string> = {
  0: 'Negative news',
  1: 'Dow Jones database',
  2: 'Taiwan company',
  3: 'Taiwan verdict',
  4: 'Sanction list',
};

type KryptogoView = KryptogoDdView | KryptogoKyaView | KryptogoIdvView;

const iso = (seconds: unknown): string | null =>
  typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? new Date(seconds * 1000).toISOString()
    : null;
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : null;
const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

interface DdLinks {
  fromIdvCaseId: number | null;
  customerHistory: KryptogoCustomerHistory;
}

function ddView(details: KryptogoDdDetails, links: DdLinks): KryptogoDdView {
  const progress = ddProgress(details);
  const finished = progress >= KRYPTOGO_DD_COMPLETE_PROGRESS;
  const results = details.result ?? {};
  const searched = details.search_source ?? [];
  const sourceIds = [
    ...new Set([...searched, ...Object.keys(results).map(Number).filter(Number.isInteger)]),
  ].sort((a, b) => a - b);
  const sources = sourceIds.map((source) => {
    const entry = asRecord(results[String(source)]);
    const items = Array.isArray(entry.items) ? entry.items.map(asRecord) : [];
    return {
      source,
      name: SEARCH_SOURCE_NAMES[source] ?? `Source ${source}`,
      searched: finished || String(source) in results,
      hits: typeof entry.hits === 'number' ? entry.hits : items.length,
      items: items.map((item) => ({
        title: text(item.title),
        url: text(item.url),
        snippet: text(item.snippet),
        date: text(item.date),
      })),
    };
  });
  const target = Object.fromEntries(
    Object.entries(details.target ?? {})
      .map(([key, value]) => [key, text(value)] as const)
      .filter((entry): entry is readonly [string, string] => entry[1] !== null),
  );
  // C15: details carry metadata as an object, summaries as an array; accept either here.
  const metadata = Array.isArray(details.metadata)
    ? details.metadata.map((entry) => ({
        key: entry.key,
        value: text(entry.value) ?? JSON.stringify(entry.value),
      }))
    : Object.entries(details.metadata ?? {}).map(([key, value]) => ({
        key,
        value: text(value) ?? JSON.stringify(value),
      }));
  const potentialRisk = finished ? numberOrNull(details.potential_risk) : null;
  return {
    type: 'kryptogo_dd',
    taskId: details.task_id,
    targetType: 'company_name' in target ? 'company' : 'person',
    target,
    searchSetting: details.search_setting
      ? { id: numberOrNull(details.search_setting.id), name: text(details.search_setting.name) }
      : null,
    progress,
    sources,
    sanctionMatched: ddSanctionMatched(details),
    potentialRisk,
    riskBand: riskBandOf(potentialRisk),
    amlSummarization: text(details.aml_summarization),
    auditStatus: ddAuditStatusName(details.audit_status),
    auditedAt: iso(details.audit_time),
    auditorAccount: text(details.auditor_employee_account),
    comment: text(details.comment),
    commentLog: (details.comment_logs ?? []).map((entry) => ({
      comment: text(entry.comment),
      accepted: typeof entry.accepted === 'boolean' ? entry.accepted : null,
      at: iso(entry.time),
      employeeAccount: text(entry.employee_account),
    })),
    metadata,
    customerReference: text(details.customer_reference),
    fromIdvTaskId: details.from_idv_id ? details.from_idv_id : null,
    fromIdvCaseId: details.from_idv_id ? links.fromIdvCaseId : null,
    customerHistory: links.customerHistory,
    createdAt: iso(details.creation_time),
    completedAt: iso(details.completed_time),
    nextReviewAt: iso(details.next_review_at),
    consoleUrl: `${CONSOLE}/audit/${details.task_id}`,
  };
}

function kyaView(task: KryptogoKyaTask): KryptogoKyaView {
  const data = asRecord(task.data);
  const riskScore = numberOrNull(data.risk_score);
  const chain = text(data.chain) ?? (/^0x[0-9a-f]{40}$/i.test(task.address) ? 'eth' : 'btc');
  return {
    type: 'kryptogo_kya',
    kyaId: task.kya_id,
    address: task.address,
    chain,
    riskScore,
    riskBand: riskBandOf(riskScore),
    riskLevel: text(data.risk_level),
    balance: numberOrNull(data.balance),
    received: numberOrNull(data.received),
    sent: numberOrNull(data.sent),
    txCount: numberOrNull(data.tx_count),
    firstSeenAt: iso(data.first_seen),
    lastSeenAt: iso(data.last_seen),
    sdnMatches: (task.sdnlist ?? []).map(asRecord).map((entry) => ({
      name: text(entry.name),
      list: text(entry.list),
      address: text(entry.address),
    })),
    transactions: (task.txlist ?? []).map(asRecord).map((entry) => ({
      hash: text(entry.hash),
      from: text(entry.from),
      to: text(entry.to),
      value: numberOrNull(entry.value),
      at: iso(entry.timestamp),
      risk: text(entry.risk),
    })),
    customerReference: text(task.customer_reference),
    createdAt: iso(task.creation_timestamp),
    consoleUrl: `${CONSOLE}/addresses/${task.kya_id}`,
  };
}

/** Names compare without case and extra spaces; everything else compares as given. */
function sameValue(field: KryptogoIdvFieldComparison['field'], a: string, b: string): boolean {
  if (field === 'name')
    return a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

function idvView(
  detail: KryptogoIdvDetail,
  caseIdForDdTask: (taskId: number) => number | null,
  ddTasksNamingIt: readonly number[],
): KryptogoIdvView {
  const extractedName =
    text(detail.full_name) ?? (text([detail.first_name, detail.last_name].filter(Boolean).join(' ')) || null);
  const pairs: [KryptogoIdvFieldComparison['field'], string | null, string | null][] = [
    ['name', text(detail.expected_name), extractedName],
    ['birthday', text(detail.expected_birthday), text(detail.birthday)],
    ['id_number', text(detail.expected_id_number), text(detail.id_number)],
    ['country', text(detail.expected_country), text(detail.country)],
    ['issuing_date', text(detail.expected_issuing_date), text(detail.issuing_date)],
    ['expiry_date', text(detail.expected_expiry_date), text(detail.expiry_date)],
    ['gender', text(detail.expected_gender), text(detail.gender)],
  ];
  const linked = new Map<number, number | null>();
  for (const task of detail.dd_tasks ?? []) linked.set(task.task_id, numberOrNull(task.progress));
  if (detail.created_search_task_id && !linked.has(detail.created_search_task_id)) {
    linked.set(detail.created_search_task_id, null);
  }
  // A DD task created from this IDV after its result (D3 with `from_idv_id`) is in our stored task, not
  // necessarily in the IDV payload we hold: both sides count.
  for (const taskId of ddTasksNamingIt) if (!linked.has(taskId)) linked.set(taskId, null);
  return {
    type: 'kryptogo_idv',
    idvTaskId: detail.idv_task_id,
    idType: text(detail.id_type),
    idSubType: text(detail.id_sub_type),
    country: text(detail.country),
    fields: pairs.map(([field, expected, extracted]) => ({
      field,
      expected,
      extracted,
      mismatch: expected !== null && extracted !== null && !sameValue(field, expected, extracted),
    })),
    state: idvCaseStatus({ ...detail, audit_status: null }).providerStatus,
    stateCode: numberOrNull(detail.state),
    reviewReasons: reasonCodes(detail.review_reasons),
    rejectReasons: reasonCodes(detail.reject_reasons),
    auditStatus: text(detail.audit_status),
    auditedAt: iso(detail.audit_timestamp),
    auditorAccount: text(detail.auditor_employee_account),
    customerReference: text(detail.customer_reference),
    linkedDdTasks: [...linked].map(([taskId, progress]) => ({
      taskId,
      progress,
      caseId: caseIdForDdTask(taskId),
    })),
    consoleUrl: `${CONSOLE}/idv/${detail.idv_task_id}`,
  };
}

/**
 * The reviewer's view of a KryptoGO case from its stored payload (D2 details, K1 task or I1 detail, as
 * re-fetched from the API). Null for another kind or a payload that no longer parses, so a bad row
 * shows the case without its provider panel instead of failing the page.
 * `caseIdForDdTask` links an IDV's DD tasks to our cases; without it the links carry no case id.
 */
export function kryptogoCaseView(
  kind: CaseKind | string,
  payloadJson: string | null,
  options: {
    caseIdForDdTask?: (taskId: number) => number | null;
    /** IDV: DD tasks whose own payload names this IDV in `from_idv_id`. */
    ddTasksNamingIt?: readonly number[];
    /** DD: our case for its `from_idv_id`, and the customer's other DD tasks. */
    ddLinks?: DdLinks;
  } = {},
): KryptogoView | null {
  const payload = parseJsonOrNull(payloadJson);
  if (payload === null) return null;
  if (kind === 'dd_task') {
    const parsed = KryptogoDdDetails.safeParse(payload);
    return parsed.success
      ? ddView(parsed.data, options.ddLinks ?? { fromIdvCaseId: null, customerHistory: NO_HISTORY })
      : null;
  }
  if (kind === 'kya_task') {
    const parsed = KryptogoKyaTask.safeParse(payload);
    return parsed.success ? kyaView(parsed.data) : null;
  }
  if (kind === 'idv_task') {
    const parsed = KryptogoIdvDetail.safeParse(payload);
    return parsed.success
      ? idvView(parsed.data, options.caseIdForDdTask ?? (() => null), options.ddTasksNamingIt ?? [])
      : null;
  }
  return null;
}

const isoMs = (ms: number): string => new Date(ms).toISOString();
const taskIdOf = (externalId: string): number | null =>
  /^\d+$/.test(externalId) ? Number(externalId) : null;

/** The customer's other DD tasks, each placed before or after `row` by screening time, then case id. */
function customerHistoryOf(
  db: Db,
  row: Pick<CaseRow, 'id' | 'subjectRef' | 'createdAt'>,
): KryptogoCustomerHistory {
  if (!row.subjectRef) return NO_HISTORY;
  const { rows, total } = customerDdTasks(db.orm, row.subjectRef, row.id, CUSTOMER_HISTORY_LIMIT);
  return {
    total,
    limit: CUSTOMER_HISTORY_LIMIT,
    items: rows.map((other) => {
      const earlier =
        other.createdAt < row.createdAt || (other.createdAt === row.createdAt && other.id < row.id);
      const band = RiskBand.safeParse(other.riskBand);
      const status = CaseStatus.safeParse(other.status);
      return {
        caseId: other.id,
        taskId: taskIdOf(other.externalId),
        relation: earlier ? ('earlier' as const) : ('later' as const),
        screenedAt: isoMs(other.createdAt),
        riskScore: other.riskScore,
        riskBand: band.success ? band.data : riskBandOf(other.riskScore),
        status: status.success ? status.data : 'needs_review',
        providerStatus: other.providerStatus,
        decidedAt: other.decidedAt === null ? null : isoMs(other.decidedAt),
      };
    }),
  };
}

/**
 * `kryptogoCaseView` for a case row, linked to our other cases: an IDV to the DD tasks it created (from the
 * IDV's `dd_tasks` / `created_search_task_id` and from DD tasks naming it in `from_idv_id`), a DD task to
 * the IDV that created it and to the same customer's other DD tasks. Without the row's id (a bare payload)
 * only the IDV's own DD list is linked.
 */
export function kryptogoCaseViewForRow(
  db: Db,
  row: Pick<CaseRow, 'kind' | 'payload'> & Partial<Pick<CaseRow, 'id' | 'subjectRef' | 'createdAt'>>,
): KryptogoView | null {
  const payload = parseJsonOrNull(row.payload);
  if (row.kind === 'idv_task') {
    const detail = KryptogoIdvDetail.safeParse(payload);
    if (!detail.success) return null;
    const namingIt = ddCasesFromIdv(db.orm, detail.data.idv_task_id, LINKED_DD_LIMIT);
    const known = new Map(namingIt.map((linked) => [linked.externalId, linked.id]));
    const ids = [
      ...(detail.data.dd_tasks ?? []).map((task) => task.task_id),
      ...(detail.data.created_search_task_id ? [detail.data.created_search_task_id] : []),
    ]
      .map((id) => kryptogoExternalId('dd_task', id))
      .filter((id) => !known.has(id));
    if (ids.length > 0) {
      for (const linked of caseIdsByExternalId(db.orm, KRYPTOGO, 'dd_task', ids)) {
        known.set(linked.externalId, linked.id);
      }
    }
    return kryptogoCaseView(row.kind, row.payload, {
      caseIdForDdTask: (taskId) => known.get(kryptogoExternalId('dd_task', taskId)) ?? null,
      ddTasksNamingIt: namingIt.flatMap((linked) => taskIdOf(linked.externalId) ?? []),
    });
  }
  if (row.kind === 'dd_task') {
    const details = KryptogoDdDetails.safeParse(payload);
    const fromIdv = details.success ? (details.data.from_idv_id ?? KRYPTOGO_TASK_LINKS.noIdvId) : 0;
    const idvCase =
      fromIdv !== KRYPTOGO_TASK_LINKS.noIdvId
        ? caseIdsByExternalId(db.orm, KRYPTOGO, 'idv_task', [kryptogoExternalId('idv_task', fromIdv)])[0]
        : undefined;
    const { id, createdAt } = row;
    return kryptogoCaseView(row.kind, row.payload, {
      ddLinks: {
        fromIdvCaseId: idvCase?.id ?? null,
        customerHistory:
          id !== undefined && createdAt !== undefined
            ? customerHistoryOf(db, { id, createdAt, subjectRef: row.subjectRef ?? null })
            : NO_HISTORY,
      },
    });
  }
  return kryptogoCaseView(row.kind, row.payload);
}
