import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CallbackReceiver, startCallbackReceiver } from './callback-receiver';
import { createSyntheticPngBase64, readImageHeader } from './images';
import { type SandboxHarness, startHarness } from './test/harness';

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

describe('KYA', () => {
  it('lower-cases an ETH address, answers at once and serves the same task by id', async () => {
    const created = await harness.call('POST', '/kya', {
      address: '0x72a5843cc08275C8171E582972Aa4fDa8C397B2A',
      chain: 'eth',
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      address: '0x72a5843cc08275c8171e582972aa4fda8c397b2a',
      data: { risk_score: expect.any(Number), risk_level: expect.any(String) },
      sdnlist: [],
      creator_account: 'operator1@sandbox.kryptogo.test',
      customer_reference: null,
    });
    expect(created.json.txlist.length).toBeGreaterThan(0);
    const second = await harness.call('POST', '/kya', {
      address: '0x72a5843cc08275c8171e582972aa4fda8c397b2a',
    });
    expect(second.json.kya_id).toBe(created.json.kya_id + 1);
    const detail = await harness.call('GET', `/kya/detail/${created.json.kya_id}`);
    expect(detail.json).toEqual(created.json);
  });

  it.each([
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'],
    ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
    ['bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297'],
  ])('accepts the BTC address %s', async (address) => {
    const response = await harness.call('POST', '/kya', { address });
    expect(response.status).toBe(200);
    expect(response.json.data.chain).toBe('btc');
  });

  it.each([
    ['a short ETH address', { address: '0x1234' }],
    ['a BTC address with a bad checksum', { address: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3' }],
    ['a bech32 address with a bad checksum', { address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx' }],
    ['an unsupported chain', { address: '0x72a5843cc08275c8171e582972aa4fda8c397b2a', chain: 'trx' }],
    [
      'a chain that does not match the address',
      { address: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', chain: 'eth' },
    ],
    ['no address', {}],
  ])('refuses %s with 400', async (_label, body) => {
    const response = await harness.call('POST', '/kya', body);
    expect(response.status).toBe(400);
    expect(response.json.code).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown KYA id', async () => {
    expect((await harness.call('GET', '/kya/detail/4242')).status).toBe(404);
  });

  it('creates sanctioned and high-risk scenario addresses', async () => {
    const sanctioned = await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'kya',
      scenario: 'sanctioned',
      count: 2,
    });
    const detail = (await harness.call('GET', `/kya/detail/${sanctioned.json.ids[1]}`)).json;
    expect(detail.data.risk_score).toBe(100);
    expect(detail.sdnlist).toHaveLength(1);
    const risky = await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'kya',
      scenario: 'high_risk',
    });
    expect((await harness.call('GET', `/kya/detail/${risky.json.ids[0]}`)).json.data.risk_level).toBe('High');
  });

  it('gives address information without creating a task', async () => {
    const info = await harness.call('GET', '/kya/info?address=0x72a5843cc08275c8171e582972aa4fda8c397b2a');
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ chain: 'eth', tx_count: expect.any(Number) });
    expect((await harness.call('GET', '/kya/info?address=nope')).status).toBe(400);
  });
});

const image = createSyntheticPngBase64(640, 400);
const uploadBody = (overrides: Record<string, unknown> = {}) => ({
  country: 'TWN',
  id_type: 'ID_CARD',
  id_image: image,
  id_mime_type: 'image/png',
  id_back_image: image,
  id_back_mime_type: 'image/png',
  face_image: image,
  face_mime_type: 'image/png',
  expected_name: '王又曾',
  expected_birthday: '1990-06-21',
  expected_id_number: 'A123456789',
  customer_reference: '000000123',
  callback_url: receiver.url,
  ...overrides,
});

