import { describe, expect, it } from 'vitest';
import {
  canonicalizeDiditJson,
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
