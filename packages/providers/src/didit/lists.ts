import { ListEntryKind, SESSION_ENTRY_KINDS } from '@backoffice/contracts';
import { z } from 'zod';
import { drfPage } from './schemas';

/**
 * Didit's Lists API (`/v3/lists/`), the generalisation of the older `/v3/blocklist/` endpoints that
 * Didit's own current client calls. Paths, list kinds, entry types and the add body are published;
 * every field marked in `DIDIT_LISTS_ASSUMED` is not, and is read leniently (docs/providers/didit.md,
 * "Lists").
 */
export const DIDIT_LIST_TYPES = ['blocklist', 'allowlist', 'custom'] as const;
export const DiditListType = z.enum(DIDIT_LIST_TYPES);
export type DiditListType = z.infer<typeof DiditListType>;

/**
 * Entry types Didit names; a system blocklist exists for the first six (the ones a session yields).
 * The product's vocabulary (`ListEntryKind` in the contracts) is exactly Didit's, so it is the one list.
 */
export const DIDIT_LIST_ENTRY_TYPES = ListEntryKind.options;
export const DiditListEntryType = z.enum(DIDIT_LIST_ENTRY_TYPES);
export type DiditListEntryType = z.infer<typeof DiditListEntryType>;

/** The entry types a session can contribute to a system blocklist (auto-provisioned by Didit). */
export const DIDIT_SYSTEM_BLOCKLIST_TYPES = SESSION_ENTRY_KINDS satisfies readonly DiditListEntryType[];

/**
 * Details of the Lists API no public source confirms, in one place. The row fields below are read
 * leniently (nullish, unknown keys kept) so a different shape degrades to blanks instead of failing.
 */
export const DIDIT_LISTS_ASSUMED = {
  /** List row fields besides `uuid`: `name`, `list_type`, `entry_type`, `is_system`, `entries_count`, `created_at`. */
  listRowFields: ['name', 'list_type', 'entry_type', 'is_system', 'entries_count', 'created_at'],
  /** Entry row fields besides `uuid`: `value`, `display_label`, `comment`, `reference_session_id`, `created_at`. */
  entryRowFields: ['value', 'display_label', 'comment', 'reference_session_id', 'created_at'],
  /** `GET /v3/lists/` filters by `list_type` and `entry_type` query parameters. */
  listFilters: ['list_type', 'entry_type'],
  /** Entries page with DRF `limit`/`offset` and a `search` over value, label and comment. */
  entryPaging: ['limit', 'offset', 'search'],
  /** `DELETE …/entries/{uuid}/` answers 204; an unknown entry 404. */
  deleteStatus: 204,
} as const;

const text = z.string().nullish();

export const DiditList = z.looseObject({
  uuid: z.string().min(1),
  name: text,
  /** Kept as sent: a list kind Didit adds later is shown, not refused. */
  list_type: text,
  entry_type: text,
  is_system: z.boolean().nullish(),
  entries_count: z.number().nullish(),
  created_at: text,
});
export type DiditList = z.infer<typeof DiditList>;

export const DiditListList = z
  .union([z.array(DiditList), drfPage(DiditList)])
  .transform((value) => (Array.isArray(value) ? value : value.results));

export const DiditListEntry = z.looseObject({
  uuid: z.string().min(1),
  entry_type: text,
  /** The entry itself (an e-mail address, a phone number, …): personal data, never stored or logged by us. */
  value: text,
  display_label: text,
  comment: text,
  reference_session_id: text,
  created_at: text,
});
export type DiditListEntry = z.infer<typeof DiditListEntry>;

export interface DiditListEntryPage {
  count: number;
  results: DiditListEntry[];
}

export const DiditListEntryPage = z
  .union([z.array(DiditListEntry), drfPage(DiditListEntry)])
  .transform(
    (value): DiditListEntryPage =>
      Array.isArray(value)
        ? { count: value.length, results: value }
        : { count: value.count, results: value.results },
  );

/** An entry is added either by its value or from a session (Didit extracts the value itself). */
export const DiditListEntryCreateRequest = z
  .object({
    value: z.string().trim().min(1).max(512).optional(),
    reference_session_id: z.string().min(1).max(100).optional(),
    display_label: z.string().max(200).optional(),
    comment: z.string().max(2000).optional(),
  })
  .refine(
    (body) => (body.value === undefined) !== (body.reference_session_id === undefined),
    'Give either value or reference_session_id, not both.',
  );
export type DiditListEntryCreateRequest = z.infer<typeof DiditListEntryCreateRequest>;

export interface ListListsParams {
  listType?: DiditListType;
  entryType?: DiditListEntryType;
}

export interface ListEntriesParams {
  search?: string;
  limit?: number;
  offset?: number;
}

export function listListsQuery(params: ListListsParams): string {
  const query = new URLSearchParams();
  if (params.listType) query.set('list_type', params.listType);
  if (params.entryType) query.set('entry_type', params.entryType);
  const value = query.toString();
  return value ? `?${value}` : '';
}

export function listEntriesQuery(params: ListEntriesParams): string {
  const query = new URLSearchParams();
  if (params.search) query.set('search', params.search);
  if (params.limit !== undefined) query.set('limit', String(params.limit));
  if (params.offset !== undefined) query.set('offset', String(params.offset));
  const value = query.toString().replaceAll('+', '%20');
  return value ? `?${value}` : '';
}
