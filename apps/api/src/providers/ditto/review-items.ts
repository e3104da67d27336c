import { type CaseView, evidenceAnchor, type ReviewItem, reviewItemKey } from '@backoffice/contracts';
import { bySeverity, withUniqueKeys } from '../../modules/checklist/items';

type DittoView = Extract<CaseView, { type: 'ditto_submission' }>;

const ISSUE_KIND: Record<string, Pick<ReviewItem, 'kind' | 'severity' | 'anchor'>> = {
  document_status_not_ok: { kind: 'issue', severity: 'high', anchor: 'ditto-document' },
  document_error: { kind: 'issue', severity: 'high', anchor: 'ditto-document' },
  face_match_missing: { kind: 'issue', severity: 'medium', anchor: 'ditto-biometrics' },
  face_match_below_threshold: { kind: 'threshold', severity: 'high', anchor: 'ditto-biometrics' },
  liveness_missing: { kind: 'issue', severity: 'medium', anchor: 'ditto-biometrics' },
  liveness_below_threshold: { kind: 'threshold', severity: 'high', anchor: 'ditto-biometrics' },
};

/**
 * Why a Ditto submission needs a human: the issues its assessment found (scores against the minimums in
 * force, docs/providers/ditto.md) and each field whose sources disagree.
 */
export function dittoReviewItems(view: DittoView): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const issue of view.issues) {
    // Per field below, so each one links to its own row.
    if (issue.code === 'field_sources_disagree') continue;
    const shape = ISSUE_KIND[issue.code] ?? { kind: 'issue', severity: 'medium', anchor: 'ditto-document' };
    items.push({ key: reviewItemKey('ditto', issue.code), text: `${issue.label}.`, ...shape });
  }
  for (const field of view.identityFields) {
    if (!field.sourcesDisagree) continue;
    items.push({
      key: reviewItemKey('ditto', 'sources_disagree', field.name),
      kind: 'mismatch',
      severity: 'high',
      text: `${field.name}: ${field.sources.map((source) => source.label).join(' and ')} disagree.`,
      anchor: evidenceAnchor.dittoField(field.name),
    });
  }
  return bySeverity(withUniqueKeys(items));
}
