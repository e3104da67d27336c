import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDiditWebhookSignatures, measureJsonText, verifyDiditWebhook } from './webhook';

// Official vectors, docs/providers/didit.md §1.7 (Didit's WordPress plugin fixtures).
const SECRET = 'wh_test_secret_9f2c4b8e1a7d';
const SIGNED_AT_SECONDS = 1774970000;
const SIGNED_AT_MS = SIGNED_AT_SECONDS * 1000;

const DECLINED_BODY =
  '{"application_id":"11111111-2222-3333-4444-555555555555","created_at":1774969994,"environment":"live","event_id":"9c0c8b8a-1111-4222-9333-444444444444","metadata":{"wp_user_id":42},"session_id":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","status":"Declined","timestamp":1774970000,"vendor_data":"wp-42","webhook_type":"status.updated","workflow_id":"22222222-3333-4444-5555-666666666666","workflow_version":4}';
const DECLINED_SIGNATURES = {
  raw: '1b132d6284727cc34cb259add34355e547fe103c65475a8d6286462edf909b63',
  v2: '1b132d6284727cc34cb259add34355e547fe103c65475a8d6286462edf909b63',
  simple: 'ea157dba351b4c0f93fdaacd85059d494fd7696b3993c7a6707c2593d0fb4c74',
};

const UNICODE_BODY = String.raw`{"application_id":"11111111-2222-3333-4444-555555555555","created_at":1774969994,"decision":{"id_verifications":[{"first_name":"Jos\u00e9","last_name":"M\u00fcller-\u00dcnl\u00fc","node_id":"id_verification_1","place_of_birth":"\u5317\u4eac","status":"Approved"}],"session_id":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","status":"Approved"},"environment":"live","event_id":"9c0c8b8a-1111-4222-9333-444444444444","session_id":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","status":"Approved","timestamp":1774970000,"vendor_data":"wp-42","webhook_type":"status.updated","workflow_id":"22222222-3333-4444-5555-666666666666","workflow_version":4}`;
const UNICODE_SIGNATURES = {
  raw: 'b7b49a28ae4118438ef4d0f0fd603c4387cc39adf3ed451da18dc521c1d3e7eb',
  v2: '7e416d66763a1f7e228ab0d94677f87152ad58560f0c71e8db7eb6b16faf7009',
  simple: 'd831dd64f6c1801e214d9c114fe24167baee695a879404771d3d5dbfb10fdf75',
};

// Same fixture file, "float_scores" case: 100.0 and 0.0 were shortened to ints before signing.
const FLOAT_SCORES_BODY =
  '{"application_id":"11111111-2222-3333-4444-555555555555","created_at":1774969994,"decision":{"face_matches":[{"node_id":"face_match_1","score":96.15,"threshold":0}],"liveness_checks":[{"node_id":"liveness_1","score":95.4,"threshold":100}],"session_id":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","status":"Approved"},"environment":"live","event_id":"9c0c8b8a-1111-4222-9333-444444444444","session_id":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","status":"Approved","timestamp":1774970000,"vendor_data":"wp-42","webhook_type":"status.updated","workflow_id":"22222222-3333-4444-5555-666666666666","workflow_version":4}';
const FLOAT_SCORES_SIGNATURE = '44bc5a7be5137ee5ea7f58ed7471724c1fbeb496ea4672c46a898172e710bbfa';

function headersFor(signatures: { raw?: string; v2?: string; simple?: string }): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (signatures.raw !== undefined) headers['X-Signature'] = signatures.raw;
  if (signatures.v2 !== undefined) headers['X-Signature-V2'] = signatures.v2;
  if (signatures.simple !== undefined) headers['X-Signature-Simple'] = signatures.simple;
  return headers;
}

describe('computeDiditWebhookSignatures reproduces the official vectors', () => {
  it.each([
    ['declined envelope', DECLINED_BODY, DECLINED_SIGNATURES],
    ['unicode decision', UNICODE_BODY, UNICODE_SIGNATURES],
  ])('%s: raw, V2 and simple', (_name, body, expected) => {
    expect(computeDiditWebhookSignatures(body, SECRET)).toEqual(expected);
  });

  it('float scores', () => {
    const signatures = computeDiditWebhookSignatures(FLOAT_SCORES_BODY, SECRET);
    expect(signatures.raw).toBe(FLOAT_SCORES_SIGNATURE);
    expect(signatures.v2).toBe(FLOAT_SCORES_SIGNATURE);
  });
});

