/**
 * The one canonical JSON of the project: Didit's webhook V2 signature input, the audit hash chain,
 * idempotency fingerprints and payload hashes all use it, so two values that differ in any key never
 * serialize to the same bytes.
 *
 * Didit signs webhooks with Python's `json.dumps(shorten_floats(payload), sort_keys=True,
 * separators=(",", ":"), ensure_ascii=...)`. Reproducing that byte for byte in JavaScript needs care
 * in three places JSON.stringify differs: key order (code points, not UTF-16 units), number
 * formatting (Python `repr`), and ASCII escaping. Every own enumerable key is written, `__proto__`
 * included: keys are read with Object.keys and never assigned onto a fresh object (an assignment of
 * `__proto__` would set the prototype and drop the key).
 */

export interface CanonicalJsonOptions {
  /** true reproduces the raw body Didit sends (X-Signature); false the X-Signature-V2 input. */
  ensureAscii: boolean;
}

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

export function canonicalizeDiditJson(value: unknown, options: CanonicalJsonOptions): string {
  if (value === undefined) throw new CanonicalJsonError('cannot canonicalize undefined');
  const parts: string[] = [];
  writeValue(value, options.ensureAscii, parts);
  return parts.join('');
}

/**
 * Canonical JSON with non-ASCII kept (the X-Signature-V2 form). Like JSON.stringify, an object property
 * whose value is undefined is left out and an undefined array item is written as null, so snapshots built
 * with optional fields hash the same whether a field is absent or undefined.
 */
export function canonicalJson(value: unknown): string {
  return canonicalizeDiditJson(value, { ensureAscii: false });
}

function writeValue(value: unknown, ensureAscii: boolean, out: string[]): void {
  if (value === null || value === undefined) {
    out.push('null');
  } else if (typeof value === 'boolean') {
    out.push(value ? 'true' : 'false');
  } else if (typeof value === 'number') {
    out.push(formatPythonNumber(value));
  } else if (typeof value === 'bigint') {
    out.push(value.toString());
  } else if (typeof value === 'string') {
    out.push(formatPythonString(value, ensureAscii));
  } else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, index) => {
      if (index > 0) out.push(',');
      writeValue(item, ensureAscii, out);
    });
    out.push(']');
  } else if (typeof value === 'object') {
    const toJson = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJson === 'function') {
      writeValue(toJson.call(value), ensureAscii, out);
      return;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort(compareByCodePoint);
    out.push('{');
    keys.forEach((key, index) => {
      if (index > 0) out.push(',');
      out.push(formatPythonString(key, ensureAscii), ':');
      writeValue(record[key], ensureAscii, out);
    });
    out.push('}');
  } else {
    throw new CanonicalJsonError(`cannot canonicalize a value of type ${typeof value}`);
  }
}

/**
 * `shorten_floats` turns every integer-valued float into a Python int, which prints all its digits
 * (1e21 → 1000000000000000000000). Other floats print with `repr`: shortest round-trip digits, and
 * exponent notation when the decimal exponent is below -4 (Python `1e-05`, JavaScript `0.00001`).
 * A non-integer float is never ≥ 2^53, so the large-exponent branch of `repr` cannot occur here.
 */
export function formatPythonNumber(value: number): string {
  if (!Number.isFinite(value)) throw new CanonicalJsonError('JSON numbers must be finite');
  if (Number.isInteger(value)) return BigInt(value).toString();
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent >= -4) return String(value);
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * Python escapes `"`, `\\` and control characters exactly as JSON.stringify does (short forms for
 * \b \f \n \r \t, lowercase \u00xx otherwise). With ensure_ascii it also escapes everything outside
 * printable ASCII (including DEL), astral characters as their surrogate pair.
 */
