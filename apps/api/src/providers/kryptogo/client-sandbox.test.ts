/*
 * The KryptoGO client (packages/providers) against the KryptoGO sandbox (apps/sandbox): it lives in the
 * API app because a package's tests must not import an app's source.
 */
import { ProviderError } from '@backoffice/providers/http';
import {
  createKryptogoClient,
  ddAcceptedOutcome,
  ddCaseFields,
  idvCaseFields,
  isKryptogoAlreadyAudited,
  type KryptogoClient,
  kyaCaseFields,
  parseKryptogoCallback,
} from '@backoffice/providers/kryptogo';
import {
  type CallbackReceiver,
  createKryptogoManualClock as createManualClock,
  createSyntheticPngBase64,
  type RunningKryptogoSandbox,
  startCallbackReceiver,
  startKryptogoSandbox,
} from '@backoffice/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const API_KEY = 'client-test-key';
let sandbox: RunningKryptogoSandbox;
let receiver: CallbackReceiver;
let client: KryptogoClient;

beforeEach(async () => {
  sandbox = await startKryptogoSandbox({ apiKeys: [API_KEY], clock: createManualClock() });
  receiver = await startCallbackReceiver();
  client = createKryptogoClient({ baseUrl: sandbox.url, apiKey: API_KEY, timeoutMs: 2_000 });
});
afterEach(async () => {
  await sandbox.close();
  await receiver.close();
});

