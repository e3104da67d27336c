import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CallbackReceiver, startCallbackReceiver } from './callback-receiver';
import { OTHER_API_KEY, type SandboxHarness, startHarness } from './test/harness';

let harness: SandboxHarness;
let receiver: CallbackReceiver;

beforeEach(async () => {
  harness = await startHarness();
  receiver = await startCallbackReceiver();
});
afterEach(async () => {
  await harness.sandbox.close();
  await receiver.close();
});

const createOne = async (item: Record<string, unknown>) => {
  const response = await harness.call('POST', '/task', [item]);
  expect(response.status).toBe(200);
  return response.json[0];
};

describe('API key auth', () => {
  it('answers 401 with a KryptoGO error body when the key is missing or wrong', async () => {
    const missing = await harness.call('GET', '/task/history?page_size=10&page_number=1', undefined, null);
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ code: expect.any(Number), message: 'missing API key' });
    expect(missing.json.code).not.toBe(0);
    const wrong = await harness.call('GET', '/kya/detail/1', undefined, 'nope');
    expect(wrong.status).toBe(401);
    const control = await harness.call('POST', '/_sandbox/kryptogo/reset', {}, 'nope');
    expect(control.status).toBe(401);
  });

  it('accepts a configurable header name', async () => {
    const custom = await startHarness({ apiKeyHeader: 'X-Compliance-Key' });
    try {
      const response = await fetch(`${custom.sandbox.url}/task/history?page_size=1&page_number=1`, {
        headers: { 'X-Compliance-Key': 'test-key-1' },
      });
      expect(response.status).toBe(200);
      expect((await custom.call('GET', '/task/history?page_size=1&page_number=1')).status).toBe(401);
    } finally {
      await custom.sandbox.close();
    }
  });
});

