import { encodeRgbPng, PNG_SIGNATURE } from '../png';
import { IMAGE_RULES } from './assumptions';
import { badRequest, payloadTooLarge } from './errors';

export type ImageMimeType = (typeof IMAGE_RULES.mimeTypes)[number];

export interface ImageInfo {
  mimeType: ImageMimeType;
  width: number;
  height: number;
  bytes: number;
}

const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Checks one uploaded image against the seed's rules (base64, JPEG or PNG matching the declared MIME type,
 * ≤ 15 MB, each side < 8000 px, longest side > 300 px). Only the header is read: the pixels are never
 * kept, because they are the subject's PII and the sandbox has no use for them.
 */
export function validateUploadedImage(
  field: string,
  base64: string,
  declaredMimeType: string | undefined,
): ImageInfo {
  const mimeType = declaredMimeType ?? IMAGE_RULES.defaultMimeType;
  if (!(IMAGE_RULES.mimeTypes as readonly string[]).includes(mimeType)) {
    throw badRequest(`${field}: mime type must be one of ${IMAGE_RULES.mimeTypes.join(', ')}`);
  }
  if (base64.length % 4 !== 0 || !BASE64_PATTERN.test(base64)) {
    throw badRequest(`${field}: not valid base64`);
  }
  const decodedBytes = (base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
  if (decodedBytes > IMAGE_RULES.maxBytes) throw payloadTooLarge(`${field}: image larger than 15 MB`);
  const info = readImageHeader(Buffer.from(base64, 'base64'));
  if (!info) throw badRequest(`${field}: not a JPEG or PNG image`);
  if (info.mimeType !== mimeType)
    throw badRequest(`${field}: image content is ${info.mimeType}, declared ${mimeType}`);
  if (Math.max(info.width, info.height) >= IMAGE_RULES.maxSideExclusive) {
    throw badRequest(`${field}: each side must be smaller than ${IMAGE_RULES.maxSideExclusive} px`);
  }
  if (Math.max(info.width, info.height) <= IMAGE_RULES.minLongestSideExclusive) {
    throw badRequest(`${field}: longest side must be larger than ${IMAGE_RULES.minLongestSideExclusive} px`);
  }
  return info;
}

/** Reads the format and dimensions from a PNG IHDR chunk or a JPEG start-of-frame segment. */
export function readImageHeader(bytes: Buffer): ImageInfo | null {
  if (
    bytes.length >= 24 &&
    bytes.subarray(0, 8).equals(PNG_SIGNATURE) &&
    bytes.toString('latin1', 12, 16) === 'IHDR'
  ) {
    return {
      mimeType: 'image/png',
      width: bytes.readUInt32BE(16),
      height: bytes.readUInt32BE(20),
      bytes: bytes.length,
    };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return readJpegFrame(bytes);
  return null;
}

function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function readJpegFrame(bytes: Buffer): ImageInfo | null {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2; // markers without a length
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) return null;
      return {
        mimeType: 'image/jpeg',
        height: bytes.readUInt16BE(offset + 5),
        width: bytes.readUInt16BE(offset + 7),
        bytes: bytes.length,
      };
    }
    if (length < 2) return null;
    offset += 2 + length;
  }
  return null;
}

/**
 * A real, decodable single-colour PNG of the given size, base64-encoded. Lets tests and scenario
 * creation upload valid documents without shipping image files (or anyone's face).
 */
export function createSyntheticPngBase64(
  width = 640,
  height = 400,
  rgb: [number, number, number] = [200, 210, 220],
) {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x += 1) row.set(rgb, 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return encodeRgbPng(width, height, pixels).toString('base64');
}
