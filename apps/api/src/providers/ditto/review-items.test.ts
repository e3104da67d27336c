import { dittoCaseView } from '@backoffice/providers/ditto';
import { describe, expect, it } from 'vitest';
import { buildKycPayload } from '../../../../sandbox/src/ditto/scenarios';
import { dittoReviewItems } from './review-items';

const viewOf = (scenario: Parameters<typeof buildKycPayload>[0]) => {
  const view = dittoCaseView(JSON.stringify(buildKycPayload(scenario)));
  if (!view) throw new Error('the sandbox payload did not map to a view');
  return view;
};

describe('Ditto review checklist (sandbox submissions)', () => {
  it('names a face match under the minimum score as a threshold breach linked to the biometrics', () => {
    const items = dittoReviewItems(viewOf('face_mismatch'));
    expect(items).toContainEqual({
      key: 'ditto.face_match_below_threshold',
      kind: 'threshold',
      severity: 'high',
      text: expect.stringMatching(/^Face match .* is below .*%\.$/),
      anchor: 'ditto-biometrics',
    });
  });

  it('names a liveness score under the minimum', () => {
    const items = dittoReviewItems(viewOf('low_liveness'));
    expect(items.map((item) => item.key)).toContain('ditto.liveness_below_threshold');
    expect(items.find((item) => item.key === 'ditto.liveness_below_threshold')?.kind).toBe('threshold');
  });

  it('gives each field whose sources disagree its own item, linked to its row', () => {
    const items = dittoReviewItems(viewOf('mrz_visual_mismatch'));
    const mismatches = items.filter((item) => item.kind === 'mismatch');
    expect(mismatches.length).toBeGreaterThan(0);
    for (const item of mismatches) expect(item.anchor).toMatch(/^evidence-ditto-field-/);
    expect(items.some((item) => item.key === 'ditto.field_sources_disagree')).toBe(false);
  });

  it('has nothing to check on a good document', () => {
    expect(dittoReviewItems(viewOf('good_document'))).toEqual([]);
  });
});