describe('verifyDiditWebhook', () => {
  const verify = (
    body: string | Uint8Array,
    headers: Record<string, string> | Headers,
    overrides: { secrets?: string[]; nowMs?: number } = {},
  ) =>
    verifyDiditWebhook({
      rawBody: body,
      headers,
      secrets: overrides.secrets ?? [SECRET],
      nowMs: overrides.nowMs ?? SIGNED_AT_MS,
    });

  it('accepts both official vectors with all their headers, the raw signature first (one HMAC)', () => {
    const declined = verify(DECLINED_BODY, headersFor(DECLINED_SIGNATURES));
    expect(declined).toMatchObject({ ok: true, signature: 'raw' });
    const unicode = verify(
      new TextEncoder().encode(UNICODE_BODY),
      new Headers(headersFor(UNICODE_SIGNATURES)),
    );
    expect(unicode.ok).toBe(true);
    if (unicode.ok) {
      expect(unicode.signature).toBe('raw');
      expect(unicode.envelope.decision?.id_verifications?.[0]?.last_name).toBe('Müller-Ünlü');
    }
  });

  it('accepts each vector on the raw signature alone and on V2 alone', () => {
    for (const [body, signatures] of [
      [DECLINED_BODY, DECLINED_SIGNATURES],
      [UNICODE_BODY, UNICODE_SIGNATURES],
    ] as const) {
      expect(verify(body, headersFor({ raw: signatures.raw }))).toMatchObject({ ok: true, signature: 'raw' });
      expect(verify(body, headersFor({ v2: signatures.v2 }))).toMatchObject({ ok: true, signature: 'v2' });
    }
  });

  it('a re-encoded body fails the raw signature but passes V2', () => {
    const reencoded = JSON.stringify(JSON.parse(UNICODE_BODY));
    expect(reencoded).toContain('Müller');
    expect(verify(reencoded, headersFor({ raw: UNICODE_SIGNATURES.raw }))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verify(reencoded, headersFor(UNICODE_SIGNATURES))).toMatchObject({ ok: true, signature: 'v2' });
  });

  it('a re-ordered, re-spaced body still passes V2', () => {
    const parsed = JSON.parse(DECLINED_BODY) as Record<string, unknown>;
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(parsed).reverse()), null, 2);
    expect(verify(reordered, headersFor({ v2: DECLINED_SIGNATURES.v2 }))).toMatchObject({ ok: true });
  });

  it('a flipped status fails both signatures', () => {
    const tampered = DECLINED_BODY.replace('"status":"Declined"', '"status":"Approved"');
    expect(verify(tampered, headersFor(DECLINED_SIGNATURES))).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses X-Signature-Simple on its own, even when it is correct', () => {
    expect(verify(DECLINED_BODY, headersFor({ simple: DECLINED_SIGNATURES.simple }))).toEqual({
      ok: false,
      reason: 'missing_signature',
    });
    expect(verify(DECLINED_BODY, { 'content-type': 'application/json' })).toEqual({
      ok: false,
      reason: 'missing_signature',
    });
  });

  it('refuses an uppercase rendering of a correct signature (exact bytes only)', () => {
    expect(verify(DECLINED_BODY, headersFor({ v2: DECLINED_SIGNATURES.v2.toUpperCase() }))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('fails closed without a secret', () => {
    expect(verify(DECLINED_BODY, headersFor(DECLINED_SIGNATURES), { secrets: [] })).toEqual({
      ok: false,
      reason: 'no_secret',
    });
    expect(verify(DECLINED_BODY, headersFor(DECLINED_SIGNATURES), { secrets: [''] })).toEqual({
      ok: false,
      reason: 'no_secret',
    });
  });

  it('accepts the previous secret during a rotation and refuses an unrelated one', () => {
    const rotation = ['whsec_new_secret_value', SECRET];
    expect(verify(DECLINED_BODY, headersFor(DECLINED_SIGNATURES), { secrets: rotation })).toMatchObject({
      ok: true,
    });
    expect(verify(DECLINED_BODY, headersFor(DECLINED_SIGNATURES), { secrets: ['whsec_other'] })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it.each([
    ['invalid JSON', '{"timestamp":1774970000,'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
  ])('reports %s as malformed', (_name, body) => {
    expect(verify(body, headersFor({ v2: DECLINED_SIGNATURES.v2 }))).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('reports a correctly signed body without a numeric timestamp as malformed', () => {
    const body = '{"session_id":"s","status":"Approved","timestamp":"soon"}';
    const signatures = computeDiditWebhookSignatures(body, SECRET);
    expect(verify(body, headersFor(signatures))).toEqual({ ok: false, reason: 'malformed' });
  });

  describe('freshness on the signed body timestamp', () => {
    it.each([-299, 299, 0])('accepts a delivery %i s away', (offset) => {
      const result = verify(DECLINED_BODY, headersFor(DECLINED_SIGNATURES), {
        nowMs: (SIGNED_AT_SECONDS + offset) * 1000,
      });
      expect(result.ok).toBe(true);
    });

    it.each([-301, 301])('refuses a delivery %i s away', (offset) => {
      const result = verify(DECLINED_BODY, headersFor(DECLINED_SIGNATURES), {
        nowMs: (SIGNED_AT_SECONDS + offset) * 1000,
      });
      expect(result).toEqual({ ok: false, reason: 'stale' });
    });

    it('ignores a fresh X-Timestamp header on an old body', () => {
      const nowSeconds = SIGNED_AT_SECONDS + 3600;
      const headers = { ...headersFor(DECLINED_SIGNATURES), 'X-Timestamp': String(nowSeconds) };
      expect(verify(DECLINED_BODY, headers, { nowMs: nowSeconds * 1000 })).toEqual({
        ok: false,
        reason: 'stale',
      });
    });
  });

  describe('one-bit flips are always refused', () => {
    const flipBit = (text: string, index: number, bit: number) =>
      text.slice(0, index) + String.fromCharCode(text.charCodeAt(index) ^ (1 << bit)) + text.slice(index + 1);

    it('in the body', () => {
      const bytes = new TextEncoder().encode(DECLINED_BODY);
      fc.assert(
        fc.property(fc.nat(bytes.length - 1), fc.nat(7), (index, bit) => {
          const flipped = bytes.slice();
          flipped[index] = (flipped[index] ?? 0) ^ (1 << bit);
          expect(verify(flipped, headersFor(DECLINED_SIGNATURES)).ok).toBe(false);
        }),
      );
    });

    it('in the secret', () => {
      fc.assert(
        fc.property(fc.nat(SECRET.length - 1), fc.nat(6), (index, bit) => {
          const result = verify(DECLINED_BODY, headersFor(DECLINED_SIGNATURES), {
            secrets: [flipBit(SECRET, index, bit)],
          });
          expect(result).toEqual({ ok: false, reason: 'bad_signature' });
        }),
      );
    });

    it('in either signature header', () => {
      fc.assert(
        fc.property(
          fc.constantFrom('raw' as const, 'v2' as const),
          fc.nat(DECLINED_SIGNATURES.v2.length - 1),
          fc.nat(6),
          (header, index, bit) => {
            const flipped = flipBit(DECLINED_SIGNATURES[header], index, bit);
            expect(verify(DECLINED_BODY, headersFor({ [header]: flipped }))).toEqual({
              ok: false,
              reason: 'bad_signature',
            });
          },
        ),
      );
    });
  });

  describe('hostile input never throws (docs/reliability.md R24)', () => {
    it('random bytes with a random signature', () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 512 }),
          fc.stringMatching(/^[0-9a-f]{64}$/),
          (body, signature) => {
            expect(verify(body, headersFor({ raw: signature, v2: signature })).ok).toBe(false);
          },
        ),
      );
    });

    it('any correctly signed JSON value is either a valid fresh envelope or refused', () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
          const body = JSON.stringify(value);
          const result = verify(body, headersFor({ v2: computeDiditWebhookSignatures(body, SECRET).v2 }));
          if (result.ok)
            expect(Math.abs(result.envelope.timestamp - SIGNED_AT_SECONDS)).toBeLessThanOrEqual(300);
          else expect(['malformed', 'stale']).toContain(result.reason);
        }),
      );
    });

    it('deep nesting, __proto__ keys and huge strings', () => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      // Refused on the text, before the parser or the canonicalizer recurse into it.
      expect(verify(deep, headersFor({ v2: DECLINED_SIGNATURES.v2 }))).toEqual({
        ok: false,
        reason: 'too_complex',
      });
      const proto = `{"__proto__":{"admin":true},"timestamp":${SIGNED_AT_SECONDS},"note":"${'x'.repeat(1_000_000)}"}`;
      const result = verify(proto, headersFor({ v2: computeDiditWebhookSignatures(proto, SECRET).v2 }));
      expect(result.ok).toBe(true);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });
  });
});