const control = async (path: string, body: unknown): Promise<any> => {
  const response = await fetch(`${sandbox.url}/_sandbox/kryptogo${path}`, {
    method: 'POST',
    headers: { 'X-API-KEY': API_KEY, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return response.json();
};
const advance = (seconds: number) => control('/clock/advance', { seconds });
const providerError = async (promise: Promise<unknown>): Promise<ProviderError> => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

describe('DD tasks through the client', () => {
  it('creates, follows progress, maps to the case model and decides once', async () => {
    const [summary] = await client.createDdTasks([
      {
        search_setting_id: 1,
        target: { name: 'Jane Sanction', citizenship: 'TWN' },
        search_source: [0, 4],
        customer_reference: 'cust-42',
        callback_url: receiver.url,
      },
    ]);
    expect(summary!.progress).toBe(0);
    const taskId = summary!.task_id;
    expect(ddCaseFields(await client.getDdDetails(taskId))).toMatchObject({
      status: 'pending',
      riskScore: null,
    });

    await advance(20);
    const details = await client.getDdDetails(taskId);
    expect(ddCaseFields(details)).toMatchObject({
      kind: 'dd_task',
      externalId: String(taskId),
      status: 'needs_review',
      subjectName: 'Jane Sanction',
      subjectRef: 'cust-42',
      subjectCountry: 'TWN',
      riskScore: 100,
      riskBand: 'very_high',
      warningCount: 1,
    });
    const hint = parseKryptogoCallback(receiver.received[0]!.body);
    expect(hint).toMatchObject({ kind: 'dd_task', taskId });

    expect(ddAcceptedOutcome(details, false)).toEqual({ action: 'send' });
    expect(await client.setAccepted(taskId, { comment: 'confirmed hit', accepted: false })).toMatchObject({
      task_id: taskId,
      accepted: false,
    });
    const decided = await client.getDdDetails(taskId);
    expect(ddCaseFields(decided).status).toBe('rejected');
    expect(ddAcceptedOutcome(decided, false)).toEqual({ action: 'already_applied' });
    expect(ddAcceptedOutcome(decided, true)).toEqual({ action: 'conflict', current: 'rejected' });
    const conflict = await providerError(client.setAccepted(taskId, { comment: 'again', accepted: true }));
    expect(conflict).toMatchObject({ kind: 'client', status: 409, retryable: false });
    expect(isKryptogoAlreadyAudited(conflict)).toBe(true);
  });

  it('appends metadata and pages history', async () => {
    const created = await client.createDdTasks([
      { search_setting_id: 1, target: { name: 'A One' }, search_source: [0], customer_reference: 'ref-a' },
      {
        search_setting_id: 2,
        target: { company_name: 'B Two Ltd' },
        search_source: [2],
        customer_reference: 'ref-b',
      },
    ]);
    await client.setMetadata(created[0]!.task_id, [{ key: 'segment', value: 'retail' }]);
    expect((await client.getDdSummary(created[0]!.task_id)).metadata).toEqual([
      { key: 'segment', value: 'retail' },
    ]);
    expect((await client.getDdDetails(created[0]!.task_id)).metadata).toEqual({ segment: 'retail' });
    const page = await client.getHistory({ pageSize: 1, pageNumber: 1 });
    expect(page.data.map((task) => task.task_id)).toEqual([created[1]!.task_id]);
    expect(page.paging).toMatchObject({ total_count: 2, total_pages: 2 });
    expect(
      (await client.getHistory({ pageSize: 5, pageNumber: 1, customerReference: 'ref-a' })).data,
    ).toHaveLength(1);
    expect((await client.getHistory({ pageSize: 5, pageNumber: 4 })).data).toEqual([]);
  });

  it('refuses invalid requests before sending and reports provider 4xx as client errors', async () => {
    await expect(client.createDdTasks([])).rejects.toThrow();
    await expect(client.getDdDetails(0)).rejects.toThrow(TypeError);
    const unknownSetting = await providerError(
      client.createDdTasks([{ search_setting_id: 999, target: { name: 'X' }, search_source: [0] }]),
    );
    expect(unknownSetting).toMatchObject({ kind: 'client', status: 400 });
    expect(await providerError(client.getDdDetails(424242))).toMatchObject({ status: 404 });
    const wrongKey = createKryptogoClient({ baseUrl: sandbox.url, apiKey: 'wrong' });
    expect(await providerError(wrongKey.getHistory({ pageSize: 1, pageNumber: 1 }))).toMatchObject({
      status: 401,
    });
  });
});

describe('KYA through the client', () => {
  it('creates and reads an address analysis and maps its risk', async () => {
    const created = await client.createKya({
      address: '0x72a5843cc08275C8171E582972Aa4fDa8C397B2A',
      chain: 'eth',
    });
    expect(created.address).toBe('0x72a5843cc08275c8171e582972aa4fda8c397b2a');
    expect(await client.getKya(created.kya_id)).toEqual(created);
    expect(kyaCaseFields(created)).toMatchObject({
      kind: 'kya_task',
      status: 'needs_review',
      subjectName: created.address,
    });
    const info = await client.getKyaInfo({ address: created.address });
    expect(info.tx_count).toBeGreaterThan(0);
    expect(await providerError(client.createKya({ address: 'nope' }))).toMatchObject({ status: 400 });
    expect(await providerError(client.getKya(9999))).toMatchObject({ status: 404 });
  });

  it('agrees with the shared five-band helper on the sandbox’s own risk levels', async () => {
    const sanctioned = await control('/scenarios', { type: 'kya', scenario: 'sanctioned' });
    const risky = await control('/scenarios', { type: 'kya', scenario: 'high_risk' });
    const sanctionedTask = await client.getKya(sanctioned.ids[0]);
    expect(sanctionedTask.data?.risk_level).toBe('Very high');
    expect(kyaCaseFields(sanctionedTask)).toMatchObject({
      riskScore: 100,
      riskBand: 'very_high',
      warningCount: 1,
    });
    const riskyTask = await client.getKya(risky.ids[0]);
    expect(riskyTask.data?.risk_level).toBe('High');
    expect(kyaCaseFields(riskyTask).riskBand).toBe('high');
  });
});

describe('IDV through the client', () => {
  const image = createSyntheticPngBase64(640, 400);
  const upload = (customerReference: string, extra: Record<string, unknown> = {}) =>
    client.createIdv({
      country: 'TWN',
      id_type: 'ID_CARD',
      id_image: image,
      id_mime_type: 'image/png',
      id_back_image: image,
      id_back_mime_type: 'image/png',
      face_image: image,
      face_mime_type: 'image/png',
      expected_name: 'Lin Mei',
      expected_birthday: '1991-02-03',
      expected_id_number: 'A223456789',
      customer_reference: customerReference,
      callback_url: receiver.url,
      ...extra,
    });

  it('maps accept, review and reject results and links an auto-created DD task', async () => {
    const accepted = await upload('cust-accept', {
      auto_create_dd_task: true,
      dd_task_search_setting_id: 1,
      dd_task_callback_url: receiver.url,
    });
    const review = await upload('cust-mismatch');
    const rejected = await upload('cust-liveness');
    expect(idvCaseFields(await client.getIdv(accepted.idv_task_id)).status).toBe('pending');
    await advance(30);

    const acceptedDetail = await client.getIdv(accepted.idv_task_id);
    expect(idvCaseFields(acceptedDetail)).toMatchObject({
      kind: 'idv_task',
      status: 'approved',
      subjectName: 'Lin Mei',
      subjectRef: 'cust-accept',
      subjectCountry: 'TWN',
      documentNumber: 'A223456789',
      warningCount: 0,
    });
    expect(idvCaseFields(await client.getIdv(review.idv_task_id))).toMatchObject({
      status: 'needs_review',
      warningCount: 1,
    });
    expect(idvCaseFields(await client.getIdv(rejected.idv_task_id)).status).toBe('rejected');

    const hints = receiver.received.map((callback) => parseKryptogoCallback(callback.body));
    const acceptedHint = hints.find(
      (hint) => hint?.kind === 'idv_task' && hint.idvTaskId === accepted.idv_task_id,
    );
    expect(acceptedHint).toMatchObject({
      kind: 'idv_task',
      ddTaskIds: [acceptedDetail.created_search_task_id],
    });
    const ddDetails = await client.getDdDetails(acceptedDetail.created_search_task_id!);
    expect(ddDetails.from_idv_id).toBe(accepted.idv_task_id);
  });

  it('initiates web and mobile flows', async () => {
    const web = await client.initWebIdv({
      id_type: 'PASSPORT',
      workflow_id: 200,
      country: 'TWN',
      customer_reference: 'c-web',
    });
    expect(web.verificationUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const visit = await fetch(web.verificationUrl!);
    expect(visit.status).toBe(200);
    await advance(30);
    expect(idvCaseFields(await client.getIdv(web.idv_task_id)).status).toBe('approved');
    const mobile = await client.initMobileIdv({
      workflow_id: 3,
      country: 'TWN',
      customer_reference: 'c-mobile',
    });
    expect(mobile.sdk_token.split('.')).toHaveLength(3);
    await control('/points', { balance: 500 });
    expect(await providerError(client.initMobileIdv({ workflow_id: 3, country: 'TWN' }))).toMatchObject({
      status: 403,
    });
  });
});

describe('faults surface as typed ProviderErrors', () => {
  const history = () => client.getHistory({ pageSize: 1, pageNumber: 1 });

  it.each([
    [
      { kind: 'server_error', status: 503 },
      { kind: 'server', status: 503, retryable: true },
    ],
    [
      { kind: 'rate_limit', retry_after_seconds: 7 },
      { kind: 'rate_limited', retryAfterMs: 7000, retryable: true },
    ],
    [{ kind: 'malformed_json' }, { kind: 'invalid_response', retryable: true }],
    [{ kind: 'drop_connection' }, { kind: 'network', retryable: true }],
  ])('%j → %j', async (fault, expected) => {
    await control('/faults', fault);
    expect(await providerError(history())).toMatchObject(expected);
    expect((await history()).data).toEqual([]);
  });

  it('times out a slow answer at the client deadline', async () => {
    const impatient = createKryptogoClient({ baseUrl: sandbox.url, apiKey: API_KEY, timeoutMs: 100 });
    await control('/faults', { kind: 'latency', latency_ms: 400 });
    expect(await providerError(impatient.getHistory({ pageSize: 1, pageNumber: 1 }))).toMatchObject({
      kind: 'timeout',
    });
  });

  it('loses the answer of an accepted decision; re-reading shows it was applied', async () => {
    const created = await control('/scenarios', { type: 'dd', scenario: 'news' });
    const taskId = created.ids[0] as number;
    await control('/faults', {
      kind: 'server_error',
      path_prefix: `/task/${taskId}/accepted`,
      phase: 'after',
    });
    await providerError(client.setAccepted(taskId, { comment: 'unrelated news', accepted: true }));
    expect(ddAcceptedOutcome(await client.getDdDetails(taskId), true)).toEqual({ action: 'already_applied' });
  });
});