describe('DD tasks', () => {
  it('creates one task per array item with increasing ids and epoch-second times', async () => {
    const response = await harness.call('POST', '/task', [
      {
        search_setting_id: 1,
        target: { name: 'Clean Person' },
        search_source: [0, 1],
        customer_reference: 'c-1',
      },
      {
        search_setting_id: 2,
        target: { company_name: 'Clean Holdings Ltd', country: 'TWN' },
        search_source: [2],
      },
    ]);
    expect(response.status).toBe(200);
    const [first, second] = response.json;
    expect(second.task_id).toBeGreaterThan(first.task_id);
    expect(first).toMatchObject({
      search_setting: { id: 1, name: expect.any(String) },
      target: { name: 'Clean Person' },
      customer_reference: 'c-1',
      progress: 0,
      task_origin: 1,
      audit_time: 0,
      report: {},
      metadata: [],
    });
    expect(Number.isInteger(first.creation_time)).toBe(true);
    expect(first.creation_time).toBeLessThan(10_000_000_000);
  });

  it.each([
    ['an object instead of an array', { search_setting_id: 1, target: { name: 'A' } }],
    ['an empty array', []],
    ['an unknown search setting', [{ search_setting_id: 999, target: { name: 'A' } }]],
    ['a KYC target without a name', [{ search_setting_id: 1, target: { company_name: 'A' } }]],
    ['a KYB target without company_name', [{ search_setting_id: 2, target: { name: 'A' } }]],
    ['a search source outside 0..4', [{ search_setting_id: 1, target: { name: 'A' }, search_source: [5] }]],
    ['a malformed birthday', [{ search_setting_id: 1, target: { name: 'A', birthday: '1990-13-40' } }]],
    ['a non-URL callback', [{ search_setting_id: 1, target: { name: 'A' }, callback_url: 'not a url' }]],
    ['an unknown from_idv_id', [{ search_setting_id: 1, target: { name: 'A' }, from_idv_id: 77 }]],
  ])('refuses %s with 400 and creates nothing', async (_label, body) => {
    const response = await harness.call('POST', '/task', body);
    expect(response.status).toBe(400);
    expect(response.json.code).toBeGreaterThan(0);
    const history = await harness.call('GET', '/task/history?page_size=10&page_number=1');
    expect(history.json.paging.total_count).toBe(0);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const response = await harness.call('POST', '/task', '{"broken');
    expect(response.status).toBe(400);
  });

  it('completes one source per tick and reports progress = completed / total', async () => {
    const task = await createOne({
      search_setting_id: 1,
      target: { name: 'Jane News' },
      search_source: [0, 1, 4],
    });
    const progressAfter = async (seconds: number) => {
      await harness.advance(seconds);
      return (await harness.call('GET', `/task/${task.task_id}/summary`)).json.progress;
    };
    expect(await progressAfter(9)).toBe(0);
    expect(await progressAfter(1)).toBe(33);
    expect(await progressAfter(10)).toBe(66);
    const details = (await harness.call('GET', `/task/${task.task_id}`)).json;
    expect(details.completed_source).toBe(2);
    expect(details.completed_time).toBe(0);
    expect(await progressAfter(10)).toBe(100);
  });

  it.each([
    ['Jane Sanction', [0, 1, 2, 3, 4], true, 100],
    ['Jane Sanction', [0, 1, 2, 3], false, 8],
    ['Pep Official', [0, 1, 2, 3, 4], false, 80],
    ['Jane News', [0, 1, 2, 3, 4], false, 55],
    ['Clean Person', [0, 1, 2, 3, 4], false, 8],
  ])(
    'scores %s over sources %j: sanction_matched %s, potential_risk %i',
    async (name, sources, sanction, risk) => {
      const task = await createOne({ search_setting_id: 1, target: { name }, search_source: sources });
      await harness.advance(sources.length * 10);
      const details = (await harness.call('GET', `/task/${task.task_id}`)).json;
      expect(details.sanction_matched).toBe(sanction);
      expect(details.potential_risk).toBe(risk);
      expect(details.completed_source).toBe(sources.length);
      expect(details.completed_time).toBe(details.creation_time + sources.length * 10);
      expect(details.next_review_at).toBeGreaterThan(details.completed_time);
      expect(details.aml_summarization.length).toBeGreaterThan(0);
      expect(Object.keys(details.result).sort()).toEqual(sources.map(String).sort());
      if (sanction) expect(details.result['4'].hits).toBeGreaterThan(0);
    },
  );

  it('treats a missing search_source as all five sources', async () => {
    const task = await createOne({ search_setting_id: 1, target: { name: 'A B' } });
    expect((await harness.call('GET', `/task/${task.task_id}`)).json.search_source).toEqual([0, 1, 2, 3, 4]);
  });

  it('answers 404 for unknown tasks and 403 for another account’s task', async () => {
    expect((await harness.call('GET', '/task/999999')).status).toBe(404);
    expect((await harness.call('GET', '/task/abc/summary')).status).toBe(404);
    const task = await createOne({ search_setting_id: 1, target: { name: 'A B' } });
    expect((await harness.call('GET', `/task/${task.task_id}`, undefined, OTHER_API_KEY)).status).toBe(403);
  });
});

