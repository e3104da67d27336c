import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDiditCase, requestAction, sqlOn } from '../../test/cases';
import { type Harness, startHarness, type TestRole } from '../../test/harness';
import { drainOutbox } from '../outbox/worker';

/*
 * Four-eyes along paths (docs/reliability.md R13): once a case has been decided, no sequence of status actions by
 * one or two people may reach the opposite outcome unless someone who was neither the requester nor an
 * author of the earlier decision approved the step that gets there.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ kryptogo: true });
});
afterAll(async () => {
  await h?.close();
});

const sql = <T>(query: string, ...params: unknown[]) => sqlOn(h)<T>(query, ...params);

type StatusAction = 'approve' | 'decline' | 'request_resubmission';
const BODIES: Record<StatusAction, Record<string, unknown>> = {
  approve: { type: 'approve', reasonCode: 'other' },
  decline: { type: 'decline', reasonCode: 'other' },
  request_resubmission: {
    type: 'request_resubmission',
    reasonCode: 'other',
    nodes: [{ nodeId: 'feature_ocr', feature: 'OCR' }],
  },
};

const diditCase = async () => (await newDiditCase(h)).id;

const act = (caseId: number, type: StatusAction, as: TestRole) => requestAction(h, caseId, BODIES[type], as);

const decide = (actionId: number, decision: 'approve' | 'reject', as: TestRole) =>
  h.call(`/api/actions/${actionId}/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ decision }),
    as,
  });

/** Lets the outbox and the provider's webhooks finish, so the next step sees the case as it ends up. */
async function settle() {
  await drainOutbox(h.api.deps);
  await h.sandbox('/_sandbox/didit/webhooks/flush', {});
}

/** Every outcome the case has been in, in order, from its audit trail. */
const outcomesOf = (caseId: number) =>
  sql<{ after: string }>('SELECT after FROM audit_log WHERE case_id = ? ORDER BY id', caseId)
    .map((row) => JSON.parse(row.after ?? 'null')?.status as string | undefined)
    .filter((status): status is 'approved' | 'rejected' => status === 'approved' || status === 'rejected')
    .filter((status, i, all) => status !== all[i - 1]);

const caseStatus = (caseId: number) =>
  sql<{ status: string }>('SELECT status FROM cases WHERE id = ?', caseId)[0]!.status;

type StepResult = 'refused' | 'awaiting_approval' | 'applied';

interface Step {
  type: StatusAction;
  as: TestRole;
}

/** Runs the steps on a fresh case; stops after a step that waits for a second person (nothing else can start). */
async function walk(steps: readonly Step[]) {
  const caseId = await diditCase();
  const results: StepResult[] = [];
  for (const step of steps) {
    const response = await act(caseId, step.type, step.as);
    if (response.status === 409) {
      expect(response.body.code).toBe('transition_not_allowed');
      results.push('refused');
      continue;
    }
    expect(response.status).toBe(202);
    await settle();
    const status = response.body.action.status as string;
    results.push(status === 'awaiting_approval' ? 'awaiting_approval' : 'applied');
    if (status === 'awaiting_approval') break;
  }
  return { caseId, results };
}

const label = (steps: readonly Step[]) => steps.map((s) => `${s.type}(${s.as})`).join(' → ');

