import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([length, typed, crc]);
}

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
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Base64 PNG of about `bytes` bytes (before Base64), or a tiny 8×8 placeholder when `bytes` is unset. */
export function placeholderImageBase64(colour: readonly [number, number, number], bytes?: number): string {
  if (!bytes) return pngImage(8, 8, colour).toString('base64');
  const side = Math.max(8, Math.ceil(Math.sqrt(bytes / 3)));
  return pngImage(side, side, colour, true).toString('base64');
}
