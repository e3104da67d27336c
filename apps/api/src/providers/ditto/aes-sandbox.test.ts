import { randomBytes } from 'node:crypto';
import type { DittoAesTransformation } from '@backoffice/providers/ditto';
import { decryptDittoBody, encryptDittoBody } from '@backoffice/providers/ditto';
import { afterAll, describe, expect, it } from 'vitest';
// The sandbox package does not export the Ditto sandbox from its index yet (the integrator wires it).
import {
  type DittoAesConfig,
  type DittoKeyEncoding,
  dittoDecrypt,
  dittoEncrypt,
  type RunningDittoSandbox,
  startDittoSandbox,
} from '../../../../sandbox/src/ditto/index';
import { decodeKeyMaterial } from './config';
import { type DittoTestApi, startDittoTestApi } from './test-support';

const TRANSFORMATIONS: DittoAesTransformation[] = ['AES/CBC/PKCS5Padding', 'AES/GCM/NoPadding'];
const ENCODINGS: DittoKeyEncoding[] = ['utf8', 'base64', 'hex'];

function keyMaterial(encoding: DittoKeyEncoding, transformation: DittoAesTransformation) {
  const ivBytes = transformation === 'AES/GCM/NoPadding' ? 12 : 16;
  if (encoding === 'utf8') return { key: 'k'.repeat(16) + 'ey-material-32b!', iv: 'i'.repeat(ivBytes) };
  const key = randomBytes(32);
  const iv = randomBytes(ivBytes);
  return { key: key.toString(encoding), iv: iv.toString(encoding) };
}

describe('AES: the API and the sandbox (independent implementations) agree', () => {
  for (const transformation of TRANSFORMATIONS) {
    for (const encoding of ENCODINGS) {
      it(`${transformation} with ${encoding} key and IV`, () => {
        const { key, iv } = keyMaterial(encoding, transformation);
        const sandbox: DittoAesConfig = {
          enable: true,
          algorithm: 'AES',
          key,
          ivParamSpec: iv,
          cipherSpec: transformation,
          blockSizeBytes: 16,
          keyEncoding: encoding,
        };
        const api = {
          transformation,
          key: decodeKeyMaterial(key, encoding),
          iv: decodeKeyMaterial(iv, encoding),
        };
        for (const text of ['{}', '{"name":"Bērziņa ✓"}', 'x'.repeat(16), 'y'.repeat(100_003)]) {
          expect(decryptDittoBody(dittoEncrypt(text, sandbox), api)).toBe(text);
          expect(dittoDecrypt(encryptDittoBody(text, api), sandbox)).toBe(text);
        }
        const tampered = Buffer.from(dittoEncrypt('{"a":1}', sandbox), 'base64');
        tampered[0]! ^= 1;
        if (transformation === 'AES/GCM/NoPadding') {
          expect(() => decryptDittoBody(tampered.toString('base64'), api)).toThrow();
        }
      });
    }
  }
});

