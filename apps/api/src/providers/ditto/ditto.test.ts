import { verifyAuditChain } from '@backoffice/db';
import { dittoCaseView } from '@backoffice/providers/ditto';
import { createTestClock } from '@backoffice/providers/test-clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKycPayload, type DittoScenario } from '../../../../sandbox/src/ditto/scenarios';
import { type DittoTestApi, startDittoTestApi } from './test-support';

let t: DittoTestApi;
const clock = createTestClock(Date.UTC(2026, 5, 1));
beforeAll(async () => {
  t = await startDittoTestApi({ DITTO_TOKEN_TTL_SECONDS: '600' }, { now: clock.now });
});
afterAll(async () => {
  await t?.close();
});

const count = (sql: string) => (t.api.deps.db.sqlite.prepare(sql).get() as { n: number }).n;
const counts = () => ({
  cases: count("SELECT count(*) AS n FROM cases WHERE provider = 'ditto'"),
  audit: count('SELECT count(*) AS n FROM audit_log'),
});

async function token(body?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}/ditto/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body:
      body ??
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: t.clientId,
        client_secret: t.clientSecret,
      }).toString(),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

async function bearer() {
  const issued = await token();
  expect(issued.status).toBe(200);
  return issued.body.access_token as string;
}

async function push(body: string, authorization?: string, contentType = 'application/json') {
  const response = await fetch(`${t.url}/ditto/kyc`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      apiversion: 'v2',
      ...(authorization === undefined
        ? { authorization: `Bearer ${await bearer()}` }
        : authorization
          ? { authorization }
          : {}),
    },
    body,
  });
  const text = await response.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, body: parsed };
}

const payloadOf = (scenario: DittoScenario, requesterId?: string) =>
  buildKycPayload(scenario, requesterId ? { requesterId } : {});

describe('POST /ditto/token', () => {
  it('issues an expiring bearer token for the client credentials (form body)', async () => {
    const issued = await token();
    expect(issued.status).toBe(200);
    expect(issued.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 600 });
    expect(issued.body.access_token.length).toBeGreaterThanOrEqual(40);
    expect(issued.headers.get('cache-control')).toBe('no-store');
  });

  it('accepts a JSON body and HTTP Basic client authentication', async () => {
    const json = await token(
      JSON.stringify({
        grant_type: 'client_credentials',
        client_id: t.clientId,
        client_secret: t.clientSecret,
      }),
      { 'content-type': 'application/json' },
    );
    expect(json.status).toBe(200);
    const basic = await token('grant_type=client_credentials', {
      authorization: `Basic ${Buffer.from(`${t.clientId}:${t.clientSecret}`).toString('base64')}`,
    });
    expect(basic.status).toBe(200);
  });

  it('refuses wrong credentials with 401 in Ditto error shape and WWW-Authenticate', async () => {
    const refused = await token(
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: t.clientId,
        client_secret: 'wrong-secret',
      }).toString(),
    );
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({
      response_code: 1,
      error_code: 2604,
      error_message: 'Authorization failed',
    });
    expect(refused.headers.get('www-authenticate')).toMatch(/^Basic /);
    const unsupported = await token('grant_type=password&client_id=a&client_secret=b');
    expect(unsupported.status).toBe(400);
  });

  it('tokens stop working once expired (injected clock)', async () => {
    const access = await bearer();
    const requesterId = crypto.randomUUID();
    clock.advance(601_000);
    const expired = await push(JSON.stringify(payloadOf('good_document', requesterId)), `Bearer ${access}`);
    expect(expired.status).toBe(401);
    expect(expired.body.error_code).toBe(2604);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
});

