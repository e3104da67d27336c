import type { WorkflowSettings } from '@backoffice/contracts';
import { describe, expect, it } from 'vitest';
import { thresholdProposal, workflowChanges } from './WorkflowsPage';

const workflow: WorkflowSettings = {
  workflowId: 'wf-1',
  label: 'KYC',
  isDefault: true,
  faceMatchDecline: 50,
  faceMatchReview: 70,
  livenessDecline: 50,
  amlDecline: 100,
  amlReview: 80,
  maxRetryAttempts: 3,
  features: { liveness: true, faceMatch: true, aml: true, ipAnalysis: false },
};
const draft = (change: Partial<WorkflowSettings>) => ({
  ...workflow,
  ...change,
  features: { ...workflow.features },
});

describe('workflow edits', () => {
  it('replays a changed AML review threshold in the what-if', () => {
    expect(thresholdProposal(workflow, draft({ amlReview: 60 }))).toEqual({ amlReview: 60 });
  });

  it('sends the AML pair together so review ≤ decline is checked on the values in force', () => {
    const { request, lines } = workflowChanges(workflow, draft({ amlReview: 60 }));
    expect(request).toEqual({ amlReview: 60, amlDecline: 100 });
    expect(lines).toEqual(['AML: review at or above: 80 → 60']);
  });

  it('asks for a value in a cleared field that had one, not in one that was never set', () => {
    const unset = { ...workflow, maxRetryAttempts: null };
    const { missing, lines } = workflowChanges(unset, {
      ...draft({}),
      faceMatchReview: '',
      maxRetryAttempts: '',
    });
    expect(missing).toEqual({ faceMatchReview: 'Enter a value.' });
    expect(lines).toEqual([]);
  });
});