describe('D4 accepted', () => {
  it('records the decision, appends a comment log, and refuses a second decision with 409', async () => {
    const task = await createOne({ search_setting_id: 1, target: { name: 'Jane News' }, search_source: [0] });
    await harness.advance(10);
    const accepted = await harness.call('POST', `/task/${task.task_id}/accepted`, {
      comment: 'News unrelated to the target',
      accepted: true,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toEqual({
      task_id: task.task_id,
      comment: 'News unrelated to the target',
      accepted: true,
    });
    const details = (await harness.call('GET', `/task/${task.task_id}`)).json;
    expect(details).toMatchObject({
      audit_status: 1,
      comment: 'News unrelated to the target',
      auditor_employee_account: 'operator1@sandbox.kryptogo.test',
      comment_employee_account: 'operator1@sandbox.kryptogo.test',
    });
    expect(details.audit_time).toBeGreaterThan(0);
    expect(details.comment_logs).toHaveLength(1);
    const again = await harness.call('POST', `/task/${task.task_id}/accepted`, {
      comment: 'changed',
      accepted: false,
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBeGreaterThan(0);
    expect((await harness.call('GET', `/task/${task.task_id}`)).json.audit_status).toBe(1);
  });

  it('maps a rejection to audit_status 2 and validates the body', async () => {
    const task = await createOne({ search_setting_id: 1, target: { name: 'A B' }, search_source: [0] });
    expect((await harness.call('POST', `/task/${task.task_id}/accepted`, { comment: 'x' })).status).toBe(400);
    expect(
      (await harness.call('POST', `/task/${task.task_id}/accepted`, { accepted: 'yes', comment: 'x' }))
        .status,
    ).toBe(400);
    await harness.call('POST', `/task/${task.task_id}/accepted`, {
      comment: 'sanction hit confirmed',
      accepted: false,
    });
    expect((await harness.call('GET', `/task/${task.task_id}`)).json.audit_status).toBe(2);
  });
});

describe('D5 metadata and D6 history', () => {
  it('appends metadata: an array on the summary, an object on the details', async () => {
    const task = await createOne({ search_setting_id: 1, target: { name: 'A B' } });
    const first = await harness.call('POST', `/task/${task.task_id}/metadata`, [
      { key: 'tier', value: 'gold' },
    ]);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ code: 0 });
    await harness.call('POST', `/task/${task.task_id}/metadata`, [{ key: 'branch', value: 'TPE' }]);
    expect((await harness.call('GET', `/task/${task.task_id}/summary`)).json.metadata).toEqual([
      { key: 'tier', value: 'gold' },
      { key: 'branch', value: 'TPE' },
    ]);
    expect((await harness.call('GET', `/task/${task.task_id}`)).json.metadata).toEqual({
      tier: 'gold',
      branch: 'TPE',
    });
    expect(
      (await harness.call('POST', `/task/${task.task_id}/metadata`, { key: 'a', value: 'b' })).status,
    ).toBe(400);
  });

  it('pages newest first, 1-based, with an empty page past the end and a customer filter', async () => {
    const ids: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      const task = await createOne({
        search_setting_id: 1,
        target: { name: `Person ${index}` },
        customer_reference: index % 2 === 0 ? 'even' : 'odd',
      });
      ids.push(task.task_id);
    }
    const page1 = (await harness.call('GET', '/task/history?page_size=2&page_number=1')).json;
    expect(page1.data.map((task: { task_id: number }) => task.task_id)).toEqual([ids[4], ids[3]]);
    expect(page1.paging).toEqual({ page_number: 1, page_size: 2, total_count: 5, total_pages: 3 });
    const page3 = (await harness.call('GET', '/task/history?page_size=2&page_number=3')).json;
    expect(page3.data.map((task: { task_id: number }) => task.task_id)).toEqual([ids[0]]);
    const beyond = await harness.call('GET', '/task/history?page_size=2&page_number=9');
    expect(beyond.status).toBe(200);
    expect(beyond.json.data).toEqual([]);
    const even = (
      await harness.call('GET', '/task/history?page_size=10&page_number=1&customer_reference=even')
    ).json;
    expect(even.paging.total_count).toBe(3);
    expect(
      (await harness.call('GET', '/task/history?page_size=10&page_number=1', undefined, OTHER_API_KEY)).json
        .data,
    ).toEqual([]);
  });

  it.each([
    '',
    '?page_size=10',
    '?page_number=1',
    '?page_size=0&page_number=1',
    '?page_size=10&page_number=0',
    '?page_size=x&page_number=1',
  ])('refuses history query %s with 400', async (query) => {
    expect((await harness.call('GET', `/task/history${query}`)).status).toBe(400);
  });
});

describe('DD callbacks', () => {
  it('POSTs the D1 summary when results are generated and when the accepted status changes', async () => {
    const task = await createOne({
      search_setting_id: 1,
      target: { name: 'Jane Sanction' },
      search_source: [4],
      callback_url: receiver.url,
    });
    await harness.advance(10);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.contentType).toBe('application/json');
    expect(receiver.received[0]!.body).toMatchObject({ task_id: task.task_id, progress: 100, audit_time: 0 });
    await harness.call('POST', `/task/${task.task_id}/accepted`, { comment: 'confirmed', accepted: false });
    await harness.advance(0);
    expect(receiver.received).toHaveLength(2);
    expect((receiver.received[1]!.body as { audit_time: number }).audit_time).toBeGreaterThan(0);
    const log = (
      await harness.call('GET', `/_sandbox/kryptogo/deliveries?task_type=dd&task_id=${task.task_id}`)
    ).json.data;
    expect(
      log.map((delivery: { event: string; status: string }) => [delivery.event, delivery.status]),
    ).toEqual([
      ['dd.results_generated', 'delivered'],
      ['dd.accepted_changed', 'delivered'],
    ]);
  });

  it('retries a failing callback 10 s, 60 s and 300 s later on the sandbox clock, then gives up', async () => {
    receiver.respondWith(500, 503, 502, 500);
    const task = await createOne({
      search_setting_id: 1,
      target: { name: 'A B' },
      search_source: [0],
      callback_url: receiver.url,
    });
    await harness.advance(10);
    expect(receiver.received).toHaveLength(1);
    await harness.advance(9);
    expect(receiver.received).toHaveLength(1);
    await harness.advance(1);
    expect(receiver.received).toHaveLength(2);
    await harness.advance(400);
    expect(receiver.received).toHaveLength(4);
    const [delivery] = (await harness.call('GET', `/_sandbox/kryptogo/deliveries?task_id=${task.task_id}`))
      .json.data;
    expect(delivery.status).toBe('failed');
    const times = delivery.attempts.map((attempt: { at: number }) => attempt.at);
    expect([times[1] - times[0], times[2] - times[1], times[3] - times[2]]).toEqual([10, 60, 300]);
    expect(delivery.attempts.map((attempt: { response_status: number }) => attempt.response_status)).toEqual([
      500, 503, 502, 500,
    ]);
  });

  it('stops retrying after a success and can have retries switched off', async () => {
    receiver.respondWith(500);
    await createOne({
      search_setting_id: 1,
      target: { name: 'A B' },
      search_source: [0],
      callback_url: receiver.url,
    });
    await harness.advance(400);
    expect(receiver.received).toHaveLength(2);
    await harness.call('POST', '/_sandbox/kryptogo/callbacks/settings', { retries: false });
    receiver.respondWith(500);
    await createOne({
      search_setting_id: 1,
      target: { name: 'C D' },
      search_source: [0],
      callback_url: receiver.url,
    });
    await harness.advance(400);
    expect(receiver.received).toHaveLength(3);
  });

  it('logs callbacks to hosts outside the allowlist as blocked without sending them', async () => {
    const response = await createOne({
      search_setting_id: 1,
      target: { name: 'A B' },
      search_source: [0],
      callback_url: 'https://example.com/hook',
    });
    await harness.advance(10);
    const [delivery] = (
      await harness.call('GET', `/_sandbox/kryptogo/deliveries?task_id=${response.task_id}`)
    ).json.data;
    expect(delivery.status).toBe('blocked');
  });
});

