import type { KryptogoDdView, KryptogoIdvView } from '@backoffice/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type KryptogoHarness, startHarness } from '../../test/harness';
import { kryptogoCaseViewForRow } from './view';

let h: Harness;
let kgo: KryptogoHarness;
beforeAll(async () => {
  h = await startHarness({ kryptogo: true });
  kgo = h.kryptogo!;
});
afterAll(async () => {
  await h?.close();
});

const sqlite = () => h.api.deps.db.sqlite;
const caseIdOf = (kind: string, externalId: string): number => {
  const row = sqlite()
    .prepare("SELECT id FROM cases WHERE provider = 'kryptogo' AND kind = ? AND external_id = ?")
    .get(kind, externalId) as { id: number } | undefined;
  if (!row) throw new Error(`no ${kind} case ${externalId}`);
  return row.id;
};

async function scenario(body: Record<string, unknown>): Promise<number[]> {
  const created = await kgo.call('/_sandbox/kryptogo/scenarios', { callback_url: kgo.callbackUrl, ...body });
  expect(created.status).toBe(200);
  return created.body.ids;
}
const advance = (seconds: number) => kgo.call('/_sandbox/kryptogo/clock/advance', { seconds });

async function viewOf<T>(caseId: number, as: 'analyst' | 'manager' | 'admin' = 'analyst'): Promise<T> {
  const detail = await h.call(`/api/cases/${caseId}`, { as });
  expect(detail.status).toBe(200);
  return detail.body.view as T;
}

describe('KryptoGO DD task history of the same customer reference', () => {
  it('lists a customer’s three DD tasks in order, with date, risk, both outcomes and a link to each case', async () => {
    // Three screenings of one customer a day apart, one of a different customer in between.
    const [firstTask] = await scenario({ type: 'dd', scenario: 'pep', customer_reference: 'cust-history-3' });
    await advance(86_400);
    const [secondTask] = await scenario({
      type: 'dd',
      scenario: 'clean',
      customer_reference: 'cust-history-3',
    });
    await scenario({ type: 'dd', scenario: 'news', customer_reference: 'cust-someone-else' });
    await advance(86_400);
    const [thirdTask] = await scenario({
      type: 'dd',
      scenario: 'news',
      customer_reference: 'cust-history-3',
    });
    // KryptoGO's console accepts the first one; the callback brings the decision to our case.
    const accepted = await kgo.call(`/task/${firstTask}/accepted`, { comment: 'cleared', accepted: true });
    expect(accepted.status).toBe(200);

    const [first, second, third] = [firstTask, secondTask, thirdTask].map((task) =>
      caseIdOf('dd_task', String(task)),
    );
    const middle = await viewOf<KryptogoDdView>(second!);
    expect(middle.customerHistory.total).toBe(2);
    expect(middle.customerHistory.items).toEqual([
      expect.objectContaining({
        caseId: third,
        taskId: thirdTask,
        relation: 'later',
        status: 'needs_review',
        providerStatus: 'awaiting review',
        decidedAt: null,
      }),
      expect.objectContaining({
        caseId: first,
        taskId: firstTask,
        relation: 'earlier',
        riskScore: 80,
        riskBand: 'high',
        status: 'approved',
        providerStatus: 'accepted',
        decidedAt: expect.any(String),
      }),
    ]);
    const [later, earlier] = middle.customerHistory.items;
    expect(Date.parse(later!.screenedAt) - Date.parse(earlier!.screenedAt)).toBe(2 * 86_400_000);

    // From the first case both others are later, newest first; from the last both are earlier.
    const oldest = await viewOf<KryptogoDdView>(first!);
    expect(oldest.customerHistory.items.map((item) => [item.caseId, item.relation])).toEqual([
      [third, 'later'],
      [second, 'later'],
    ]);
    const newest = await viewOf<KryptogoDdView>(third!);
    expect(newest.customerHistory.items.map((item) => [item.caseId, item.relation])).toEqual([
      [second, 'earlier'],
      [first, 'earlier'],
    ]);
  });

  it('shows no history for a customer with a single DD task', async () => {
    const [task] = await scenario({ type: 'dd', scenario: 'clean', customer_reference: 'cust-alone' });
    const view = await viewOf<KryptogoDdView>(caseIdOf('dd_task', String(task)));
    expect(view.customerHistory).toEqual({ items: [], total: 0, limit: 50 });
  });

  it('is read by every role that can open the case, and by no one signed out', async () => {
    const [a] = await scenario({ type: 'dd', scenario: 'clean', customer_reference: 'cust-roles' });
    const [b] = await scenario({ type: 'dd', scenario: 'clean', customer_reference: 'cust-roles' });
    const caseId = caseIdOf('dd_task', String(b));
    for (const role of ['analyst', 'manager', 'admin'] as const) {
      const view = await viewOf<KryptogoDdView>(caseId, role);
      expect(view.customerHistory.items.map((item) => item.taskId)).toEqual([a]);
    }
    expect((await h.call(`/api/cases/${caseId}`, { as: null })).status).toBe(401);
  });
});

