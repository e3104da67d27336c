import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DittoTestApi, startDittoTestApi } from '../providers/ditto/test-support';
import { KRYPTOGO_CALLBACKS_PER_ADDRESS_PER_MINUTE } from '../providers/kryptogo/routes';
import { type Harness, startHarness } from '../test/harness';

let h: Harness;
let ditto: DittoTestApi;
beforeAll(async () => {
  h = await startHarness({ kryptogo: true });
  ditto = await startDittoTestApi();
});
afterAll(async () => {
  await h?.close();
  await ditto?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * POST from a chosen loopback address (Linux routes all of 127/8 to lo), so a test can play several
 * clients: the API keys its throttles on the connection's address.
 */
function postFrom(
  localAddress: string,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {}
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('KryptoGO callback throttle (issue 7 item 9)', () => {
  const callback = (from: string, taskId: number) =>
    postFrom(from, `${h.apiUrl}/webhooks/kryptogo`, JSON.stringify({ task_id: taskId }), {
      'content-type': 'application/json',
    });

  it('answers 429 with Retry-After once one address passes its limit, and lets other addresses through', async () => {
    const from = '127.0.0.41';
    for (let i = 0; i < KRYPTOGO_CALLBACKS_PER_ADDRESS_PER_MINUTE; i++) {
      // A task our key cannot read: acknowledged, nothing stored, but each one is a provider read.
      expect((await callback(from, 900_000 + i)).status).toBe(200);
    }
    const refused = await callback(from, 999_999);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('too_many_requests');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another address is not held back by the first one's flood.
    expect((await callback('127.0.0.42', 999_998)).status).toBe(200);
  });
});

describe('Ditto token throttle per client id (issue 7 item 9)', () => {
  const tokenCall = (from: string, clientId: string, clientSecret: string) =>
    postFrom(
      from,
      `${ditto.url}/ditto/token`,
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );

  it('refuses a client id guessed from many addresses, in the Ditto refusal shape with Retry-After', async () => {
    // Twenty wrong secrets for the real client id, each from its own address (under the per-address limit).
    for (let i = 0; i < 20; i++) {
      const wrong = await tokenCall(`127.0.1.${i + 1}`, ditto.clientId, `wrong-${i}`);
      expect(wrong.status).toBe(401);
    }
    // The next call for that client id is refused unchecked, from a fresh address, even with the right secret.
    const throttled = await tokenCall('127.0.1.100', ditto.clientId, ditto.clientSecret);
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({
      result: false,
      reference_number: null,
      user_id: null,
      status_code: 429,
      code: 'too_many_failures',
    });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // Another client id from a fresh address is not affected.
    const other = await tokenCall('127.0.1.101', 'another-client', 'whatever');
    expect(other.status).toBe(401);
  });

  it('sends the client id in Basic credentials to the same bucket', async () => {
    const basic = Buffer.from(`${encodeURIComponent(ditto.clientId)}:${ditto.clientSecret}`).toString(
      'base64',
    );
    const throttled = await postFrom(
      `127.0.1.102`,
      `${ditto.url}/ditto/token`,
      'grant_type=client_credentials',
      {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${basic}`,
      },
    );
    expect(throttled.status).toBe(429);
  });
});
