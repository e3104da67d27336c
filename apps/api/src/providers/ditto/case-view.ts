import { DittoMediaKey } from '@backoffice/contracts';
import type { CaseRow } from '@backoffice/db';
import { dittoMediaBase64, parseStoredDittoPayload } from '@backoffice/providers/ditto';
import { AppError, notFound } from '../../platform/errors';
import type { MediaFile } from '../types';

/** Content type from the image's own first bytes: the submitted payload does not say. */
function imageTypeOf(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** Ditto pushes its images inside the submission; they are served from the stored payload. */
export function dittoMedia(row: CaseRow, rawKey: string): MediaFile {
  const key = DittoMediaKey.safeParse(rawKey);
  if (!key.success) throw new AppError(400, 'invalid_media_key', `Unknown image "${rawKey}".`);
  const payload = parseStoredDittoPayload(row.payload);
  const base64 = payload ? dittoMediaBase64(payload, key.data) : null;
  if (!base64) throw notFound(`Image ${key.data} of case ${row.id}`);
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  const contentType = imageTypeOf(bytes);
  // Anything but PNG or JPEG is refused rather than served with a guessed type.
  if (!contentType) throw new AppError(422, 'unsupported_image', `Image ${key.data} is not a PNG or JPEG.`);
  return { bytes, contentType };
}
