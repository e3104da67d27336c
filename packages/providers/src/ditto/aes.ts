import { createCipheriv, createDecipheriv } from 'node:crypto';
import { DITTO_GCM_TAG_BYTES, type DittoAesTransformation } from './assumptions';

export interface DittoAesSettings {
  transformation: DittoAesTransformation;
  key: Buffer;
  iv: Buffer;
}

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
    // Padding is checked here rather than by OpenSSL so that a bad pad and a good one cost the same
    // work: every pad byte is compared, and the UTF-8 decode runs in both cases before deciding.
    decipher.setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(bytes), decipher.final()]);
    const padLength = pkcs7PadLength(padded);
    const text = decodeUtf8OrNull(padded.subarray(0, padded.length - (padLength || 0)));
    if (padLength === 0) throw new DittoDecryptionError('the PKCS#5 padding is invalid');
    if (text === null) throw new DittoDecryptionError('the decrypted body is not UTF-8');
    return text;
  } catch (error) {
    if (error instanceof DittoDecryptionError) throw error;
    // OpenSSL says "bad decrypt" / "unable to authenticate data"; the key or IV is wrong or the body was altered.
    throw new DittoDecryptionError('the body does not decrypt with the configured key and IV');
  }
}

/** The pad length (1–16) of a PKCS#5/#7 padded buffer, or 0 when the padding is invalid; no early exit. */
function pkcs7PadLength(padded: Buffer): number {
  const last = padded[padded.length - 1] ?? 0;
  let bad = last === 0 || last > 16 ? 1 : 0;
  for (let offset = 1; offset <= 16; offset++) {
    const byte = padded[padded.length - offset] ?? 0;
    // Bytes inside the pad must equal its length; bytes before it are data and compared to nothing.
    if (offset <= last && byte !== last) bad |= 1;
  }
  return bad ? 0 : last;
}

function decodeUtf8OrNull(bytes: Buffer): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
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
