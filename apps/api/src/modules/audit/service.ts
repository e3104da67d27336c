import type {
  AuditEntry,
  AuditExportQuery,
  AuditListResponse,
  AuditQuery,
  AuditVerifyResponse,
} from '@backoffice/contracts';
import { type Db, verifyAuditChain, writeTransaction } from '@backoffice/db';
import { stringify } from 'csv-stringify/sync';
import type { AppDeps } from '../../platform/deps';
import { actorAuditContext, emitAudit, type RequestActor } from './emit';
import { type AuditFilter, type AuditRowWithActor, findAuditRows } from './repo';

/** Rows per read while streaming an export: small enough to keep each synchronous read short. */
const EXPORT_BATCH_SIZE = 500;

const CSV_COLUMNS = [
  'id',
  'at',
  'actorType',
  'actorId',
  'actorName',
  'actorRole',
  'action',
  'caseId',
  'provider',
  'externalId',
  'before',
  'after',
  'reason',
  'requestId',
  'ip',
  'userAgent',
  'hash',
] as const satisfies readonly (keyof AuditEntry)[];

/** A `YYYY-MM-DD` bound covers the whole UTC day; a date-time is taken as the exact instant. */
function boundMs(value: string, endOfDay: boolean): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00.000Z`);
    return endOfDay ? start + 86_400_000 - 1 : start;
  }
  return Date.parse(value);
}

function filterOf(query: AuditExportQuery): AuditFilter {
  return {
    ...(query.actorId !== undefined ? { actorId: query.actorId } : {}),
    ...(query.action !== undefined ? { action: query.action } : {}),
    ...(query.caseId !== undefined ? { caseId: query.caseId } : {}),
    ...(query.provider !== undefined ? { provider: query.provider } : {}),
    ...(query.from !== undefined ? { fromMs: boundMs(query.from, false) } : {}),
    ...(query.to !== undefined ? { toMs: boundMs(query.to, true) } : {}),
  };
}

/** Snapshots are stored as canonical JSON text; a value that is not an object is kept, not dropped. */
function snapshot(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return { unparsed: text };
  }
}

export function toAuditEntry(row: AuditRowWithActor): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorType: row.actorType as AuditEntry['actorType'],
    actorId: row.actorId,
    actorName: row.actorName,
    actorRole: row.actorRole,
    action: row.action,
    caseId: row.caseId,
    provider: row.provider,
    externalId: row.externalId,
    before: snapshot(row.before),
    after: snapshot(row.after),
    reason: row.reason,
    requestId: row.requestId,
    ip: row.ip,
    userAgent: row.userAgent,
    hash: row.hash,
  };
}

export function listAuditEntries(db: Db, query: AuditQuery): AuditListResponse {
  const filter: AuditFilter = {
    ...filterOf(query),
    ...(query.before !== undefined ? { beforeId: query.before } : {}),
  };
  // One extra row tells whether another page exists without counting.
  const rows = findAuditRows(db, filter, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAuditEntry),
    nextBefore: rows.length > query.limit && last ? last.id : null,
  };
}

export function verifyAuditLog(db: Db): AuditVerifyResponse {
  const result = verifyAuditChain(db);
  return result.ok
    ? { ok: true, rows: result.rows, firstBrokenId: null, reason: null }
    : { ok: false, rows: result.rows, firstBrokenId: result.firstBrokenId, reason: result.reason };
}

function csvCells(entry: AuditEntry): Record<(typeof CSV_COLUMNS)[number], string | number | null> {
  return {
    ...entry,
    before: entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === null ? null : JSON.stringify(entry.after),
  };
}

/**
 * Records the export (who, which filter; the filter holds ids and dates, never PII) and returns the CSV
 * as a pull stream: each pull reads one keyset batch, so a large range never sits in memory and never
 * holds a long read on the database. The upper id is fixed first, so rows appended while the export
 * runs (the log is append-only) cannot shift or duplicate it: the file is a consistent snapshot.
 */
export function exportAuditCsv(
  deps: AppDeps,
  actor: RequestActor,
  query: AuditExportQuery,
): ReadableStream<Uint8Array> {
  const filter = filterOf(query);
  const upperId = writeTransaction(deps.db, (tx) => {
    const { id } = emitAudit(tx, actorAuditContext(actor), {
      action: 'audit.exported',
      after: { filter: { ...query } },
      at: deps.now(),
    });
    return id;
  });
  const encoder = new TextEncoder();
  let nextBefore: number | null = upperId + 1;
  let headerWritten = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (nextBefore === null) {
        controller.close();
        return;
      }
      const rows = findAuditRows(deps.db, { ...filter, beforeId: nextBefore }, EXPORT_BATCH_SIZE);
      const text = stringify(rows.map(toAuditEntry).map(csvCells), {
        header: !headerWritten,
        columns: [...CSV_COLUMNS],
        // Prefixes cells starting with = + - @ tab or CR with a quote so spreadsheets show, not run, them.
        escape_formulas: true,
        record_delimiter: 'windows',
      });
      headerWritten = true;
      if (text.length > 0) controller.enqueue(encoder.encode(text));
      nextBefore = rows.length === EXPORT_BATCH_SIZE ? (rows.at(-1)?.id ?? null) : null;
      if (nextBefore === null) controller.close();
    },
  });
}
