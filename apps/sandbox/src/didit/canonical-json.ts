/**
 * Didit's webhook serialization, reimplemented from its Python helpers:
 * `json.dumps(shorten_floats(payload), sort_keys=True, separators=(",", ":"), ensure_ascii=...)`.
 * Written independently of the API's verifier on purpose, so the two cross-check each other.
 */

export interface CanonicalJsonOptions {
  /** `true` escapes every non-ASCII character as lowercase `\uXXXX` (what goes on the wire). */
  ensureAscii: boolean;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function unicodeEscape(codeUnit: number): string {
  return `\\u${codeUnit.toString(16).padStart(4, '0')}`;
}

function serializeString(value: string, ensureAscii: boolean): string {
  let out = '"';
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!;
    const codeUnit = value.charCodeAt(index);
    const short = SHORT_ESCAPES[char];
    if (short) out += short;
    else if (codeUnit < 0x20) out += unicodeEscape(codeUnit);
    // Lone surrogates cannot be encoded as UTF-8, so they are escaped even when non-ASCII is kept.
    else if (ensureAscii && codeUnit > 0x7f) out += unicodeEscape(codeUnit);
    else if (codeUnit >= 0xd800 && codeUnit <= 0xdfff && !isPairedSurrogate(value, index)) {
      out += unicodeEscape(codeUnit);
    } else out += char;
  }
  return `${out}"`;
}

function isPairedSurrogate(value: string, index: number): boolean {
  const codeUnit = value.charCodeAt(index);
  if (codeUnit <= 0xdbff) {
    const next = value.charCodeAt(index + 1);
    return next >= 0xdc00 && next <= 0xdfff;
  }
  const previous = value.charCodeAt(index - 1);
  return previous >= 0xd800 && previous <= 0xdbff;
}

/**
 * Python prints integer-valued floats as ints after `shorten_floats`, uses exponent notation below 1e-4
 * (`1e-05`, two-digit exponent) and never for the doubles that still have a fraction (all below 2^52).
 */
export function serializeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`Cannot serialize ${value} as JSON`);
  if (Number.isInteger(value)) return BigInt(value).toString();
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4) {
    const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(value);
}

/** Python's `sort_keys` orders by code point; JavaScript's default sort uses UTF-16 code units. */
export function compareCodePoints(left: string, right: string): number {
  const leftPoints = Array.from(left, (char) => char.codePointAt(0)!);
  const rightPoints = Array.from(right, (char) => char.codePointAt(0)!);
  const length = Math.min(leftPoints.length, rightPoints.length);
  for (let index = 0; index < length; index++) {
    const difference = leftPoints[index]! - rightPoints[index]!;
    if (difference !== 0) return difference;
  }
  return leftPoints.length - rightPoints.length;
}

export function canonicalJson(value: unknown, options: CanonicalJsonOptions): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return serializeNumber(value);
    case 'string':
      return serializeString(value, options.ensureAscii);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item, options)).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([left], [right]) => compareCodePoints(left, right));
      const members = entries.map(
        ([key, item]) => `${serializeString(key, options.ensureAscii)}:${canonicalJson(item, options)}`,
      );
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`Cannot serialize a ${typeof value} as JSON`);
  }
}