describe('IDV upload (I2)', () => {
  it('returns {idv_task_id, timestamp}, charges points and calls back an accepted result after processing', async () => {
    const before = (await harness.call('GET', '/_sandbox/kryptogo/points')).json.balance;
    const created = await harness.call('POST', '/idv', uploadBody());
    expect(created.status).toBe(200);
    expect(Object.keys(created.json).sort()).toEqual(['idv_task_id', 'timestamp']);
    expect((await harness.call('GET', '/_sandbox/kryptogo/points')).json.balance).toBeLessThan(before);
    const pending = (await harness.call('GET', `/idv/${created.json.idv_task_id}`)).json;
    expect(pending).toMatchObject({ state: null, audit_status: 'Pending', full_name: null });
    await harness.advance(29);
    expect(receiver.received).toHaveLength(0);
    await harness.advance(1);
    expect(receiver.received).toHaveLength(1);
    const detail = (await harness.call('GET', `/idv/${created.json.idv_task_id}`)).json;
    expect(receiver.received[0]!.body).toEqual(detail);
    expect(detail).toMatchObject({
      state: 0,
      audit_status: 'Accepted',
      full_name: '王又曾',
      last_name: '王',
      first_name: '又曾',
      birthday: '1990-06-21',
      id_sub_type: 'NATIONAL_ID',
      review_reasons: [],
      reject_reasons: [],
      created_search_task_id: 0,
      dd_tasks: [],
    });
  });

  it('sends a mismatching subject to review with the reason', async () => {
    const created = await harness.call('POST', '/idv', uploadBody({ customer_reference: 'mismatch-case' }));
    await harness.advance(30);
    const detail = (await harness.call('GET', `/idv/${created.json.idv_task_id}`)).json;
    expect(detail.state).toBe(1);
    expect(detail.audit_status).toBe('Pending');
    expect(detail.review_reasons).toEqual(['ID_NUMBER_MISMATCH']);
    expect(detail.id_number).not.toBe(detail.expected_id_number);
  });

  it.each([
    ['expired', 'DOCUMENT_EXPIRED'],
    ['liveness', 'LIVENESS_FAILED'],
    ['face_mismatch', 'FACE_MISMATCH'],
    ['reject', 'DOCUMENT_TAMPERED'],
  ])('rejects the %s scenario with %s', async (keyword, reason) => {
    const created = await harness.call('POST', '/idv', uploadBody({ customer_reference: `case-${keyword}` }));
    await harness.advance(30);
    const detail = (await harness.call('GET', `/idv/${created.json.idv_task_id}`)).json;
    expect(detail.state).toBe(2);
    expect(detail.audit_status).toBe('Rejected');
    expect(detail.reject_reasons).toContain(reason);
  });

  it('creates a linked DD task from an accepted result when asked', async () => {
    const created = await harness.call(
      'POST',
      '/idv',
      uploadBody({
        auto_create_dd_task: true,
        dd_task_search_setting_id: 120,
        dd_task_callback_url: receiver.url,
      }),
    );
    await harness.advance(30);
    const detail = (await harness.call('GET', `/idv/${created.json.idv_task_id}`)).json;
    expect(detail.created_search_task_id).toBeGreaterThan(0);
    expect(detail.dd_tasks).toHaveLength(1);
    const ddTask = (await harness.call('GET', `/task/${detail.created_search_task_id}`)).json;
    expect(ddTask).toMatchObject({
      from_idv_id: created.json.idv_task_id,
      customer_reference: '000000123',
      target: { name: '王又曾', birthday: '1990-06-21', citizenship: 'TWN' },
    });
    expect(
      (await harness.call('GET', `/task/${detail.created_search_task_id}/summary`)).json.task_origin,
    ).toBe(2);
    await harness.advance(50);
    const ddCallbacks = receiver.received.filter(
      (callback) => (callback.body as { task_id?: number }).task_id !== undefined,
    );
    expect(ddCallbacks).toHaveLength(1);
  });

  it.each([
    ['a missing back image for an ID card', { id_back_image: undefined }],
    ['no face image at all', { face_image: undefined }],
    ['invalid base64', { id_image: 'not base64!' }],
    ['a PNG declared as JPEG', { id_mime_type: 'image/jpeg' }],
    ['an unsupported mime type', { id_mime_type: 'image/gif' }],
    ['an image that is too small', { id_image: createSyntheticPngBase64(200, 100) }],
    ['an image with a side of 8000 px', { face_image: createSyntheticPngBase64(8000, 10) }],
    [
      'base64 of something that is not an image',
      { id_image: Buffer.from('hello world!').toString('base64') },
    ],
    ['a bad country code', { country: 'TW' }],
    ['an unknown id type', { id_type: 'VISA' }],
    ['a malformed expected birthday', { expected_birthday: '21/06/1990' }],
    ['auto DD without a search setting', { auto_create_dd_task: true }],
    ['auto DD with an unknown search setting', { auto_create_dd_task: true, dd_task_search_setting_id: 999 }],
  ])('refuses %s with 400', async (_label, overrides) => {
    const response = await harness.call('POST', '/idv', uploadBody(overrides));
    expect(response.status).toBe(400);
    expect(response.json.code).toBeGreaterThan(0);
  });

  it('accepts a passport without a back image and with only an id-and-face photo', async () => {
    const response = await harness.call(
      'POST',
      '/idv',
      uploadBody({
        id_type: 'PASSPORT',
        id_back_image: undefined,
        face_image: undefined,
        id_and_face_image: image,
        id_and_face_mime_type: 'image/png',
      }),
    );
    expect(response.status).toBe(200);
  });

  it('refuses an upload with 403 when the account has no points left', async () => {
    await harness.call('POST', '/_sandbox/kryptogo/points', { balance: 0 });
    expect((await harness.call('POST', '/idv', uploadBody())).status).toBe(403);
  });
});

