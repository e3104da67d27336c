import { randomBytes } from 'node:crypto';
import { encodeRgbPng } from '../png';

/** An RGB PNG; `noise` fills it with random pixels so it does not compress (for multi-MB bodies). */
export function pngImage(
  width: number,
  height: number,
  colour: readonly [number, number, number],
  noise = false,
): Buffer {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0;
    const pixels = noise ? randomBytes(width * 3) : null;
    for (let x = 0; x < width; x++) {
      const offset = y * row + 1 + x * 3;
      raw[offset] = pixels ? pixels[x * 3]! : colour[0];
      raw[offset + 1] = pixels ? pixels[x * 3 + 1]! : colour[1];
      raw[offset + 2] = pixels ? pixels[x * 3 + 2]! : colour[2];
    }
  }
  return encodeRgbPng(width, height, raw);
}

/** Base64 PNG of about `bytes` bytes (before Base64), or a tiny 8×8 placeholder when `bytes` is unset. */
export function placeholderImageBase64(colour: readonly [number, number, number], bytes?: number): string {
  if (!bytes) return pngImage(8, 8, colour).toString('base64');
  const side = Math.max(8, Math.ceil(Math.sqrt(bytes / 3)));
  return pngImage(side, side, colour, true).toString('base64');
}