function formatPythonString(value: string, ensureAscii: boolean): string {
  const escaped = JSON.stringify(value);
  if (!ensureAscii) return escaped;
  return escaped.replace(/[^\x20-\x7e]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Python sorts str keys by code point; JavaScript's default sort compares UTF-16 code units. The two
 * orders differ only where a surrogate meets a unit above it, so units are compared directly until the
 * first difference and only a difference involving a surrogate takes the slow path.
 */
export function compareByCodePoint(left: string, right: string): number {
  const shorter = Math.min(left.length, right.length);
  for (let index = 0; index < shorter; index++) {
    const leftUnit = left.charCodeAt(index);
    const rightUnit = right.charCodeAt(index);
    if (leftUnit === rightUnit) continue;
    if (!isSurrogate(leftUnit) && !isSurrogate(rightUnit)) return leftUnit - rightUnit;
    return compareCodePointArrays(left, right);
  }
  return left.length - right.length;
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

function compareCodePointArrays(left: string, right: string): number {
  const leftPoints = Array.from(left, (char) => char.codePointAt(0) ?? 0);
  const rightPoints = Array.from(right, (char) => char.codePointAt(0) ?? 0);
  const length = Math.min(leftPoints.length, rightPoints.length);
  for (let index = 0; index < length; index++) {
    const difference = (leftPoints[index] ?? 0) - (rightPoints[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return leftPoints.length - rightPoints.length;
}

/**
 * JSON.parse, except that integers beyond 2^53 become bigint so their digits survive
 * canonicalization (Python ints are exact). Throws SyntaxError on invalid JSON, like JSON.parse.
 */
export function parseJsonKeepingLargeIntegers(text: string): unknown {
  // Validate with the engine's parser first: the hand-written walk below then never sees bad input.
  const plain: unknown = JSON.parse(text);
  if (!/\d{16,}/.test(text)) return plain;
  const parser = new LosslessParser(text);
  const value = parser.parseValue();
  return value;
}

class LosslessParser {
  private position = 0;

  constructor(private readonly text: string) {}

  parseValue(): unknown {
    this.skipWhitespace();
    const char = this.text[this.position];
    if (char === '{') return this.parseObject();
    if (char === '[') return this.parseArray();
    if (char === '"') return this.parseString();
    if (char === 't') return this.consumeLiteral('true', true);
    if (char === 'f') return this.consumeLiteral('false', false);
    if (char === 'n') return this.consumeLiteral('null', null);
    return this.parseNumber();
  }

  /** Steps past an opening bracket; true when the container closes at once (and steps past that too). */
  private enterContainer(close: '}' | ']'): boolean {
    this.position++;
    this.skipWhitespace();
    if (this.text[this.position] !== close) return false;
    this.position++;
    return true;
  }

  private parseObject(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    if (this.enterContainer('}')) return result;
    for (;;) {
      this.skipWhitespace();
      const key = this.parseString();
      this.skipWhitespace();
      this.position++; // ':'
      // defineProperty, not assignment: a "__proto__" key must stay a plain own property.
      Object.defineProperty(result, key, {
        value: this.parseValue(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipWhitespace();
      const separator = this.text[this.position++];
      if (separator === '}') return result;
    }
  }

  private parseArray(): unknown[] {
    const result: unknown[] = [];
    if (this.enterContainer(']')) return result;
    for (;;) {
      result.push(this.parseValue());
      this.skipWhitespace();
      const separator = this.text[this.position++];
      if (separator === ']') return result;
    }
  }

  private parseString(): string {
    const start = this.position;
    this.position++;
    while (this.text[this.position] !== '"') {
      this.position += this.text[this.position] === '\\' ? 2 : 1;
    }
    this.position++;
    return JSON.parse(this.text.slice(start, this.position)) as string;
  }

  private parseNumber(): number | bigint {
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.position));
    const lexeme = match?.[0] ?? '';
    this.position += lexeme.length;
    const isIntegerLexeme = match?.[1] === undefined && match?.[2] === undefined;
    const asNumber = Number(lexeme);
    return isIntegerLexeme && !Number.isSafeInteger(asNumber) ? BigInt(lexeme) : asNumber;
  }

  private consumeLiteral<T>(word: string, value: T): T {
    this.position += word.length;
    return value;
  }

  private skipWhitespace(): void {
    while (/[ \t\n\r]/.test(this.text[this.position] ?? '')) this.position++;
  }
}
