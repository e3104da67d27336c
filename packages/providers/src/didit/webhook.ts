import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalizeDiditJson, parseJsonKeepingLargeIntegers } from '../canonical-json';
import { DiditWebhookEnvelope } from './schemas';

export const DIDIT_SIGNATURE_V2_HEADER = 'x-signature-v2';
export const DIDIT_SIGNATURE_RAW_HEADER = 'x-signature';
export const DIDIT_SIGNATURE_SIMPLE_HEADER = 'x-signature-simple';
export const DIDIT_WEBHOOK_TOLERANCE_SECONDS = 300;

export type DiditWebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/**
 * Bounds on the structure of a body before it is canonicalized for X-Signature-V2. Sorting keys and
 * re-serializing costs far more than the HMAC over the raw bytes, and an unsigned sender can choose the
 * body: a decision with many AML hits has a few thousand keys, nothing legitimate comes near these.
 */
export const DIDIT_WEBHOOK_MAX_KEYS = 20_000;
export const DIDIT_WEBHOOK_MAX_DEPTH = 32;

export interface VerifyDiditWebhookInput {
  /** The body exactly as received; never a re-serialized object. */
  rawBody: Uint8Array | string;
  headers: DiditWebhookHeaders;
  /** Current secret first, then the previous one while a rotation is under way. */
  secrets: readonly string[];
  nowMs: number;
  toleranceSeconds?: number;
  maxKeys?: number;
  maxDepth?: number;
}

export type DiditWebhookRejection =
  | 'no_secret'
  | 'missing_signature'
  | 'bad_signature'
  | 'malformed'
  | 'too_complex'
  | 'stale';

export type DiditWebhookVerification =
  | { ok: true; envelope: DiditWebhookEnvelope; signature: 'v2' | 'raw' }
  | { ok: false; reason: DiditWebhookRejection };

/**
 * Verifies a Didit webhook (docs/reliability.md R1–R3): X-Signature over the received bytes first, because it
 * costs one HMAC; only when that does not verify, X-Signature-V2 over the canonical JSON, and only for a
 * body within DIDIT_WEBHOOK_MAX_KEYS / _MAX_DEPTH (measured on the text, before parsing). Accepting
 * either is what Didit specifies, so the order changes cost, not outcome. X-Signature-Simple is never
 * enough on its own: it covers neither the decision nor the metadata. Freshness is checked on the signed
 * body `timestamp`, because the X-Timestamp header is not covered by any signature.
 */
export function verifyDiditWebhook(input: VerifyDiditWebhookInput): DiditWebhookVerification {
  const secrets = input.secrets.filter((secret) => secret.length > 0);
  if (secrets.length === 0) return { ok: false, reason: 'no_secret' };

  const signatureV2 = readHeader(input.headers, DIDIT_SIGNATURE_V2_HEADER);
  const signatureRaw = readHeader(input.headers, DIDIT_SIGNATURE_RAW_HEADER);
  if (signatureV2 === undefined && signatureRaw === undefined)
    return { ok: false, reason: 'missing_signature' };

  const bodyBytes = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody, 'utf8') : input.rawBody;
  let bodyText: string;
  try {
    bodyText = new TextDecoder('utf-8', { fatal: true }).decode(bodyBytes);
  } catch {
    return { ok: false, reason: 'malformed' };
  }

  let signature: 'v2' | 'raw' | undefined;
  if (signatureRaw !== undefined && matchesAnySecret(secrets, bodyBytes, signatureRaw)) {
    signature = 'raw';
  } else if (signatureV2 !== undefined) {
    const shape = measureJsonText(bodyText, input.maxDepth ?? DIDIT_WEBHOOK_MAX_DEPTH);
    if (shape.keys > (input.maxKeys ?? DIDIT_WEBHOOK_MAX_KEYS) || shape.tooDeep) {
      return { ok: false, reason: 'too_complex' };
    }
    let canonical: string;
    try {
      canonical = canonicalizeDiditJson(parseJsonKeepingLargeIntegers(bodyText), { ensureAscii: false });
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (matchesAnySecret(secrets, Buffer.from(canonical, 'utf8'), signatureV2)) signature = 'v2';
  }
  if (signature === undefined) return { ok: false, reason: 'bad_signature' };

  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const envelope = DiditWebhookEnvelope.safeParse(body);
  if (!envelope.success) return { ok: false, reason: 'malformed' };

  const toleranceSeconds = input.toleranceSeconds ?? DIDIT_WEBHOOK_TOLERANCE_SECONDS;
  const ageSeconds = input.nowMs / 1000 - envelope.data.timestamp;
  if (Math.abs(ageSeconds) > toleranceSeconds) return { ok: false, reason: 'stale' };

  return { ok: true, envelope: envelope.data, signature };
}

/**
 * Counts object keys (a `:` outside strings) and tracks nesting in one pass over the text, without
 * building anything. Invalid JSON is measured too; the parser refuses it afterwards.
 */
export function measureJsonText(text: string, maxDepth: number): { keys: number; tooDeep: boolean } {
  let keys = 0;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (inString) {
      if (unit === 0x5c)
        index++; // backslash: skip the escaped unit
      else if (unit === 0x22) inString = false;
    } else if (unit === 0x22) {
      inString = true;
    } else if (unit === 0x7b || unit === 0x5b) {
      depth++;
      if (depth > maxDepth) return { keys, tooDeep: true };
    } else if (unit === 0x7d || unit === 0x5d) {
      depth--;
    } else if (unit === 0x3a) {
      keys++;
    }
  }
  return { keys, tooDeep: false };
}

export interface DiditWebhookSignatures {
  raw: string;
  v2: string;
  simple: string;
}

/**
 * The three signatures Didit would put on this body. For tests, the sandbox and diagnostics;
 * verification never relies on `simple`.
 */
export function computeDiditWebhookSignatures(
  rawBody: Uint8Array | string,
  secret: string,
): DiditWebhookSignatures {
  const bodyBytes = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const parsed = parseJsonKeepingLargeIntegers(new TextDecoder('utf-8', { fatal: true }).decode(bodyBytes));
  const envelope = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const simpleInput = ['timestamp', 'session_id', 'status', 'webhook_type']
    .map((field) => pythonStr(envelope[field]))
    .join(':');
  return {
    raw: hmacHex(secret, bodyBytes),
    v2: hmacHex(secret, Buffer.from(canonicalizeDiditJson(parsed, { ensureAscii: false }), 'utf8')),
    simple: hmacHex(secret, Buffer.from(simpleInput, 'utf8')),
  };
}

/** Python's `str(data.get(field, ""))` for the scalar envelope fields Simple covers. */
function pythonStr(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

function hmacHex(secret: string, data: Uint8Array): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(data).digest('hex');
}

function matchesAnySecret(secrets: readonly string[], data: Uint8Array, receivedHex: string): boolean {
  const received = Buffer.from(receivedHex, 'utf8');
  let matched = false;
  // Every secret is tried (no early exit) so timing does not reveal which one matched.
  for (const secret of secrets) {
    const expected = Buffer.from(hmacHex(secret, data), 'utf8');
    if (expected.length === received.length && timingSafeEqual(expected, received)) matched = true;
  }
  return matched;
}

function readHeader(headers: DiditWebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) return first.trim();
  }
  return undefined;
}
