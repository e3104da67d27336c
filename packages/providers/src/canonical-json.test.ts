import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalizeDiditJson,
  canonicalJson,
  compareByCodePoint,
  formatPythonNumber,
  parseJsonKeepingLargeIntegers,
} from './canonical-json';

describe('formatPythonNumber matches Python json.dumps(shorten_floats(x))', () => {
  it.each([
    [0.00001, '1e-05'],
    [0.000015, '1.5e-05'],
    [1.5e-7, '1.5e-07'],
    [-2.5e-10, '-2.5e-10'],
    [1e-100, '1e-100'],
    [0.0001, '0.0001'],
    [0.30000000000000004, '0.30000000000000004'],
    [95.4, '95.4'],
    [100.0, '100'],
    [-0, '0'],
    [1e16, '10000000000000000'],
    [1e21, '1000000000000000000000'],
    [123456789.125, '123456789.125'],
  ])('%d → %s', (value, python) => {
    expect(formatPythonNumber(value)).toBe(python);
  });

  it('refuses non-finite numbers', () => {
    expect(() => formatPythonNumber(Number.POSITIVE_INFINITY)).toThrow();
  });
});

describe('canonicalizeDiditJson', () => {
  it('sorts keys at every depth, keeps array order and compact separators', () => {
    const value = { b: [{ z: 1, a: null }, true], a: { d: false, c: 'x/y' } };
    expect(canonicalizeDiditJson(value, { ensureAscii: false })).toBe(
      '{"a":{"c":"x/y","d":false},"b":[{"a":null,"z":1},true]}',
    );
  });

  it('sorts keys by code point, not UTF-16 unit (astral keys)', () => {
    const value = { '😀': 1, '｡': 2 };
    expect(Object.keys(value).sort()).toEqual(['😀', '｡']);
    expect(canonicalizeDiditJson(value, { ensureAscii: false })).toBe('{"｡":2,"😀":1}');
    expect(compareByCodePoint('ab', 'a')).toBeGreaterThan(0);
  });

  it('escapes like Python with ensure_ascii, lowercase hex and surrogate pairs', () => {
    const value = { name: 'José 北京 😀\u007f\n"\\' };
    expect(canonicalizeDiditJson(value, { ensureAscii: true })).toBe(
      String.raw`{"name":"Jos\u00e9 \u5317\u4eac \ud83d\ude00\u007f\n\"\\"}`,
    );
    expect(canonicalizeDiditJson(value, { ensureAscii: false })).toBe(
      `{"name":"José 北京 😀\u007f\\n\\"\\\\"}`,
    );
  });

  it('keeps the digits of integers beyond 2^53', () => {
    const body = '{"big":12345678901234567890,"small":-0,"id":"12345678901234567890"}';
    expect(canonicalizeDiditJson(parseJsonKeepingLargeIntegers(body), { ensureAscii: false })).toBe(
      '{"big":12345678901234567890,"id":"12345678901234567890","small":0}',
    );
  });

  it('keeps a "__proto__" key as plain data', () => {
    const parsed = parseJsonKeepingLargeIntegers('{"__proto__":{"x":1},"n":12345678901234567890}');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(canonicalizeDiditJson(parsed, { ensureAscii: false })).toBe(
      '{"__proto__":{"x":1},"n":12345678901234567890}',
    );
  });

  it('throws on invalid JSON like JSON.parse', () => {
    expect(() => parseJsonKeepingLargeIntegers('{"a":12345678901234567890')).toThrow(SyntaxError);
  });
});

describe('canonicalJson (the one serializer of the API, the packages and the audit chain)', () => {
  it('keeps a "__proto__" key: {"__proto__":{"a":1}} and {} differ, and the key round-trips', () => {
    const text = '{"__proto__":{"a":1}}';
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(canonicalJson(parsed)).toBe(text);
    expect(canonicalJson(parsed)).not.toBe(canonicalJson({}));
    expect(canonicalJson(JSON.parse(canonicalJson(parsed)))).toBe(text);
    // Nested, and next to other keys, it sorts like any other key.
    const nested = JSON.parse('{"b":{"__proto__":null,"a":[{"__proto__":1}]},"_":0}');
    expect(canonicalJson(nested)).toBe('{"_":0,"b":{"__proto__":null,"a":[{"__proto__":1}]}}');
  });

  it("reproduces Didit's published V2 vector (non-ASCII decision)", () => {
    const body = String.raw`{"application_id":"11111111-2222-3333-4444-555555555555","created_at":1774969994,"decision":{"id_verifications":[{"first_name":"Jos\u00e9","last_name":"M\u00fcller-\u00dcnl\u00fc","node_id":"id_verification_1","place_of_birth":"\u5317\u4eac","status":"Approved"}],"session_id":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","status":"Approved"},"environment":"live","event_id":"9c0c8b8a-1111-4222-9333-444444444444","session_id":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","status":"Approved","timestamp":1774970000,"vendor_data":"wp-42","webhook_type":"status.updated","workflow_id":"22222222-3333-4444-5555-666666666666","workflow_version":4}`;
    const v2 = createHmac('sha256', 'wh_test_secret_9f2c4b8e1a7d')
      .update(canonicalJson(JSON.parse(body)), 'utf8')
      .digest('hex');
    expect(v2).toBe('7e416d66763a1f7e228ab0d94677f87152ad58560f0c71e8db7eb6b16faf7009');
  });

  it('leaves out undefined properties and writes undefined array items as null, like JSON.stringify', () => {
    const value = { b: undefined, a: [undefined, 1], when: new Date(0) };
    expect(canonicalJson(value)).toBe('{"a":[null,1],"when":"1970-01-01T00:00:00.000Z"}');
    expect(() => canonicalJson(undefined)).toThrow();
  });

  it('orders keys like code points for BMP-only, astral and mixed keys', () => {
    const keys = ['b', 'a', '\uffff', '😀', 'ab', '', '\ue000', 'a😀', 'a\uffff'];
    const byPoints = [...keys].sort((l, r) => {
      const lp = Array.from(l, (c) => c.codePointAt(0) ?? 0);
      const rp = Array.from(r, (c) => c.codePointAt(0) ?? 0);
      for (let i = 0; i < Math.min(lp.length, rp.length); i++)
        if (lp[i] !== rp[i]) return (lp[i] ?? 0) - (rp[i] ?? 0);
      return lp.length - rp.length;
    });
    expect([...keys].sort(compareByCodePoint)).toEqual(byPoints);
  });
});
