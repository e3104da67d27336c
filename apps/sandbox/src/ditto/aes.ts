import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { DittoAesConfig } from './config';

/**
 * Ditto's AES as we assume it (docs/providers/ditto.md §3.3): a JCA transformation over the UTF-8 JSON, with the
 * result Base64-encoded as the body. Written independently of the API's implementation (padding done by
 * hand, GCM tag split by hand) so a test that round-trips between the two catches a shared mistake.
 */
const GCM_TAG_BYTES = 16;

function material(config: DittoAesConfig) {
  const key = Buffer.from(config.key, config.keyEncoding);
  const iv = Buffer.from(config.ivParamSpec, config.keyEncoding);
  const mode = config.cipherSpec === 'AES/GCM/NoPadding' ? 'gcm' : 'cbc';
  return { key, iv, algorithm: `aes-${key.length * 8}-${mode}` as const, mode };
}

function pkcs5Pad(data: Buffer): Buffer {
  const padding = 16 - (data.length % 16);
  return Buffer.concat([data, Buffer.alloc(padding, padding)]);
}

function pkcs5Unpad(data: Buffer): Buffer {
  const padding = data.at(-1) ?? 0;
  if (padding < 1 || padding > 16 || padding > data.length) throw new Error('bad padding');
  for (let i = data.length - padding; i < data.length; i++)
    if (data[i] !== padding) throw new Error('bad padding');
  return data.subarray(0, data.length - padding);
}

export function dittoEncrypt(plaintext: string, config: DittoAesConfig): string {
  const { key, iv, algorithm, mode } = material(config);
  if (mode === 'gcm') {
    const cipher = createCipheriv(algorithm as 'aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(Buffer.from(plaintext, 'utf8')), cipher.final()]);
    return Buffer.concat([body, cipher.getAuthTag()]).toString('base64');
  }
  const cipher = createCipheriv(algorithm, key, iv).setAutoPadding(false);
  return Buffer.concat([cipher.update(pkcs5Pad(Buffer.from(plaintext, 'utf8'))), cipher.final()]).toString(
    'base64',
  );
}

export function dittoDecrypt(wire: string, config: DittoAesConfig): string {
  const { key, iv, algorithm, mode } = material(config);
  const bytes = Buffer.from(wire.trim(), 'base64');
  if (mode === 'gcm') {
    const decipher = createDecipheriv(algorithm as 'aes-256-gcm', key, iv);
    decipher.setAuthTag(bytes.subarray(bytes.length - GCM_TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(0, bytes.length - GCM_TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
  const decipher = createDecipheriv(algorithm, key, iv).setAutoPadding(false);
  return pkcs5Unpad(Buffer.concat([decipher.update(bytes), decipher.final()])).toString('utf8');
}
