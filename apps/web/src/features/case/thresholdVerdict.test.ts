import { describe, expect, it } from 'vitest';
import { thresholdVerdict } from './thresholdVerdict';

const faceMatch = (score: number | null, decline: number | null = 50, review: number | null = 70) =>
  thresholdVerdict({ score, decline, review, direction: 'higher_is_better' });

describe('thresholdVerdict — similarity scores (face match, liveness)', () => {
  it('passes above the review threshold', () => {
    expect(faceMatch(72)).toEqual({
      outcome: 'pass',
      text: '72 — above review threshold 70',
      thresholdsKnown: true,
    });
  });

  it('sends to review between decline and review thresholds', () => {
    expect(faceMatch(62)).toMatchObject({ outcome: 'review', text: '62 — below review threshold 70' });
  });

  it('declines below the decline threshold', () => {
    expect(faceMatch(31.26)).toMatchObject({ outcome: 'decline', text: '31.3 — below decline threshold 50' });
  });

  it('treats a score exactly on a threshold as not below it (Didit: "below → review")', () => {
    expect(faceMatch(70)).toMatchObject({ outcome: 'pass', text: '70 — at review threshold 70' });
    expect(faceMatch(50)).toMatchObject({ outcome: 'review' });
  });

  it('works with only a decline threshold (liveness)', () => {
    expect(faceMatch(88, 50, null)).toMatchObject({
      outcome: 'pass',
      text: '88 — above decline threshold 50',
    });
    expect(faceMatch(20, 50, null)).toMatchObject({ outcome: 'decline' });
  });

  it('says so when the workflow thresholds are unknown instead of guessing a verdict', () => {
    expect(faceMatch(72, null, null)).toEqual({
      outcome: 'pass',
      text: '72 — workflow thresholds unavailable',
      thresholdsKnown: false,
    });
  });

  it('reports a missing score', () => {
    expect(faceMatch(null)).toMatchObject({ outcome: 'no_score', text: 'No score reported' });
  });
});

describe('thresholdVerdict — risk scores (AML)', () => {
  const aml = (score: number) =>
    thresholdVerdict({ score, decline: 80, review: null, direction: 'higher_is_worse' });

  it('declines above the decline threshold', () => {
    expect(aml(85)).toMatchObject({ outcome: 'decline', text: '85 — above decline threshold 80' });
  });

  it('passes at or below it', () => {
    expect(aml(80)).toMatchObject({ outcome: 'pass', text: '80 — at decline threshold 80' });
    expect(aml(12)).toMatchObject({ outcome: 'pass', text: '12 — below decline threshold 80' });
  });
});
