import {
  type CaseView,
  evidenceAnchor,
  type ReviewItem,
  RISK_BAND_LABELS,
  type RiskBand,
  reviewItemKey,
} from '@backoffice/contracts';
import { bySeverity, codeInWords, withUniqueKeys } from '../../modules/checklist/items';

type View<T extends CaseView['type']> = Extract<CaseView, { type: T }>;

/** KryptoGO's search sources (docs/providers/kryptogo.md §2.2): 4 is a sanction list, 1 Dow Jones (PEP). */
const SANCTION_SOURCE = 4;
const SOURCE_SEVERITY: Record<number, ReviewItem['severity']> = { 4: 'high', 1: 'high', 0: 'medium' };

/** Bands at which KryptoGO's own risk score is a reason to look (it applies no threshold of ours). */
const RISKY_BANDS: ReadonlySet<RiskBand> = new Set(['medium', 'high', 'very_high']);

function riskItem(prefix: string, score: number | null, band: RiskBand | null, anchor: string) {
  if (score === null || band === null || !RISKY_BANDS.has(band)) return [];
  return [
    {
      key: `${prefix}.risk_score`,
      kind: 'threshold',
      severity: band === 'medium' ? 'medium' : 'high',
      text: `KryptoGO rates the risk ${score} of 100 (${RISK_BAND_LABELS[band].toLowerCase()}).`,
      anchor,
    } satisfies ReviewItem,
  ];
}

/** A DD task: every hit of every source, the sanction match and the potential risk. */
export function kryptogoDdReviewItems(view: View<'kryptogo_dd'>): ReviewItem[] {
  const items: ReviewItem[] = [];
  if (view.sanctionMatched) {
    items.push({
      key: 'kryptogo.dd.sanction_matched',
      kind: 'hit',
      severity: 'high',
      text: 'KryptoGO matched the subject on a sanction list.',
      anchor: view.sources.some((source) => source.source === SANCTION_SOURCE)
        ? evidenceAnchor.ddSource(SANCTION_SOURCE)
        : evidenceAnchor.section('dd-sources'),
    });
  }
  for (const source of view.sources) {
    const severity = SOURCE_SEVERITY[source.source] ?? 'low';
    const anchor = evidenceAnchor.ddSource(source.source);
    if (source.items.length === 0 && source.hits > 0) {
      items.push({
        key: reviewItemKey('kryptogo', 'dd', 'source', source.source),
        kind: 'hit',
        severity,
        text: `${source.hits} ${source.hits === 1 ? 'hit' : 'hits'} in ${source.name}.`,
        anchor,
      });
    }
    source.items.forEach((hit, index) => {
      items.push({
        key: reviewItemKey('kryptogo', 'dd', 'source', source.source, index),
        kind: 'hit',
        severity,
        text: `${codeInWords(source.name)}: ${hit.title ?? hit.snippet ?? 'a record matched'}.`,
        anchor,
      });
    });
    if (!source.searched) {
      items.push({
        key: reviewItemKey('kryptogo', 'dd', 'source', source.source, 'unsearched'),
        kind: 'issue',
        severity: 'medium',
        text: `${codeInWords(source.name)} has not been searched yet.`,
        anchor,
      });
    }
  }
  items.push(
    ...riskItem('kryptogo.dd', view.potentialRisk, view.riskBand, evidenceAnchor.section('dd-risk')),
  );
  return bySeverity(withUniqueKeys(items));
}

/** A KYA task: each SDN match, each risky transaction and the address's risk score. */
export function kryptogoKyaReviewItems(view: View<'kryptogo_kya'>): ReviewItem[] {
  const items: ReviewItem[] = view.sdnMatches.map((match, index) => ({
    key: reviewItemKey('kryptogo', 'kya', 'sdn', index),
    kind: 'hit',
    severity: 'high',
    text: `The address is on ${match.list ?? 'a sanction list'}${match.name ? ` as ${match.name}` : ''}.`,
    anchor: evidenceAnchor.kyaSdn(index),
  }));
  view.transactions.forEach((transaction, index) => {
    const risk = transaction.risk?.toLowerCase() ?? '';
    if (risk === '' || risk === 'low' || risk === 'none') return;
    items.push({
      key: reviewItemKey('kryptogo', 'kya', 'tx', index),
      kind: 'hit',
      severity: /high|sever|sanction/.test(risk) ? 'high' : 'medium',
      text: `A transaction is rated ${transaction.risk} risk.`,
      anchor: evidenceAnchor.kyaTransaction(index),
    });
  });
  items.push(
    ...riskItem('kryptogo.kya', view.riskScore, view.riskBand, evidenceAnchor.section('kya-address')),
  );
  return bySeverity(withUniqueKeys(items));
}

const IDV_FIELD_LABELS: Record<View<'kryptogo_idv'>['fields'][number]['field'], string> = {
  name: 'Name',
  birthday: 'Date of birth',
  id_number: 'ID number',
  country: 'Country',
  issuing_date: 'Issue date',
  expiry_date: 'Expiry date',
  gender: 'Gender',
};

/** An IDV task: each expected-vs-extracted mismatch and each review or reject reason. */
export function kryptogoIdvReviewItems(view: View<'kryptogo_idv'>): ReviewItem[] {
  const items: ReviewItem[] = view.fields
    .filter((field) => field.mismatch)
    .map((field) => ({
      key: reviewItemKey('kryptogo', 'idv', 'mismatch', field.field),
      kind: 'mismatch',
      severity: 'high',
      // The values stay on the page: the words name the field only.
      text: `${IDV_FIELD_LABELS[field.field]} on the document differs from the expected value.`,
      anchor: evidenceAnchor.idvField(field.field),
    }));
  const reasonLists = [
    { reasons: view.rejectReasons, kind: 'reject', severity: 'high' },
    { reasons: view.reviewReasons, kind: 'review', severity: 'medium' },
  ] as const;
  for (const { reasons, kind, severity } of reasonLists) {
    for (const reason of reasons) {
      items.push({
        key: reviewItemKey('kryptogo', 'idv', kind, reason),
        kind: 'issue',
        severity,
        text: `KryptoGO gives a ${kind} reason: ${codeInWords(reason)}.`,
        anchor: evidenceAnchor.section('idv-result'),
      });
    }
  }
  return bySeverity(withUniqueKeys(items));
}

export function kryptogoReviewItems(view: CaseView): ReviewItem[] {
  switch (view.type) {
    case 'kryptogo_dd':
      return kryptogoDdReviewItems(view);
    case 'kryptogo_kya':
      return kryptogoKyaReviewItems(view);
    case 'kryptogo_idv':
      return kryptogoIdvReviewItems(view);
    default:
      return [];
  }
}