function kryptogoView(caseId: number): KryptogoDdView {
  const row = h.api.deps.db.sqlite.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as {
    kind: string;
    payload: string;
    id: number;
    subject_ref: string;
    created_at: number;
  };
  // The adapter's own entry point, as the case detail calls it.
  return kryptogoCaseViewForRow(h.api.deps.db, {
    kind: row.kind,
    payload: row.payload,
    id: row.id,
    subjectRef: row.subject_ref,
    createdAt: row.created_at,
  }) as KryptogoDdView;
}

describe('KryptoGO IDV ↔ DD links', () => {
  it('links an IDV to the DD tasks it created and each DD task back to its IDV, including one created later', async () => {
    const [idvTask] = await scenario({
      type: 'idv',
      scenario: 'accept',
      auto_create_dd_task: true,
      customer_reference: 'cust-idv-link',
    });
    await advance(1);
    const idvCase = caseIdOf('idv_task', `idv-${idvTask}`);
    const idv = await viewOf<KryptogoIdvView>(idvCase);
    const autoTask = idv.linkedDdTasks[0]!.taskId;
    const autoCase = caseIdOf('dd_task', String(autoTask));
    expect(idv.linkedDdTasks).toEqual([expect.objectContaining({ taskId: autoTask, caseId: autoCase })]);

    const dd = await viewOf<KryptogoDdView>(autoCase);
    expect(dd).toMatchObject({
      fromIdvTaskId: idvTask,
      fromIdvCaseId: idvCase,
      customerReference: 'cust-idv-link',
    });

    // A DD task started from the IDV afterwards (D3 with from_idv_id): KryptoGO sends no IDV callback for it,
    // so the IDV payload we hold does not list it; the task's own from_idv_id links it all the same.
    const later = await kgo.call('/task', [
      { search_setting_id: 1, target: { name: 'Sandbox Holder' }, from_idv_id: idvTask },
    ]);
    expect(later.status).toBe(200);
    const laterTask = later.body[0].task_id as number;
    await advance(600);
    const laterCase = caseIdOf('dd_task', String(laterTask));
    const storedIdv = JSON.parse(
      (sqlite().prepare('SELECT payload FROM cases WHERE id = ?').get(idvCase) as { payload: string })
        .payload,
    );
    expect(storedIdv.dd_tasks.map((task: { task_id: number }) => task.task_id)).toEqual([autoTask]);
    const relinked = await viewOf<KryptogoIdvView>(idvCase);
    expect(relinked.linkedDdTasks.map((task) => [task.taskId, task.caseId])).toEqual([
      [autoTask, autoCase],
      [laterTask, laterCase],
    ]);
    expect(await viewOf<KryptogoDdView>(laterCase)).toMatchObject({
      fromIdvTaskId: idvTask,
      fromIdvCaseId: idvCase,
    });
    // Both DD tasks carry the IDV's customer reference, so each lists the other in its history.
    expect(
      (await viewOf<KryptogoDdView>(laterCase)).customerHistory.items.map((item) => item.caseId),
    ).toEqual([autoCase]);
  });

  it('links nothing for a DD task not created by an IDV, and shows an IDV we do not hold as a task id only', async () => {
    const [plain] = await scenario({ type: 'dd', scenario: 'clean' });
    expect(await viewOf<KryptogoDdView>(caseIdOf('dd_task', String(plain)))).toMatchObject({
      fromIdvTaskId: null,
      fromIdvCaseId: null,
    });
    // An IDV created without our callback URL: its DD task reaches us, the IDV itself does not.
    const [idvTask] = await kgo
      .call('/_sandbox/kryptogo/scenarios', { type: 'idv', scenario: 'accept', auto_create_dd_task: true })
      .then((answer) => answer.body.ids as number[]);
    const detail = await kgo.call(`/idv/${idvTask}`);
    const ddTask = detail.body.created_search_task_id as number;
    const delivered = await h.call('/webhooks/kryptogo', {
      method: 'POST',
      as: null,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ task_id: ddTask, progress: 100 }),
    });
    expect(delivered.status).toBe(200);
    expect(await viewOf<KryptogoDdView>(caseIdOf('dd_task', String(ddTask)))).toMatchObject({
      fromIdvTaskId: idvTask,
      fromIdvCaseId: null,
    });
  });
});

