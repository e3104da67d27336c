import { type CaseView, evidenceAnchor, type ReviewItem, reviewItemKey } from '@backoffice/contracts';
import { bySeverity, codeInWords, withUniqueKeys } from '../../modules/checklist/items';

type DiditView = Extract<CaseView, { type: 'didit_session' }>;

const WARNING_SEVERITY: Record<string, ReviewItem['severity']> = {
  error: 'high',
  warning: 'medium',
  information: 'low',
};

const APPROVED = 'approved';

const imageOr = (view: DiditView, key: string, section: string) =>
  view.media.some((media) => media.key === key)
    ? evidenceAnchor.diditImage(key)
    : evidenceAnchor.section(section);

/**
 * Why a Didit session needs a human (docs/review-checklist.md): its warnings, AML hits, and each score
 * against the threshold of the workflow it ran (docs/providers/didit.md §1.6).
 */
export function diditReviewItems(view: DiditView): ReviewItem[] {
  const items: ReviewItem[] = [];
  view.warnings.forEach((warning, index) => {
    const where = warning.feature ? ` (${codeInWords(warning.feature)})` : '';
    items.push({
      key: reviewItemKey('didit', 'warning', warning.nodeId ?? warning.feature, warning.risk),
      kind: 'warning',
      severity: WARNING_SEVERITY[warning.logType.toLowerCase()] ?? 'medium',
      text: `${warning.shortDescription || codeInWords(warning.risk)}${where}`,
      anchor: evidenceAnchor.diditWarning(index),
    });
  });

  const thresholds = view.thresholds;
  const face = view.faceMatch?.score ?? null;
  if (face !== null && thresholds) {
    const faceAnchor = imageOr(view, 'face_match_target_image', 'biometrics');
    if (thresholds.faceMatchDecline !== null && face < thresholds.faceMatchDecline) {
      items.push({
        key: 'didit.threshold.face_match_decline',
        kind: 'threshold',
        severity: 'high',
        text: `Face match ${face} is below the workflow's decline threshold of ${thresholds.faceMatchDecline}.`,
        anchor: faceAnchor,
      });
    } else if (thresholds.faceMatchReview !== null && face < thresholds.faceMatchReview) {
      items.push({
        key: 'didit.threshold.face_match_review',
        kind: 'threshold',
        severity: 'medium',
        text: `Face match ${face} is below the workflow's review threshold of ${thresholds.faceMatchReview}.`,
        anchor: faceAnchor,
      });
    }
  }
  const liveness = view.liveness?.score ?? null;
  if (liveness !== null && thresholds?.livenessDecline != null && liveness < thresholds.livenessDecline) {
    items.push({
      key: 'didit.threshold.liveness_decline',
      kind: 'threshold',
      severity: 'high',
      text: `Liveness ${liveness} is below the workflow's decline threshold of ${thresholds.livenessDecline}.`,
      anchor: imageOr(view, 'liveness_reference_image', 'biometrics'),
    });
  }
  const aml = view.aml;
  if (aml?.score != null && thresholds?.amlDecline != null && aml.score >= thresholds.amlDecline) {
    items.push({
      key: 'didit.threshold.aml_decline',
      kind: 'threshold',
      severity: 'high',
      text: `AML score ${aml.score} is at or above the workflow's decline threshold of ${thresholds.amlDecline}.`,
      anchor: evidenceAnchor.section('aml'),
    });
  }
  aml?.hits.forEach((hit, index) => {
    const lists = hit.datasets.length > 0 ? ` on ${hit.datasets.join(', ')}` : '';
    const match = hit.matchScore === null ? '' : ` (match ${hit.matchScore} of 100)`;
    items.push({
      key: reviewItemKey('didit', 'aml_hit', hit.id || index),
      kind: 'hit',
      severity: hit.datasets.some((dataset) => /sanction/i.test(dataset)) ? 'high' : 'medium',
      text: `AML hit${lists}: ${hit.caption}${match}.`,
      anchor: evidenceAnchor.diditAmlHit(index),
    });
  });
  // A check that did not pass and raised no warning of its own still needs a look.
  const checks: Array<[string, string | undefined, string]> = [
    ['id_document', view.idDocument?.status, 'document'],
    ['liveness', view.liveness?.status, 'biometrics'],
    ['face_match', view.faceMatch?.status, 'biometrics'],
    ['aml', view.aml?.status, 'aml'],
    ['ip_analysis', view.ipAnalysis?.status, 'ip-analysis'],
  ];
  for (const [check, status, section] of checks) {
    if (!status || status.toLowerCase() === APPROVED) continue;
    if (items.some((item) => item.anchor === section || item.key.includes(check))) continue;
    items.push({
      key: reviewItemKey('didit', 'status', check),
      kind: 'issue',
      severity: status.toLowerCase() === 'declined' ? 'high' : 'medium',
      text: `${codeInWords(check)} check is ${status}.`,
      anchor: evidenceAnchor.section(section),
    });
  }
  return bySeverity(withUniqueKeys(items));
}
