import { describe, expect, it } from 'vitest';
import { canonicalJson, serializeNumber } from './canonical-json.js';
import { signWebhookPayload } from './signatures.js';

const SECRET = 'wh_test_secret_9f2c4b8e1a7d';
const ENVELOPE = {
  application_id: '11111111-2222-3333-4444-555555555555',
  created_at: 1774969994,
  environment: 'live',
  event_id: '9c0c8b8a-1111-4222-9333-444444444444',
  session_id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  timestamp: 1774970000,
  vendor_data: 'wp-42',
  webhook_type: 'status.updated',
  workflow_id: '22222222-3333-4444-5555-666666666666',
  workflow_version: 4,
};

describe('official Didit signature vectors (docs/providers/didit.md §1.7)', () => {
  it('reproduces vector 1 (declined, ASCII only)', () => {
    const signed = signWebhookPayload(
      { ...ENVELOPE, status: 'Declined', metadata: { wp_user_id: 42 } },
      SECRET,
    );
    expect(signed.rawBody).toBe(
      '{"application_id":"11111111-2222-3333-4444-555555555555","created_at":1774969994,"environment":"live","event_id":"9c0c8b8a-1111-4222-9333-444444444444","metadata":{"wp_user_id":42},"session_id":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","status":"Declined","timestamp":1774970000,"vendor_data":"wp-42","webhook_type":"status.updated","workflow_id":"22222222-3333-4444-5555-666666666666","workflow_version":4}',
    );
    expect(signed.signature).toBe('1b132d6284727cc34cb259add34355e547fe103c65475a8d6286462edf909b63');
    expect(signed.signatureV2).toBe('1b132d6284727cc34cb259add34355e547fe103c65475a8d6286462edf909b63');
    expect(signed.signatureSimple).toBe('ea157dba351b4c0f93fdaacd85059d494fd7696b3993c7a6707c2593d0fb4c74');
  });

  it('reproduces vector 2 (approved, non-ASCII decision)', () => {
    // Keys deliberately out of order: the canonical form must sort them at every depth.
    const payload = {
      decision: {
        status: 'Approved',
        session_id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
        id_verifications: [
          {
            status: 'Approved',
            place_of_birth: '北京',
            node_id: 'id_verification_1',
            last_name: 'Müller-Ünlü',
            first_name: 'José',
          },
        ],
      },
      ...ENVELOPE,
      status: 'Approved',
    };
    const signed = signWebhookPayload(payload, SECRET);
    expect(signed.rawBody).toContain('"first_name":"Jos\\u00e9"');
    expect(signed.rawBody).toContain('"place_of_birth":"\\u5317\\u4eac"');
    expect(signed.signature).toBe('b7b49a28ae4118438ef4d0f0fd603c4387cc39adf3ed451da18dc521c1d3e7eb');
    expect(signed.signatureV2).toBe('7e416d66763a1f7e228ab0d94677f87152ad58560f0c71e8db7eb6b16faf7009');
    expect(signed.signatureSimple).toBe('d831dd64f6c1801e214d9c114fe24167baee695a879404771d3d5dbfb10fdf75');
  });
});

describe('canonical JSON matches Python json.dumps', () => {
  it('prints numbers like Python after shorten_floats', () => {
    expect(serializeNumber(100.0)).toBe('100');
    expect(serializeNumber(-0)).toBe('0');
    expect(serializeNumber(87.42)).toBe('87.42');
    expect(serializeNumber(0.0001)).toBe('0.0001');
    expect(serializeNumber(0.00001)).toBe('1e-05');
    expect(serializeNumber(-2.5e-7)).toBe('-2.5e-07');
    expect(serializeNumber(1e21)).toBe('1000000000000000000000');
    expect(() => serializeNumber(Number.NaN)).toThrow();
  });

  it('escapes control characters, astral characters and keeps slashes', () => {
    const value = { b: 'a/b\u0001\n"\\', a: '😀', '\u00e9': 1, z: '\u007f' };
    expect(canonicalJson(value, { ensureAscii: true })).toBe(
      '{"a":"\\ud83d\\ude00","b":"a/b\\u0001\\n\\"\\\\","z":"\u007f","\\u00e9":1}',
    );
    expect(canonicalJson(value, { ensureAscii: false })).toBe(
      '{"a":"😀","b":"a/b\\u0001\\n\\"\\\\","z":"\u007f","é":1}',
    );
  });

  it('sorts keys by code point, not UTF-16 code unit', () => {
    expect(canonicalJson({ '\uff01': 1, '😀': 2 }, { ensureAscii: false })).toBe('{"！":1,"😀":2}');
  });
});
