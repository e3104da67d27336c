import { z } from 'zod';

/**
 * The "why is this in review" checklist of a case (docs/review-checklist.md): every warning, issue, hit,
 * mismatch and threshold breach its provider reported, in plain words, each pointing at its evidence on
 * the case page. Computed by the API from the provider's view (one hook per provider adapter).
 */

/**
 * A stable item key: lower-case words joined by dots, built only from provider codes, list positions and
 * field names, never from a value (it goes into the audit log, which holds no personal data).
 */
export const ReviewItemKey = z
  .string()
  .min(1)
  .max(160)
  .regex(/^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/, 'Not a checklist item key.');
export type ReviewItemKey = z.infer<typeof ReviewItemKey>;

export const ReviewItemKind = z.enum(['warning', 'issue', 'hit', 'mismatch', 'threshold']);
export type ReviewItemKind = z.infer<typeof ReviewItemKind>;

/** high: the provider would decline on it, or a sanction list; medium: sends to review; low: informative. */
export const ReviewItemSeverity = z.enum(['high', 'medium', 'low']);
export type ReviewItemSeverity = z.infer<typeof ReviewItemSeverity>;

export const ReviewItem = z.object({
  key: ReviewItemKey,
  kind: ReviewItemKind,
  severity: ReviewItemSeverity,
  /** Plain words for the reviewer (may quote what the provider found, so it stays out of the audit log). */
  text: z.string(),
  /** The id of the element on the case page that shows the evidence (see `evidenceAnchor`). */
  anchor: z.string(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

/** The most items one decision may tick: well above any case the providers produce. */
export const MAX_CHECKED_ITEMS = 500;

/** What a decision request says of the checklist: the keys the reviewer ticked (each once). */
export const CheckedItems = z
  .array(ReviewItemKey)
  .max(MAX_CHECKED_ITEMS)
  .refine((keys) => new Set(keys).size === keys.length, 'Each checklist item may be ticked only once.');

/** One item as it stood when the decision was requested, and whether the reviewer had ticked it. */
export const DecisionChecklistItem = ReviewItem.omit({ anchor: true }).extend({ checked: z.boolean() });
export type DecisionChecklistItem = z.infer<typeof DecisionChecklistItem>;

/** The checklist stored with a decision: every item, which ones were ticked, by whom and when. */
export const DecisionChecklist = z.object({
  items: z.array(DecisionChecklistItem),
  checked: z.number().int(),
  total: z.number().int(),
  checkedBy: z.object({ id: z.string(), name: z.string() }),
  checkedAt: z.iso.datetime(),
});
export type DecisionChecklist = z.infer<typeof DecisionChecklist>;

const part = (value: string | number) =>
  String(value)
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'x';

/** Joins key parts, each reduced to the key alphabet. */
export const reviewItemKey = (...parts: Array<string | number>): string => parts.map(part).join('.');

/**
 * Element ids of the evidence on the case page, one builder per kind of target, shared by the API (which
 * names them in each item) and the web (which puts them on the elements), so a link cannot drift.
 */
export const evidenceAnchor = {
  section: (section: string) => section,
  diditWarning: (index: number) => `evidence-didit-warning-${index}`,
  diditAmlHit: (index: number) => `evidence-didit-aml-hit-${index}`,
  diditImage: (mediaKey: string) => `evidence-image-${part(mediaKey)}`,
  ddSource: (source: number) => `evidence-dd-source-${source}`,
  kyaSdn: (index: number) => `evidence-kya-sdn-${index}`,
  kyaTransaction: (index: number) => `evidence-kya-tx-${index}`,
  idvField: (field: string) => `evidence-idv-field-${part(field)}`,
  dittoField: (name: string) => `evidence-ditto-field-${part(name)}`,
} as const;
