import { z } from 'zod';
import { IsoDateOrDateTime, Provider } from './case';
import { keysetPage, keysetPageQuery } from './paging';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actorType: z.enum(['user', 'provider', 'system']),
  actorId: z.string().nullable(),
  /** Display name of a user actor (null for providers and the system). */
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
  /** Keyset: `before` selects entries with an id lower than it (newest first). */
  ...keysetPageQuery(500, 100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The CSV export takes the list's filters; it is not paged (every matching row is streamed). */
export const AuditExportQuery = AuditQuery.omit({ limit: true, before: true });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const AuditListResponse = keysetPage(AuditEntry);
export type AuditListResponse = z.infer<typeof AuditListResponse>;

export const AuditVerifyResponse = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;