describe('the Ditto sandbox pushing to the real API', () => {
  const running: { api?: DittoTestApi; sandbox?: RunningDittoSandbox }[] = [];
  afterAll(async () => {
    for (const r of running) {
      await r.sandbox?.close();
      await r.api?.close();
    }
  });

  async function pair(
    transformation: DittoAesTransformation,
    encoding: DittoKeyEncoding,
    encrypted: boolean,
  ) {
    const { key, iv } = keyMaterial(encoding, transformation);
    const api = await startDittoTestApi(
      encrypted
        ? {
            DITTO_AES_ENABLED: 'true',
            DITTO_RESPONSE_AES_ENABLED: 'true',
            DITTO_AES_KEY: key,
            DITTO_AES_IV: iv,
            DITTO_AES_KEY_ENCODING: encoding,
            DITTO_AES_TRANSFORMATION: transformation,
          }
        : {},
    );
    const controlApiKey = randomBytes(12).toString('hex');
    const sandbox = await startDittoSandbox({
      port: 0,
      controlApiKey,
      target: {
        kycUrl: `${api.url}/ditto/kyc`,
        tokenUrl: `${api.url}/ditto/token`,
        clientId: api.clientId,
        clientSecret: api.clientSecret,
        ...(encrypted
          ? {
              aes: {
                requestEnabled: true,
                responseEnabled: true,
                key,
                iv,
                keyEncoding: encoding,
                cipherSpec: transformation,
              },
            }
          : {}),
      },
    });
    running.push({ api, sandbox });
    const control = async (path: string, body?: unknown) => {
      const response = await fetch(`${sandbox.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'x-api-key': controlApiKey, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    return { api, sandbox, control };
  }

  it('pushes every scenario with a bearer token; the reply is read through the locators', async () => {
    const { api, control } = await pair('AES/CBC/PKCS5Padding', 'utf8', false);
    const scenarios = [
      'good_document',
      'expired_document',
      'face_mismatch',
      'low_liveness',
      'nfc_verified',
      'nfc_unsupported',
      'mrz_visual_mismatch',
    ];
    for (const scenario of scenarios) {
      const { status, body } = await control('/_sandbox/ditto/submissions', { scenario });
      expect(status).toBe(200);
      expect(body.deliveries[0]).toMatchObject({
        httpStatus: 200,
        success: true,
        userIdMismatch: false,
        statusCode: 0,
        error: null,
        referenceNumber: expect.stringMatching(/^KYC-/),
      });
    }
    const n = api.api.deps.db.sqlite
      .prepare("SELECT count(*) AS n FROM cases WHERE provider = 'ditto'")
      .get() as {
      n: number;
    };
    expect(n.n).toBe(scenarios.length);
    expect((await control('/_sandbox/ditto/submissions', {})).status).toBe(400);
    expect((await fetch(`${running.at(-1)!.sandbox!.url}/_sandbox/ditto/deliveries`)).status).toBe(401);
  });

  it('retries with the same requester_id get the same reference and one case, one audit row', async () => {
    const { api, control } = await pair('AES/CBC/PKCS5Padding', 'utf8', false);
    const first = await control('/_sandbox/ditto/submissions', { scenario: 'good_document', seed: 0 });
    const retries = await control('/_sandbox/ditto/submissions', {
      scenario: 'good_document',
      seed: 0,
      count: 3,
      retrySameRequesterId: true,
    });
    const reference = first.body.deliveries[0].referenceNumber;
    for (const delivery of retries.body.deliveries) {
      expect(delivery.requesterId).toBe(first.body.deliveries[0].requesterId);
      expect(delivery.referenceNumber).toBe(reference);
    }
    const db = api.api.deps.db.sqlite;
    expect((db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(1);
    expect((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(1);
  });

  it('refreshes the token once on 401 and succeeds', async () => {
    const { sandbox, control } = await pair('AES/CBC/PKCS5Padding', 'utf8', false);
    await control('/_sandbox/ditto/submissions', { scenario: 'good_document' });
    sandbox.pusher.corruptCachedToken();
    const { body } = await control('/_sandbox/ditto/submissions', { scenario: 'good_document' });
    expect(body.deliveries[0]).toMatchObject({ tokenRefreshed: true, success: true, httpStatus: 200 });
  });

  for (const transformation of TRANSFORMATIONS) {
    for (const encoding of ENCODINGS) {
      it(`encrypted push and reply with ${transformation}, ${encoding} key`, async () => {
        const { control } = await pair(transformation, encoding, true);
        const { body } = await control('/_sandbox/ditto/submissions', { scenario: 'face_mismatch' });
        expect(body.deliveries[0]).toMatchObject({
          encrypted: true,
          success: true,
          httpStatus: 200,
          error: null,
        });
        // A plaintext body when encryption is required is refused as undecryptable.
        const plain = await control('/_sandbox/ditto/submissions', {
          scenario: 'good_document',
          encrypt: false,
        });
        expect(plain.body.deliveries[0]).toMatchObject({ httpStatus: 400, success: false });
        expect(plain.body.deliveries[0].reply).toMatchObject({ code: 'ditto_body_undecryptable' });
      });
    }
  }

  it('a multi-MB submission is accepted', async () => {
    const { control } = await pair('AES/GCM/NoPadding', 'hex', true);
    const { body } = await control('/_sandbox/ditto/submissions', {
      scenario: 'good_document',
      imageBytes: 2 * 1024 * 1024,
    });
    expect(body.deliveries[0]).toMatchObject({ success: true, httpStatus: 200 });
  });
});
