import type { CaseActionRequest, DiditSessionView } from '@backoffice/contracts';

type ResubmitNode = Extract<CaseActionRequest, { type: 'request_resubmission' }>['nodes'][number];

export interface ResubmitOption extends ResubmitNode {
  label: string;
  /** The node's status in this session, e.g. Declined. */
  status: string;
  /** Backend steps re-run without the applicant (AML, database validation, IP analysis). */
  automatic: boolean;
}

const AUTOMATIC_FEATURES = new Set(['AML', 'DATABASE_VALIDATION', 'IP_ANALYSIS']);

/**
 * The nodes this session actually ran, as the API lists them (failed and declined first): a workflow may
 * repeat a feature under several node ids or rename nodes, so no fixed list of Didit's defaults will do.
 */
export function resubmitOptions(view: DiditSessionView): ResubmitOption[] {
  return view.nodes.map((node) => ({
    nodeId: node.nodeId,
    feature: node.feature,
    label: node.label,
    status: node.status,
    automatic: AUTOMATIC_FEATURES.has(node.feature.toUpperCase()),
  }));
}
