import { createHmac } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export interface WebhookSignatures {
  /** The exact bytes Didit puts on the wire: canonical JSON with non-ASCII escaped. */
  rawBody: string;
  /** HMAC over `rawBody`. */
  signature: string;
  /** HMAC over the canonical JSON with non-ASCII kept, UTF-8 encoded. */
  signatureV2: string;
  /** HMAC over `"{timestamp}:{session_id}:{status}:{webhook_type}"`. */
  signatureSimple: string;
}

export function hmacSha256Hex(secret: string, message: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(message, 'utf8')).digest('hex');
}

function envelopeField(payload: Record<string, unknown>, field: string): string {
  const value = payload[field];
  return value === undefined || value === null ? '' : String(value);
}

export function simpleSignatureInput(payload: Record<string, unknown>): string {
  return ['timestamp', 'session_id', 'status', 'webhook_type']
    .map((field) => envelopeField(payload, field))
    .join(':');
}

export function signWebhookPayload(payload: Record<string, unknown>, secret: string): WebhookSignatures {
  const rawBody = canonicalJson(payload, { ensureAscii: true });
  const unescaped = canonicalJson(payload, { ensureAscii: false });
  return {
    rawBody,
    signature: hmacSha256Hex(secret, rawBody),
    signatureV2: hmacSha256Hex(secret, unescaped),
    signatureSimple: hmacSha256Hex(secret, simpleSignatureInput(payload)),
  };
}