describe('verification cost is bounded before canonicalization', () => {
  const manyKeys = (count: number) => {
    const envelope = JSON.parse(DECLINED_BODY) as Record<string, unknown>;
    const metadata: Record<string, number> = {};
    for (let index = 0; index < count; index++) metadata[index.toString(36)] = 0;
    return JSON.stringify({ ...envelope, metadata });
  };
  const verify = (body: string, headers: Record<string, string>) =>
    verifyDiditWebhook({ rawBody: body, headers, secrets: [SECRET], nowMs: SIGNED_AT_MS });

  it('refuses a wrongly signed body with 200,000 keys as too_complex, without canonicalizing it', () => {
    const body = manyKeys(200_000);
    expect(verify(body, headersFor({ raw: 'a'.repeat(64), v2: 'b'.repeat(64) }))).toEqual({
      ok: false,
      reason: 'too_complex',
    });
  }, 30_000);

  it('refuses nesting deeper than the limit on V2, counted on the text', () => {
    const deep = `{"a":${'['.repeat(40)}${']'.repeat(40)}}`;
    expect(verify(deep, headersFor({ v2: 'b'.repeat(64) }))).toEqual({ ok: false, reason: 'too_complex' });
  });

  it('still accepts a large body whose raw signature verifies (the raw HMAC is checked first)', () => {
    const body = manyKeys(30_000);
    const raw = createHmac('sha256', SECRET).update(body).digest('hex');
    expect(verify(body, headersFor({ raw, v2: 'b'.repeat(64) }))).toMatchObject({
      ok: true,
      signature: 'raw',
    });
  });

  it('measures keys and depth outside strings only', () => {
    expect(measureJsonText('{"a:b":"[{:}]","c":[{"d":"\\"}]}', 32)).toEqual({ keys: 3, tooDeep: false });
    expect(measureJsonText('[[[]]]', 2)).toEqual({ keys: 0, tooDeep: true });
  });
});
