import type { ReviewItem } from '@backoffice/contracts';
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { theme } from '../../app/theme';
import { caseDetail } from '../../test/fixtures';
import { ChecklistDecisionNotice, checkedItemsFor } from './ChecklistDecisionNotice';
import { ReviewChecklist } from './ReviewChecklist';

const ITEMS: ReviewItem[] = [
  {
    key: 'didit.threshold.face_match_review',
    kind: 'threshold',
    severity: 'medium',
    text: "Face match 62 is below the workflow's review threshold of 70.",
    anchor: 'biometrics',
  },
  {
    key: 'didit.aml_hit.q1',
    kind: 'hit',
    severity: 'high',
    text: 'AML hit on PEP: Sample Person.',
    anchor: 'evidence-didit-aml-hit-0',
  },
];

function renderWithTarget(ui: React.ReactNode) {
  return render(
    <MantineProvider theme={theme} env="test">
      {ui}
      <section id="evidence-didit-aml-hit-0">the hit row</section>
    </MantineProvider>,
  );
}

beforeEach(() => sessionStorage.clear());
afterEach(() => sessionStorage.clear());

describe('ReviewChecklist', () => {
  it('keeps ticks per case in the tab, counts them, and the dialog sends them with its unticked warning', () => {
    const detail = caseDetail({ reviewItems: ITEMS });
    renderWithTarget(
      <>
        <ReviewChecklist detail={detail} />
        <ChecklistDecisionNotice detail={detail} type="approve" />
      </>,
    );
    expect(screen.getByText('0 of 2 checked')).toBeTruthy();
    expect(screen.getByText('2 of 2 checklist items are not ticked')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: `Checked: ${ITEMS[1]!.text}` }));
    expect(screen.getByText('1 of 2 checked')).toBeTruthy();
    expect(screen.getByText('1 of 2 checklist items are not ticked')).toBeTruthy();
    expect(checkedItemsFor(detail, 'approve')).toEqual({ checkedItems: ['didit.aml_hit.q1'] });
    // Comments and metadata are not decisions: they carry no checklist.
    expect(checkedItemsFor(detail, 'provider_comment')).toEqual({});
    expect(JSON.parse(sessionStorage.getItem(`review-checklist:${detail.id}`) ?? '[]')).toEqual([
      'didit.aml_hit.q1',
    ]);
  });

  it('follows an evidence link to its element, marks it and moves focus there', () => {
    renderWithTarget(<ReviewChecklist detail={caseDetail({ reviewItems: ITEMS })} />);
    Element.prototype.scrollIntoView ??= () => {};
    fireEvent.click(screen.getByRole('link', { name: `Show evidence: ${ITEMS[1]!.text}` }));
    const target = document.getElementById('evidence-didit-aml-hit-0')!;
    expect(target.getAttribute('data-evidence-highlight')).toBe('true');
    expect(document.activeElement).toBe(target);
  });

  it('says when the provider reported nothing to check', () => {
    renderWithTarget(<ReviewChecklist detail={caseDetail({ reviewItems: [] })} />);
    expect(screen.getByText(/reported no warning, hit, mismatch or threshold breach/)).toBeTruthy();
  });
});

describe('ReviewChecklist on a case no decision can be taken on', () => {
  it('lists the reasons without checkboxes or a tick count, and says why', () => {
    const detail = caseDetail({
      status: 'approved',
      reviewItems: ITEMS,
      allowedActions: ['provider_comment'],
    });
    renderWithTarget(<ReviewChecklist detail={detail} />);
    expect(screen.getByText(ITEMS[0]!.text)).toBeTruthy();
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.queryByText(/of 2 checked/)).toBeNull();
    expect(screen.getByText(/No decision can be taken on this case now/)).toBeTruthy();
  });
});