describe('IDV web and mobile init (I3, I4)', () => {
  const webBody = (overrides: Record<string, unknown> = {}) => ({
    id_type: 'ID_CARD',
    workflow_id: 200,
    country: 'TWN',
    customer_reference: '000000123',
    locale: 'zh-HK',
    success_url: null,
    error_url: null,
    expected_name: '王又曾',
    callback_url: receiver.url,
    tw_id_apply_code: 2,
    tw_id_apply_date: '1070102',
    tw_id_issue_site_id: '10011',
    ...overrides,
  });

  it('returns a URL whose visit completes the upload; the result follows after processing', async () => {
    const init = await harness.call(
      'POST',
      '/idv/init',
      webBody({ success_url: 'https://shop.example/done' }),
    );
    expect(init.status).toBe(200);
    expect(init.json).toMatchObject({
      idv_task_id: expect.any(Number),
      timestamp: expect.any(Number),
      url: expect.any(String),
    });
    const visit = await fetch(init.json.url, { redirect: 'manual' });
    expect(visit.status).toBe(302);
    expect(visit.headers.get('location')).toBe('https://shop.example/done');
    await harness.advance(30);
    expect((await harness.call('GET', `/idv/${init.json.idv_task_id}`)).json.state).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  it('requires more than 500 points to initiate', async () => {
    await harness.call('POST', '/_sandbox/kryptogo/points', { balance: 500 });
    const refused = await harness.call('POST', '/idv/init', webBody());
    expect(refused.status).toBe(403);
    await harness.call('POST', '/_sandbox/kryptogo/points', { balance: 501 });
    expect((await harness.call('POST', '/idv/init', webBody())).status).toBe(200);
  });

  it.each([
    ['an unknown workflow', { workflow_id: 300 }],
    ['a missing customer reference', { customer_reference: undefined }],
    ['a customer reference over 100 characters', { customer_reference: 'x'.repeat(101) }],
    ['an unknown locale', { locale: 'xx' }],
    ['an error_url over 255 characters', { error_url: `https://e.example/${'x'.repeat(250)}` }],
    ['a bad ROC date', { tw_id_apply_date: '107012' }],
    ['an unknown issue site', { tw_id_issue_site_id: '99999' }],
  ])('refuses %s with 400', async (_label, overrides) => {
    expect((await harness.call('POST', '/idv/init', webBody(overrides))).status).toBe(400);
  });

  it('returns a JWT sdk_token for mobile and completes through the control API', async () => {
    const init = await harness.call('POST', '/idv/account', {
      workflow_id: 3,
      country: 'TWN',
      expected_name: 'Lee Review',
      callback_url: receiver.url,
    });
    expect(init.status).toBe(200);
    expect(init.json.sdk_token.split('.')).toHaveLength(3);
    expect((await harness.call('POST', '/idv/account', { workflow_id: 200, country: 'TWN' })).status).toBe(
      400,
    );
    const complete = await harness.call(
      'POST',
      `/_sandbox/kryptogo/idv/${init.json.idv_task_id}/complete`,
      {},
    );
    expect(complete.status).toBe(200);
    expect(
      (await harness.call('POST', `/_sandbox/kryptogo/idv/${init.json.idv_task_id}/complete`, {})).status,
    ).toBe(400);
    await harness.advance(30);
    const detail = (await harness.call('GET', `/idv/${init.json.idv_task_id}`)).json;
    expect(detail).toMatchObject({ id_type: 'ID_CARD', state: 1, review_reasons: ['NAME_MISMATCH'] });
  });

  it('creates IDV scenario tasks with their outcome already called back', async () => {
    const created = await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'idv',
      scenario: 'review',
      count: 2,
      callback_url: receiver.url,
    });
    expect(receiver.received).toHaveLength(2);
    expect((await harness.call('GET', `/idv/${created.json.ids[0]}`)).json.state).toBe(1);
    const waiting = await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'idv',
      scenario: 'awaiting_user',
    });
    expect((await harness.call('GET', `/idv/${waiting.json.ids[0]}`)).json.state).toBeNull();
  });
});

