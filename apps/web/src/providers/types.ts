import type { CaseActionType, CaseDetail, CaseKind, CaseView } from '@backoffice/contracts';
import type { ComponentType } from 'react';
import type { ResubmitOption } from './didit/resubmitNodes';

type ViewOf<T extends CaseView['type']> = Extract<CaseView, { type: T }>;

/** The panel of each view type a provider produces, typed by the view it receives. */
export type ViewPanels = {
  [T in CaseView['type']]?: ComponentType<{ detail: CaseDetail; view: ViewOf<T> }>;
};

/**
 * What the case page, the action bar and the action dialog need to know about one provider. The
 * registry (`providers/registry.ts`) is the only place the web picks a provider's behaviour by name;
 * everything else asks it (docs/architecture.md, "Adding a provider").
 */
export interface WebProvider {
  /** What the case header calls the provider's id of the case. */
  referenceLabel: string;
  /** Approve and decline are recorded here only: the provider has no decision API for this kind. */
  decidedLocally: (kind: CaseKind) => boolean;
  /** What the provider will be told, in its own words, so the reviewer knows the exact effect. */
  verbs: Partial<Record<CaseActionType, string>>;
  /** The provider renders a PDF report of the case that the API passes through. */
  pdfReport: boolean;
  /** The main column of the case page; a view type without a panel shows its raw facts. */
  viewPanels: ViewPanels;
  /** Sections for the side column, under the actions; `null` when the provider adds none. */
  SideSections?: ComponentType<{ detail: CaseDetail; view: CaseView }>;
  /** The steps a reviewer may ask the applicant to redo (request resubmission). */
  resubmitOptions?: (view: CaseView) => ResubmitOption[];
}
