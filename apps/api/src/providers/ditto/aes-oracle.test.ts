import { createCipheriv } from 'node:crypto';
import { encryptDittoBody } from '@backoffice/providers/ditto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKycPayload } from '../../../../sandbox/src/ditto/scenarios';
import { type DittoTestApi, startDittoTestApi } from './test-support';

const KEY = 'k'.repeat(16) + 'ey-material-32b!';
const IV = 'i'.repeat(16);
const settings = {
  transformation: 'AES/CBC/PKCS5Padding' as const,
  key: Buffer.from(KEY, 'utf8'),
  iv: Buffer.from(IV, 'utf8'),
};
const CANARY = 'Canary-Ørsted-7731';

/** Raw CBC over already-padded blocks, to build ciphertexts whose padding is wrong on purpose. */
function cbcWithoutPadding(blocks: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', settings.key, settings.iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(blocks), cipher.final()]).toString('base64');
}

let t: DittoTestApi;
beforeAll(async () => {
  t = await startDittoTestApi({
    DITTO_AES_ENABLED: 'true',
    DITTO_AES_KEY: KEY,
    DITTO_AES_IV: IV,
    DITTO_AES_TRANSFORMATION: 'AES/CBC/PKCS5Padding',
  });
});
afterAll(async () => {
  await t?.close();
});

async function push(body: string) {
  const issued = await fetch(`${t.url}/ditto/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: t.clientId,
      client_secret: t.clientSecret,
    }).toString(),
  });
  const { access_token } = (await issued.json()) as { access_token: string };
  const response = await fetch(`${t.url}/ditto/kyc`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      apiversion: 'v2',
      authorization: `Bearer ${access_token}`,
    },
    body,
  });
  const { requestId, ...rest } = (await response.json()) as Record<string, unknown>;
  return { status: response.status, body: rest, requestId };
}

describe('Ditto AES: one generic 400 for every unreadable encrypted body (no padding oracle)', () => {
  it('answers Base64, block, padding, UTF-8, JSON and schema failures identically, logs the reason without PII', async () => {
    const valid = buildKycPayload('good_document', { requesterId: 'oracle-1' }) as Record<string, unknown>;
    const lastBlock = Buffer.from(encryptDittoBody(JSON.stringify(valid), settings), 'base64');
    const flippedPad = Buffer.from(lastBlock);
    // Flipping a bit of the second-to-last block garbles the last plaintext block: its pad is wrong.
    flippedPad[flippedPad.length - 17]! ^= 0x01;
    const bodies: Record<string, string> = {
      notBase64: '%%% not base64 %%%',
      notWholeBlocks: Buffer.alloc(17, 7).toString('base64'),
      zeroPad: cbcWithoutPadding(Buffer.alloc(32, 0)),
      longPad: cbcWithoutPadding(Buffer.alloc(32, 17)),
      tampered: flippedPad.toString('base64'),
      goodPadNotUtf8: encryptBytes(Buffer.from([0xff, 0xfe, 0xfd])),
      notJson: encryptDittoBody('not json at all', settings),
      schemaInvalid: encryptDittoBody(
        JSON.stringify({ request_info: { requester_id: '' }, kyc_info: { name: CANARY } }),
        settings,
      ),
      plaintextJson: JSON.stringify(valid),
    };
    const replies = new Map<string, { status: number; body: Record<string, unknown> }>();
    for (const [name, body] of Object.entries(bodies)) {
      const { status, body: reply } = await push(body);
      replies.set(name, { status, body: reply });
    }
    const reference = replies.get('notBase64');
    expect(reference).toEqual({
      status: 400,
      body: expect.objectContaining({ code: 'ditto_body_undecryptable' }),
    });
    for (const [name, reply] of replies) expect({ name, ...reply }).toEqual({ name, ...reference });
    expect(
      t.api.deps.db.sqlite.prepare("SELECT count(*) AS n FROM cases WHERE provider = 'ditto'").get(),
    ).toEqual({
      n: 0,
    });

    const logs = t.logs.join('');
    expect(logs).toContain('the PKCS#5 padding is invalid');
    expect(logs).toContain('the decrypted body is not UTF-8');
    expect(logs).toContain('The body is not JSON.');
    expect(logs).toContain('The KYC payload is not valid at');
    expect(logs).not.toContain(CANARY);
  });

  it('still accepts a correctly encrypted push', async () => {
    const payload = buildKycPayload('good_document', { requesterId: 'oracle-ok' });
    const { status } = await push(encryptDittoBody(JSON.stringify(payload), settings));
    expect(status).toBe(200);
  });
});

function encryptBytes(plain: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', settings.key, settings.iv);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}