describe('image header reader', () => {
  it('reads JPEG dimensions from the start-of-frame segment', () => {
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80,
    ]);
    expect(readImageHeader(jpeg)).toMatchObject({ mimeType: 'image/jpeg', width: 640, height: 480 });
  });
});

describe('IDV console audit (control)', () => {
  it('records a console decision on a result in review', async () => {
    const created = await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'idv',
      scenario: 'review',
    });
    const id = created.json.ids[0];
    const audited = await harness.call('POST', `/_sandbox/kryptogo/idv/${id}/audit`, { accepted: true });
    expect(audited.json).toEqual({ idv_task_id: id, audit_status: 'Accepted' });
    const detail = (await harness.call('GET', `/idv/${id}`)).json;
    expect(detail).toMatchObject({
      state: 1,
      audit_status: 'Accepted',
      auditor_employee_account: 'operator1@sandbox.kryptogo.test',
    });
    const waiting = await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'idv',
      scenario: 'awaiting_user',
    });
    expect(
      (await harness.call('POST', `/_sandbox/kryptogo/idv/${waiting.json.ids[0]}/audit`, { accepted: true }))
        .status,
    ).toBe(400);
  });
});

describe('DD task from an IDV task (from_idv_id)', () => {
  it('forcibly copies birthday, citizenship, customer_reference and callback_url from the IDV task', async () => {
    const idv = await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'idv',
      scenario: 'accept',
      callback_url: receiver.url,
    });
    const idvId = idv.json.ids[0];
    const created = await harness.call('POST', '/task', [
      {
        search_setting_id: 1,
        target: { name: 'Sandbox Holder 1', birthday: '2001-01-01', citizenship: 'JPN' },
        customer_reference: 'overridden',
        callback_url: 'http://localhost:1/ignored',
        from_idv_id: idvId,
      },
    ]);
    expect(created.status).toBe(200);
    const details = (await harness.call('GET', `/task/${created.json[0].task_id}`)).json;
    expect(details).toMatchObject({
      from_idv_id: idvId,
      target: { birthday: '1990-06-21', citizenship: 'TWN' },
      customer_reference: 'sandbox-idv-accept-1',
      callback_url: receiver.url,
    });
    expect(created.json[0].task_origin).toBe(2);
  });

  it('links an IDV and the DD tasks it created both ways: auto-created and created later with from_idv_id', async () => {
    const idv = await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'idv',
      scenario: 'accept',
      callback_url: receiver.url,
      auto_create_dd_task: true,
      customer_reference: 'customer-42',
    });
    const idvId = idv.json.ids[0];
    const first = (await harness.call('GET', `/idv/${idvId}`)).json;
    const autoTaskId = first.created_search_task_id;
    expect(autoTaskId).toBeGreaterThan(0);
    const later = await harness.call('POST', '/task', [
      { search_setting_id: 1, target: { name: 'Sandbox Holder 1' }, from_idv_id: idvId },
    ]);
    const laterTaskId = later.json[0].task_id;

    const detail = (await harness.call('GET', `/idv/${idvId}`)).json;
    expect(detail.created_search_task_id).toBe(autoTaskId);
    expect(detail.dd_tasks.map((task: { task_id: number }) => task.task_id)).toEqual([
      autoTaskId,
      laterTaskId,
    ]);
    for (const taskId of [autoTaskId, laterTaskId]) {
      expect((await harness.call('GET', `/task/${taskId}`)).json).toMatchObject({
        from_idv_id: idvId,
        customer_reference: 'customer-42',
      });
    }
    // D6 filtered on the customer reference finds both, newest first.
    const history = (
      await harness.call('GET', '/task/history?page_size=10&page_number=1&customer_reference=customer-42')
    ).json;
    expect(history.data.map((task: { task_id: number }) => task.task_id)).toEqual([laterTaskId, autoTaskId]);
  });

  it('gives DD scenario tasks one customer reference when asked', async () => {
    const created = await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'dd',
      scenario: 'clean',
      count: 3,
      customer_reference: 'customer-7',
    });
    expect(created.status).toBe(200);
    for (const taskId of created.json.ids)
      expect((await harness.call('GET', `/task/${taskId}`)).json.customer_reference).toBe('customer-7');
    const tooLong = await harness.call('POST', '/_sandbox/kryptogo/scenarios', {
      type: 'dd',
      scenario: 'clean',
      customer_reference: 'x'.repeat(101),
    });
    expect(tooLong.status).toBe(400);
  });
});
