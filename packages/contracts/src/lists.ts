import { z } from 'zod';
import { CaseActionStatus, UserRef } from './actions';

/**
 * The managers' lists screen over Didit's Lists API: blocklists (one per entry type, provisioned by
 * Didit), allowlists and custom lists. Values are personal data: the API sends them masked, and the
 * audit log keeps only list and entry uuids.
 */

/** The entry kinds a session yields (Didit keeps one system blocklist for each); listed first. */
export const SESSION_ENTRY_KINDS = [
  'face',
  'document',
  'phone',
  'email',
  'ip_address',
  'device_fingerprint',
] as const;

export const ListEntryKind = z.enum([
  ...SESSION_ENTRY_KINDS,
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

/** Entry kinds a reviewer may type in; a face is an image, so it only comes from a session. */
export const LIST_VALUE_KINDS = ListEntryKind.options.filter(
  (kind): kind is Exclude<ListEntryKind, 'face'> => kind !== 'face',
);

const stripPhone = (value: string) => value.replace(/[\s().-]/g, '');

/**
 * What a typed value must look like for each entry kind, and the form it is sent in (the same
 * normalisation Didit applies before comparing: case and spacing are not part of an e-mail, a phone or a
 * document number). The web dialog and the API validate with the same schema.
 */
const LIST_VALUE_SCHEMAS: Record<Exclude<ListEntryKind, 'face'>, z.ZodType<string, string>> = {
  document: z
    .string()
    .transform((value) => value.toUpperCase().replace(/\s/g, ''))
    .pipe(z.string().regex(/^[A-Z0-9-]{4,30}$/, 'A document number has 4 to 30 letters, digits or dashes.')),
  phone: z
    .string()
    .transform(stripPhone)
    .pipe(
      z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/, 'A phone number is written in international form, e.g. +34600111222.'),
    ),
  email: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.email('This is not an e-mail address.').max(254)),
  ip_address: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.union([z.ipv4(), z.ipv6()], { error: 'This is not an IPv4 or IPv6 address.' })),
  device_fingerprint: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{6,128}$/, 'A device id has 6 to 128 letters, digits or . _ : -'),
  wallet_address: z
    .string()
    .regex(/^[A-Za-z0-9]{20,100}$/, 'A wallet address has 20 to 100 letters and digits.'),
  bank_account: z
    .string()
    .transform((value) => value.toUpperCase().replace(/\s/g, ''))
    .pipe(z.string().regex(/^[A-Z0-9-]{6,40}$/, 'An account number or IBAN has 6 to 40 letters or digits.')),
  user: z.string().max(200, 'At most 200 characters.'),
  business: z.string().max(200, 'At most 200 characters.'),
  key: z.string().max(200, 'At most 200 characters.'),
  country: z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2,3}$/, 'A country is its ISO code, e.g. ES or ESP.')),
};

/** The schema for a value of this kind (trimmed, required), or null when the kind takes no typed value. */
export function listValueSchema(kind: string): z.ZodType<string, string> | null {
  const schema = (LIST_VALUE_SCHEMAS as Record<string, z.ZodType<string, string> | undefined>)[kind];
  if (!schema) return null;
  return z.string().trim().min(1, 'Enter a value.').max(512).pipe(schema);
}

/**
 * Adds to a list either the session of one of our cases (Didit takes the value from the session
 * itself) or a typed value, validated for the list's entry kind by `listValueSchema`.
 */
export const AddListEntryRequest = z
  .object({
    caseId: z.number().int().positive().optional(),
    value: z.string().max(512).optional(),
    comment: z.string().trim().min(1).max(500),
  })
  .refine((body) => (body.caseId === undefined) !== (body.value === undefined), {
    message: 'Give either caseId or value.',
  });
export type AddListEntryRequest = z.infer<typeof AddListEntryRequest>;

export const RemoveListEntryRequest = z.object({ comment: z.string().trim().min(1).max(500) });
export type RemoveListEntryRequest = z.infer<typeof RemoveListEntryRequest>;