// Last: the bulk insert holds the event loop for seconds, which lets the server drop idle keep-alive sockets.
describe('KryptoGO customer history among many cases', () => {
  it('reads an index range, not the whole cases table, among many cases', () => {
    const db = sqlite();
    // 3,000 other cases, 30 customers of 100 screenings each (plus other providers' rows). The plans,
    // not the row count, prove the index use, so a small table keeps this test quick on a loaded machine.
    const insert = db.prepare(
      `INSERT INTO cases (provider, kind, external_id, subject_ref, status, provider_status, created_at, updated_at, payload)
       VALUES (?, ?, ?, ?, 'needs_review', 'awaiting review', ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 3_000; i += 1) {
        const provider = i % 3 === 0 ? 'didit' : 'kryptogo';
        insert.run(
          provider,
          provider === 'didit' ? 'kyc_session' : 'dd_task',
          String(50_000_000 + i),
          `bulk-customer-${i % 30}`,
          1_700_000_000_000 + i,
          1_700_000_000_000 + i,
          JSON.stringify({ task_id: 10_000_000 + i, from_idv_id: i % 7 === 0 ? 9_000_000 + i : 0 }),
        );
      }
    })();
    const target = db.prepare("SELECT id FROM cases WHERE external_id = '50001501'").get() as {
      id: number;
    };
    // Statements the ORM already holds prepared would not pass through `prepare` again.
    h.api.deps.db.forgetPreparedStatements();
    const prepare = db.prepare.bind(db);
    const seen: string[] = [];
    db.prepare = ((source: string) => {
      seen.push(source);
      return prepare(source);
    }) as typeof db.prepare;
    try {
      const view = kryptogoView(target.id);
      // bulk-customer-1 holds 100 KryptoGO DD tasks (every 30th row from row 1): 99 besides this one.
      expect(view.customerHistory.total).toBe(99);
      expect(view.customerHistory.items).toHaveLength(50);
      // Row 7 names IDV 9000007 in from_idv_id: the IDV's reverse link reads the partial expression index.
      const idv = kryptogoCaseViewForRow(h.api.deps.db, {
        kind: 'idv_task',
        payload: JSON.stringify({ idv_task_id: 9_000_007 }),
      }) as KryptogoIdvView;
      expect(idv.linkedDdTasks.map((task) => task.taskId)).toEqual([50_000_007]);
    } finally {
      db.prepare = prepare;
    }
    const plans = seen
      .filter((source) => /\bcases\b/.test(source))
      .map((source) =>
        prepare(`EXPLAIN QUERY PLAN ${source}`)
          .all(...Array.from({ length: source.split('?').length - 1 }, () => 'x'))
          .map((row) => (row as { detail: string }).detail)
          .join(' | '),
      );
    expect(plans.some((plan) => plan.includes('cases_provider_subject_ref'))).toBe(true);
    expect(plans.some((plan) => plan.includes('cases_kryptogo_from_idv'))).toBe(true);
    // Speed is the query plans' business here (no timing: this machine is shared and noisy).
    expect(plans.filter((plan) => /SCAN cases\b(?! USING)/.test(plan))).toEqual([]);
  });
});