describe('control API', () => {
  it('creates completed scenario tasks in bulk and returns after their first callbacks', async () => {
    const response = await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'dd',
      scenario: 'sanction',
      count: 3,
      callback_url: receiver.url,
    });
    expect(response.status).toBe(200);
    expect(response.json.ids).toHaveLength(3);
    expect(receiver.received).toHaveLength(3);
    const details = (await harness.call('GET', `/task/${response.json.ids[0]}`)).json;
    expect(details).toMatchObject({ sanction_matched: true, potential_risk: 100, completed_source: 5 });
    const pending = await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'dd',
      scenario: 'pending',
    });
    expect((await harness.call('GET', `/task/${pending.json.ids[0]}/summary`)).json.progress).toBe(0);
    const kyb = await harness.call('POST', '/_sandbox/kryptogo/scenarios', { type: 'dd', scenario: 'kyb' });
    expect((await harness.call('GET', `/task/${kyb.json.ids[0]}`)).json.result['2'].hits).toBe(1);
  });

  it('refuses unknown scenarios and bad advance bodies with 400', async () => {
    expect(
      (await harness.call('POST', '/_sandbox/kryptogo/scenarios', { type: 'dd', scenario: 'nope' })).status,
    ).toBe(400);
    expect((await harness.call('POST', '/_sandbox/kryptogo/clock/advance', { seconds: -1 })).status).toBe(
      400,
    );
    expect((await harness.call('POST', '/_sandbox/kryptogo/clock/advance', 'x')).status).toBe(400);
  });

  it('resets tasks but never reuses ids', async () => {
    const first = await createOne({ search_setting_id: 1, target: { name: 'A B' } });
    await harness.call('POST', '/_sandbox/kryptogo/reset', {});
    expect((await harness.call('GET', `/task/${first.task_id}`)).status).toBe(404);
    const second = await createOne({ search_setting_id: 1, target: { name: 'A B' } });
    expect(second.task_id).toBeGreaterThan(first.task_id);
  });
});