describe('POST /ditto/kyc', () => {
  it('stores a good submission in one transaction and replies per §3.5', async () => {
    const before = counts();
    const payload = payloadOf('good_document');
    const reply = await push(JSON.stringify(payload));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      result: true,
      reference_number: expect.stringMatching(/^KYC-\d{4}-\d{6}$/),
      user_id: payload.request_info.user_id,
      status_code: 0,
      status_message: 'accepted',
    });
    expect(counts()).toEqual({ cases: before.cases + 1, audit: before.audit + 1 });
    const row = t.api.deps.db.sqlite
      .prepare("SELECT * FROM cases WHERE provider = 'ditto' AND external_id = ?")
      .get(payload.request_info.requester_id) as Record<string, any>;
    expect(row).toMatchObject({
      kind: 'kyc_submission',
      status: 'needs_review',
      provider_status: 'OK',
      subject_name: 'John Sample',
      document_number: 'PA9992592',
      subject_country: 'LVA',
      risk_score: 0,
      risk_band: 'low',
      warning_count: 0,
    });
    const audit = t.api.deps.db.sqlite
      .prepare('SELECT * FROM audit_log WHERE case_id = ?')
      .all(row.id) as Record<string, any>[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'case.created', actor_type: 'provider', actor_id: 'ditto' });
    expect(audit[0]!.after).not.toContain('Sample');
    expect(verifyAuditChain(t.api.deps.db).ok).toBe(true);
  });

  it.each([
    ['expired_document', ['document_status_not_ok', 'document_error'], 50],
    ['face_mismatch', ['face_match_below_threshold'], 50],
    ['low_liveness', ['liveness_below_threshold'], 50],
    ['mrz_visual_mismatch', ['field_sources_disagree'], 15],
  ] as const)('flags %s with transparent issues and risk', async (scenario, codes, risk) => {
    const payload = payloadOf(scenario);
    const reply = await push(JSON.stringify(payload));
    expect(reply.status).toBe(200);
    const row = t.api.deps.db.sqlite
      .prepare("SELECT * FROM cases WHERE provider = 'ditto' AND external_id = ?")
      .get(payload.request_info.requester_id) as Record<string, any>;
    expect(row.status).toBe('needs_review');
    expect(row.risk_score).toBe(risk);
    expect(row.warning_count).toBe(codes.length);
    const view = dittoCaseView(row.payload);
    expect(view?.issues.map((i) => i.code)).toEqual(codes);
  });

  it('a retry with the same requester_id returns the same reference and changes nothing', async () => {
    const payload = payloadOf('good_document');
    const first = await push(JSON.stringify(payload));
    const before = counts();
    // Re-encoded differently (key order, spacing) but the same submission.
    const reordered = JSON.stringify(
      { kyc_info: payload.kyc_info, request_info: payload.request_info },
      null,
      2,
    );
    const again = await Promise.all([push(reordered), push(JSON.stringify(payload))]);
    for (const reply of again) {
      expect(reply.status).toBe(200);
      expect(reply.body.reference_number).toBe(first.body.reference_number);
    }
    expect(counts()).toEqual(before);
  });

  it('the same requester_id with a different payload is a 409 and changes nothing', async () => {
    const requesterId = crypto.randomUUID();
    expect((await push(JSON.stringify(payloadOf('good_document', requesterId)))).status).toBe(200);
    const before = counts();
    const conflict = await push(JSON.stringify(payloadOf('face_mismatch', requesterId)));
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ result: false, code: 'ditto_requester_id_conflict' });
    expect(counts()).toEqual(before);
  });

  it('refuses a bad or missing token with 401 and stores nothing', async () => {
    const before = counts();
    const body = JSON.stringify(payloadOf('good_document'));
    const bad = await push(body, 'Bearer not-a-token');
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({
      response_code: 1,
      error_code: 2604,
      error_message: 'Authorization failed',
    });
    const missing = await push(body, '');
    expect(missing.status).toBe(401);
    expect(missing.body.error_code).toBe(2601);
    const basic = await push(
      body,
      `Basic ${Buffer.from(`${t.clientId}:${t.clientSecret}`).toString('base64')}`,
    );
    expect(basic.status).toBe(401); // Basic on /kyc is off unless DITTO_KYC_BASIC_AUTH=true
    expect(counts()).toEqual(before);
  });

  it('refuses malformed bodies with 400 and stores nothing', async () => {
    const before = counts();
    for (const body of [
      'not json',
      '[]',
      '{}',
      JSON.stringify({ request_info: { requester_id: '' }, kyc_info: {} }),
    ]) {
      const reply = await push(body);
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ result: false, code: 'ditto_body_malformed' });
    }
    expect(counts()).toEqual(before);
  });

  it('refuses a body above 20 MB with 413 and stores nothing', async () => {
    const before = counts();
    const payload = payloadOf('good_document') as any;
    payload.kyc_info.document.raw_data = 'A'.repeat(20 * 1024 * 1024 + 1);
    const reply = await push(JSON.stringify(payload));
    expect(reply.status).toBe(413);
    expect(counts()).toEqual(before);
  });

  it('never logs names, document numbers, user ids or images (canary)', async () => {
    const payload = payloadOf('mrz_visual_mismatch') as any;
    const canaryName = 'Zyxcanary';
    const canaryNumber = 'CANARY998877';
    payload.kyc_info.document.identity_data['Given name'] = canaryName;
    payload.kyc_info.document.identity_data['Document number'] = canaryNumber;
    payload.request_info.user_id = 'canary.user@example.test';
    const image = payload.kyc_info.document.document_info.document_images.front_page as string;
    expect((await push(JSON.stringify(payload))).status).toBe(200);
    expect((await push(JSON.stringify({ ...payload, extra: canaryName }))).status).toBe(409);
    const logs = t.logs.join('\n');
    for (const secret of [
      canaryName,
      canaryNumber,
      'canary.user@example.test',
      image.slice(20, 60),
      t.clientSecret,
    ]) {
      expect(logs).not.toContain(secret);
    }
    // Nor does the append-only audit log hold any of the submitted fields.
    const audit = JSON.stringify(t.api.deps.db.sqlite.prepare('SELECT * FROM audit_log').all());
    for (const field of [canaryName, canaryNumber, 'canary.user@example.test']) {
      expect(audit).not.toContain(field);
    }
  });
});
