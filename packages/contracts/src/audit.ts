import { z } from 'zod';
import { IsoDateOrDateTime, Provider } from './case';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actorType: z.enum(['user', 'provider', 'system']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  caseId: z.number().int().nullable(),
  provider: z.string().nullable(),
  externalId: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  actorId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  caseId: z.coerce.number().int().positive().optional(),
  provider: Provider.optional(),
  from: IsoDateOrDateTime.optional(),
  to: IsoDateOrDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Keyset: entries with an id lower than this (newest first). */
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The CSV export takes the list's filters; it is not paged (every matching row is streamed). */
export const AuditExportQuery = AuditQuery.omit({ limit: true, before: true });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const AuditListResponse = z.object({
  items: z.array(AuditEntry),
  nextBefore: z.number().int().nullable(),
});
export type AuditListResponse = z.infer<typeof AuditListResponse>;

export const AuditVerifyResponse = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;
