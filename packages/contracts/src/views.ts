import { z } from 'zod';

/** Query-string keys a saved view may hold: the queue's filters, sort and visible columns (never a page cursor). */
export const SAVED_VIEW_KEYS = [
  'status',
  'provider',
  'kind',
  'riskBand',
  'from',
  'to',
  'q',
  'flagged',
  'assignee',
  'overdue',
  'tag',
  'sort',
  'order',
  'hide',
] as const;

export const SavedView = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The queue URL's query string for this view (`status=needs_review&tag=3&hide=country`). */
  search: z.string(),
  shared: z.boolean(),
  owner: z.object({ id: z.string(), name: z.string() }),
  /** The caller saved it (and may delete it). */
  mine: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type SavedView = z.infer<typeof SavedView>;

export const CreateSavedViewRequest = z.object({
  name: z.string().trim().min(1, 'Name the view.').max(60, 'Keep view names to 60 characters.'),
  search: z.string().max(1000),
  /** Show it to the whole team (managers only). */
  shared: z.boolean().default(false),
});
export type CreateSavedViewRequest = z.infer<typeof CreateSavedViewRequest>;
