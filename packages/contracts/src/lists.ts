import { z } from 'zod';
import { CaseActionStatus, UserRef } from './actions';

/**
 * The managers' lists screen over Didit's Lists API: blocklists (one per entry type, provisioned by
 * Didit), allowlists and custom lists. Values are personal data: the API sends them masked, and the
 * audit log keeps only list and entry uuids.
 */
export const ListEntryKind = z.enum([
  'face',
  'document',
  'phone',
  'email',
  'ip_address',
  'device_fingerprint',
  'wallet_address',
  'bank_account',
  'user',
  'business',
  'country',
  'key',
]);
export type ListEntryKind = z.infer<typeof ListEntryKind>;

export const ListView = z.object({
  uuid: z.string(),
  name: z.string(),
  /** blocklist, allowlist, custom, or a kind Didit added later (shown as sent). */
  listType: z.string(),
  entryType: z.string(),
  isSystem: z.boolean(),
  entriesCount: z.number().int().nullable(),
});
export type ListView = z.infer<typeof ListView>;

/** A removal waiting for a second manager, or on its way to Didit. */
export const PendingListChange = z.object({
  actionId: z.number().int(),
  status: CaseActionStatus,
  requestedBy: UserRef,
});
export type PendingListChange = z.infer<typeof PendingListChange>;

export const ListEntryView = z.object({
  uuid: z.string(),
  /** Masked (e.g. `j•••@example.com`); null for faces, which are images. */
  maskedValue: z.string().nullable(),
  comment: z.string().nullable(),
  referenceSessionId: z.string().nullable(),
  /** Our case of the session the entry came from; null when the session is not one of ours. */
  caseId: z.number().int().nullable(),
  createdAt: z.string().nullable(),
  pendingRemoval: PendingListChange.nullable(),
});
export type ListEntryView = z.infer<typeof ListEntryView>;

export const ListEntryPage = z.object({ count: z.number().int(), entries: z.array(ListEntryView) });
export type ListEntryPage = z.infer<typeof ListEntryPage>;

export const ListEntriesQuery = z.object({
  search: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ListEntriesQuery = z.infer<typeof ListEntriesQuery>;

/** Adds the session of one of our cases to a list; Didit takes the value from the session itself. */
export const AddListEntryRequest = z.object({
  caseId: z.number().int().positive(),
  comment: z.string().trim().min(1).max(500),
});
export type AddListEntryRequest = z.infer<typeof AddListEntryRequest>;

export const RemoveListEntryRequest = z.object({ comment: z.string().trim().min(1).max(500) });
export type RemoveListEntryRequest = z.infer<typeof RemoveListEntryRequest>;