describe('four-eyes along paths: Didit', () => {
  it('no path of up to three status actions by one or two analysts undoes a decision without a second person', async () => {
    const types: StatusAction[] = ['approve', 'decline', 'request_resubmission'];
    const people: TestRole[] = ['analyst', 'analyst2'];
    // The first actor is fixed by symmetry; every later step is by the same analyst or the other one.
    const paths: Step[][] = [];
    for (const a of types)
      for (const b of types)
        for (const c of types)
          for (const second of people)
            for (const third of people)
              paths.push([
                { type: a, as: 'analyst' },
                { type: b, as: second },
                { type: c, as: third },
              ]);
    // A path that stopped early is the same as every longer path sharing that prefix: walk it once.
    const walked = new Set<string>();
    const violations: string[] = [];
    let distinct = 0;
    const check = async (path: Step[]) => {
      const { caseId, results } = await walk(path);
      distinct++;
      const taken = path.slice(0, results.length);
      if (results.length < path.length) walked.add(label(taken));
      const outcomes = outcomesOf(caseId);
      // Once decided, every status step is either refused or waits for a second person.
      const firstDecision = results.findIndex(
        (result, i) => result === 'applied' && taken[i]!.type !== 'request_resubmission',
      );
      const appliedAfterDecision =
        firstDecision >= 0 && results.slice(firstDecision + 1).some((result) => result === 'applied');
      if (new Set(outcomes).size > 1 || appliedAfterDecision) {
        violations.push(`${label(taken)}: ${results.join(', ')}; outcomes ${outcomes.join(' → ')}`);
      }
    };
    // Four cases at a time (each path has its own case); a prefix found meanwhile still prunes later paths.
    const queue = [...paths];
    const worker = async () => {
      for (let path = queue.shift(); path; path = queue.shift()) {
        const name = label(path);
        if ([...walked].some((prefix) => name.startsWith(prefix))) continue;
        await check(path);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(distinct).toBeGreaterThan(20);
    expect(violations).toEqual([]);
  }, 180_000);

  const reversals: {
    name: string;
    steps: Step[];
    /** Who may not approve the step that waits (403), and who then may. */
    refused: TestRole[];
    approver: TestRole;
    final: 'pending' | 'approved' | 'rejected';
  }[] = [
    {
      name: 'decline → resubmit → approve by one analyst',
      steps: [
        { type: 'decline', as: 'analyst' },
        { type: 'request_resubmission', as: 'analyst' },
      ],
      refused: ['analyst'],
      approver: 'manager',
      final: 'pending',
    },
    {
      name: 'approve → resubmit → decline by one analyst',
      steps: [
        { type: 'approve', as: 'analyst' },
        { type: 'request_resubmission', as: 'analyst' },
      ],
      refused: ['analyst'],
      approver: 'manager',
      final: 'pending',
    },
    {
      name: 'a second analyst reopens the first one’s decline',
      steps: [
        { type: 'decline', as: 'analyst' },
        { type: 'request_resubmission', as: 'analyst2' },
      ],
      refused: ['analyst', 'analyst2'],
      approver: 'manager',
      final: 'pending',
    },
    {
      name: 'a manager’s approval cannot be reversed with that manager as second person',
      steps: [
        { type: 'approve', as: 'manager' },
        { type: 'decline', as: 'analyst' },
      ],
      refused: ['analyst', 'manager'],
      approver: 'admin',
      final: 'rejected',
    },
  ];

  for (const path of reversals) {
    it(`${path.name}: waits for someone not involved, and only they can let it through`, async () => {
      const { caseId, results } = await walk(path.steps);
      expect(results).toEqual([...path.steps.slice(0, -1).map(() => 'applied'), 'awaiting_approval']);
      const [waiting] = sql<{ id: number }>(
        "SELECT id FROM case_actions WHERE case_id = ? AND status = 'awaiting_approval'",
        caseId,
      );
      for (const role of path.refused) {
        const refused = await decide(waiting!.id, 'approve', role);
        expect(refused.status).toBe(403);
      }
      const statusBefore = caseStatus(caseId);
      expect(statusBefore).not.toBe(path.final);
      expect((await decide(waiting!.id, 'approve', path.approver)).status).toBe(200);
      await settle();
      expect(caseStatus(caseId)).toBe(path.final);
      const approvals = sql<{ actor_id: string; actor_role: string }>(
        "SELECT actor_id, actor_role FROM audit_log WHERE case_id = ? AND action = 'case.action_approved'",
        caseId,
      );
      expect(approvals).toHaveLength(1);
      expect(approvals[0]!.actor_role).toBe(path.approver === 'admin' ? 'admin' : 'manager');
    });
  }

  it('after an approved reopening, deciding the other way still needs someone not involved in the first decision', async () => {
    // decline(analyst) → resubmit(analyst2, approved by manager) → approve(analyst2): waits again.
    const { caseId } = await walk([
      { type: 'decline', as: 'analyst' },
      { type: 'request_resubmission', as: 'analyst2' },
    ]);
    const [reopen] = sql<{ id: number }>(
      "SELECT id FROM case_actions WHERE case_id = ? AND status = 'awaiting_approval'",
      caseId,
    );
    expect((await decide(reopen!.id, 'approve', 'manager')).status).toBe(200);
    await settle();
    const approve = await act(caseId, 'approve', 'analyst2');
    expect(approve.status).toBe(202);
    expect(approve.body.action.status).toBe('awaiting_approval');
    expect((await decide(approve.body.action.id, 'approve', 'analyst2')).status).toBe(403);
    expect((await decide(approve.body.action.id, 'approve', 'manager')).status).toBe(200);
    await settle();
    expect(caseStatus(caseId)).toBe('approved');
    expect(outcomesOf(caseId)).toEqual(['rejected', 'approved']);
  });
});

describe('four-eyes along paths: KryptoGO', () => {
  it('a decided DD task cannot be taken the other way by anyone', async () => {
    const kgo = h.kryptogo!;
    const created = await kgo.call('/_sandbox/kryptogo/scenarios', {
      type: 'dd',
      scenario: 'pep',
      count: 1,
      callback_url: kgo.callbackUrl,
    });
    const taskId = created.body.ids[0] as number;
    const [row] = sql<{ id: number }>(
      "SELECT id FROM cases WHERE provider = 'kryptogo' AND external_id = ?",
      String(taskId),
    );
    const caseId = row!.id;
    const approved = await act(caseId, 'approve', 'analyst');
    expect(approved.status).toBe(202);
    await drainOutbox(h.api.deps);
    expect(caseStatus(caseId)).toBe('approved');
    for (const as of ['analyst', 'analyst2', 'manager'] as const) {
      expect((await act(caseId, 'decline', as)).status).toBe(409);
      expect((await act(caseId, 'request_resubmission', as)).status).toBe(409);
    }
    expect(outcomesOf(caseId).every((outcome) => outcome === 'approved')).toBe(true);
  });
});
