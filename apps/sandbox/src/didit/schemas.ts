import { z } from 'zod';
import { DESTINATION_URL_REQUIRES_HTTPS } from './assumptions.js';
import { SESSION_STATUSES } from './model.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.');

export const CreateSessionBody = z.object({
  workflow_id: z.uuid('Must be a valid UUID.'),
  vendor_data: z.string().max(255).nullable().optional(),
  callback: z.url('Enter a valid URL.').nullable().optional(),
  callback_method: z.enum(['initiator', 'completer', 'both']).optional(),
  // Object or JSON string (conflict C13): both are stored and echoed back as sent.
  metadata: z
    .union([z.record(z.string(), z.unknown()), z.string()])
    .nullable()
    .optional(),
  language: z.string().min(2).max(10).nullable().optional(),
  contact_details: z
    .object({
      email: z.email('Enter a valid email address.').nullable().optional(),
      phone: z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/, 'Enter a valid phone number in E.164 format.')
        .nullable()
        .optional(),
      send_notification_emails: z.boolean().optional(),
      email_lang: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  expected_details: z
    .object({
      first_name: z.string().nullable().optional(),
      last_name: z.string().nullable().optional(),
      date_of_birth: isoDate.nullable().optional(),
      gender: z.enum(['M', 'F']).nullable().optional(),
      nationality: z.string().length(3).nullable().optional(),
      id_country: z.string().length(3).nullable().optional(),
      poa_country: z.string().length(3).nullable().optional(),
      address: z.string().nullable().optional(),
      identification_number: z.string().nullable().optional(),
      ip_address: z.string().nullable().optional(),
      country: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  portrait_image: z.string().max(1_400_000).nullable().optional(),
});
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

const nodeToResubmit = z.union([
  z.object({ node_id: z.string().min(1), feature: z.string().min(1).optional() }),
  z.string().min(1),
]);

export const UpdateStatusBody = z
  .object({
    new_status: z.enum(['Approved', 'Declined', 'Resubmitted'], {
      error: (issue) =>
        issue.input === undefined
          ? 'This field is required.'
          : `"${String(issue.input)}" is not a valid choice.`,
    }),
    comment: z.string().max(2000).nullable().optional(),
    nodes_to_resubmit: z.array(nodeToResubmit).optional(),
    send_email: z.boolean().optional(),
    email_address: z.email('Enter a valid email address.').nullable().optional(),
    email_language: z.string().optional(),
  })
  .superRefine((body, context) => {
    if (
      body.new_status === 'Resubmitted' &&
      (!body.nodes_to_resubmit || body.nodes_to_resubmit.length === 0)
    ) {
      context.addIssue({
        code: 'custom',
        path: ['nodes_to_resubmit'],
        message: 'This field is required when new_status is Resubmitted.',
      });
    }
    if (body.send_email && !body.email_address) {
      context.addIssue({
        code: 'custom',
        path: ['email_address'],
        message: 'This field is required when send_email is true.',
      });
    }
  });
export type UpdateStatusBody = z.infer<typeof UpdateStatusBody>;

export const CreateReviewBody = z.object({
  new_status: z.enum(['Approved', 'Declined', 'Resubmitted']).optional(),
  comment: z.string().min(1).max(2000),
  nodes_to_resubmit: z.array(nodeToResubmit).optional(),
});

export const BLOCKLIST_ITEM_TYPES = ['face', 'document', 'phone', 'email'] as const;
export type BlocklistItemType = (typeof BLOCKLIST_ITEM_TYPES)[number];

/** One optional boolean per item type, e.g. `blocklist_face`: both blocklist bodies select items this way. */
function itemTypeFlags<Prefix extends string>(prefix: Prefix) {
  return Object.fromEntries(
    BLOCKLIST_ITEM_TYPES.map((type) => [`${prefix}${type}`, z.boolean().optional()]),
  ) as Record<`${Prefix}${BlocklistItemType}`, z.ZodOptional<z.ZodBoolean>>;
}

/** Every item type set to false: the start of the per-type answer of both blocklist endpoints. */
export function noItemTypes(): Record<BlocklistItemType, boolean> {
  return Object.fromEntries(BLOCKLIST_ITEM_TYPES.map((type) => [type, false])) as Record<
    BlocklistItemType,
    boolean
  >;
}

export const BlocklistAddBody = z.object({
  session_id: z.uuid('Must be a valid UUID.'),
  ...itemTypeFlags('blocklist_'),
});

export const BlocklistRemoveBody = z.object({
  session_id: z.uuid('Must be a valid UUID.'),
  ...itemTypeFlags('unblock_'),
});

/** Reviewer corrections of the extracted ID data (field names as in the decision). */
export const UpdateDataBody = z
  .object({
    node_id: z.string().optional(),
    first_name: z.string().nullable().optional(),
    last_name: z.string().nullable().optional(),
    date_of_birth: isoDate.nullable().optional(),
    gender: z.enum(['M', 'F', 'U']).nullable().optional(),
    nationality: z.string().length(3).nullable().optional(),
    document_type: z.string().nullable().optional(),
    document_number: z.string().nullable().optional(),
    personal_number: z.string().nullable().optional(),
    expiration_date: isoDate.nullable().optional(),
    date_of_issue: isoDate.nullable().optional(),
    place_of_birth: z.string().nullable().optional(),
    address: z.string().nullable().optional(),
  })
  .refine((body) => Object.keys(body).some((key) => key !== 'node_id'), {
    message: 'At least one field to update is required.',
  });

const webhookUrl = z
  .url('Enter a valid URL.')
  .refine((url) => !DESTINATION_URL_REQUIRES_HTTPS || url.startsWith('https://'), 'The URL must use https.');

export const UpdateWebhookConfigBody = z.object({
  webhook_url: webhookUrl.nullable().optional(),
  webhook_version: z.enum(['v1', 'v2', 'v3']).optional(),
  secret_shared_key: z.string().min(8).optional(),
  rotate_secret_key: z.boolean().optional(),
  capture_method: z.enum(['mobile', 'desktop', 'both']).optional(),
  data_retention_months: z.number().int().positive().nullable().optional(),
});

export const CreateDestinationBody = z.object({
  label: z.string().trim().min(1).max(100),
  url: webhookUrl,
  enabled: z.boolean().optional(),
  webhook_version: z.enum(['v1', 'v2', 'v3']).optional(),
  subscribed_events: z.array(z.string().min(1)).nullable().optional(),
});
export const UpdateDestinationBody = CreateDestinationBody.partial().extend({
  rotate_secret_key: z.boolean().optional(),
});

const positiveInteger = (field: string) =>
  z
    .string()
    .regex(/^\d+$/, 'A valid integer is required.')
    .transform(Number)
    .refine((value) => value > 0 || field === 'offset', 'Ensure this value is greater than or equal to 1.');

export const ListSessionsQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean)
        : [],
    )
    .refine(
      (statuses) => statuses.every((status) => (SESSION_STATUSES as readonly string[]).includes(status)),
      'Select a valid choice.',
    ),
  session_kind: z.enum(['user', 'business', 'all']).optional(),
  vendor_data: z.string().optional(),
  workflow_id: z.string().optional(),
  country: z.string().optional(),
  search: z.string().optional(),
  date_from: isoDate.optional(),
  date_to: isoDate.optional(),
  limit: positiveInteger('limit').optional(),
  offset: positiveInteger('offset').optional(),
  page: positiveInteger('page').optional(),
  page_size: positiveInteger('page_size').optional(),
});
export type ListSessionsQuery = z.infer<typeof ListSessionsQuery>;
