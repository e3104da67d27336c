import { createCipheriv, createDecipheriv } from 'node:crypto';
import { DITTO_GCM_TAG_BYTES } from './assumptions';
import type { DittoAesSettings } from './config';

const BASE64_BODY = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/** Why a body could not be decrypted; never includes key material or plaintext. */
export class DittoDecryptionError extends Error {
  override name = 'DittoDecryptionError';
}

function nodeAlgorithm(settings: DittoAesSettings): string {
  const mode = settings.transformation === 'AES/GCM/NoPadding' ? 'gcm' : 'cbc';
  return `aes-${settings.key.length * 8}-${mode}`;
}

/** Base64 of the ciphertext (‖ tag for GCM), as Java's `Cipher.doFinal` + `Base64.getEncoder()` produce it. */
export function encryptDittoBody(plaintext: string, settings: DittoAesSettings): string {
  const cipher = createCipheriv(nodeAlgorithm(settings), settings.key, settings.iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag =
    settings.transformation === 'AES/GCM/NoPadding'
      ? (cipher as unknown as { getAuthTag(): Buffer }).getAuthTag()
      : Buffer.alloc(0);
  return Buffer.concat([body, tag]).toString('base64');
}

/** Inverse of `encryptDittoBody`; tolerates surrounding whitespace and a JSON string wrapper. */
export function decryptDittoBody(wire: string, settings: DittoAesSettings): string {
  let text = wire.trim();
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) text = text.slice(1, -1);
  if (text.length === 0 || !BASE64_BODY.test(text)) {
    throw new DittoDecryptionError('the body is not Base64');
  }
  const bytes = Buffer.from(text, 'base64');
  try {
    if (settings.transformation === 'AES/GCM/NoPadding') {
      if (bytes.length < DITTO_GCM_TAG_BYTES)
        throw new DittoDecryptionError('the body is shorter than a GCM tag');
      const decipher = createDecipheriv(nodeAlgorithm(settings), settings.key, settings.iv, {
        authTagLength: DITTO_GCM_TAG_BYTES,
      } as never) as unknown as {
        setAuthTag(tag: Buffer): void;
        update(data: Buffer): Buffer;
        final(): Buffer;
      };
      decipher.setAuthTag(bytes.subarray(bytes.length - DITTO_GCM_TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(bytes.subarray(0, bytes.length - DITTO_GCM_TAG_BYTES)),
        decipher.final(),
      ]);
      return decodeUtf8(plain);
    }
    if (bytes.length === 0 || bytes.length % 16 !== 0) {
      throw new DittoDecryptionError('the ciphertext is not a whole number of AES blocks');
    }
    const decipher = createDecipheriv(nodeAlgorithm(settings), settings.key, settings.iv);
    return decodeUtf8(Buffer.concat([decipher.update(bytes), decipher.final()]));
  } catch (error) {
    if (error instanceof DittoDecryptionError) throw error;
    // OpenSSL says "bad decrypt" / "unable to authenticate data"; the key or IV is wrong or the body was altered.
    throw new DittoDecryptionError('the body does not decrypt with the configured key and IV');
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
function decodeUtf8(bytes: Buffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new DittoDecryptionError('the decrypted body is not UTF-8');
  }
}
